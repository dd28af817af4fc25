// The go.mod editor: squiggles on a line, their hover, and the quick-fix menu. Monaco positions
// its lines absolutely, so "line 7" is found through the gutter's line number, and the
// `.view-line` and `.squiggly-error` boxes are compared with that row. The mouse is moved by
// coordinates: playwright's locator actions scroll editor internals into view, which scrolls the
// whole workbench out of place.

import type { Locator, Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LineState {
  /** The text of the `.view-line` on that line. */
  text: string;
  /** Boxes of the `.squiggly-error` decorations within that line's row. */
  squiggles: Box[];
}

/**
 * Runs in the page (as source text, so no bundler helper sneaks in): the state of a line of the
 * active editor when it satisfies `want`, else null. want: 'any' | 'squiggle' | 'clean'.
 */
const LINE_STATE = `({ line, want }) => {
  const editor = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
  if (!editor) return null;
  const gutter = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find((node) => node.textContent.trim() === String(line));
  if (!gutter) return null;
  const row = gutter.getBoundingClientRect();
  const boxes = (selector) => [...editor.querySelectorAll(selector)]
    .map((node) => ({ node, box: node.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && box.top >= row.top - 1 && box.bottom <= row.bottom + 1);
  const viewLine = boxes('.view-line')[0];
  const squiggles = boxes('.squiggly-error').map(({ box }) => ({ x: box.x, y: box.y, width: box.width, height: box.height }));
  // Monaco renders spaces as no-break spaces.
  const state = { text: viewLine ? viewLine.node.textContent.replace(/\u00a0/g, ' ') : '', squiggles };
  if (want === 'squiggle' && squiggles.length === 0) return null;
  if (want === 'clean' && squiggles.length > 0) return null;
  return state;
}`;

export class Editor {
  constructor(private readonly page: Page) {}

  private async waitForLine(line: number, want: 'any' | 'squiggle' | 'clean', timeout?: number): Promise<LineState> {
    const handle = await this.page.waitForFunction(`(${LINE_STATE})(${JSON.stringify({ line, want })})`, undefined, { timeout });
    return (await handle.jsonValue()) as LineState;
  }

  lineState(line: number): Promise<LineState> {
    return this.waitForLine(line, 'any');
  }

  /** Waits until `line` carries an error squiggle. */
  waitForSquiggle(line: number, timeout?: number): Promise<LineState> {
    return this.waitForLine(line, 'squiggle', timeout);
  }

  /** Waits until `line` has no error squiggle (it is still rendered). */
  waitForNoSquiggle(line: number, timeout?: number): Promise<LineState> {
    return this.waitForLine(line, 'clean', timeout);
  }

  /** Moves the mouse onto the line's squiggle and waits for the hover; returns it. */
  async hover(line: number): Promise<Locator> {
    const [squiggle] = (await this.waitForSquiggle(line)).squiggles;
    const x = squiggle!.x + squiggle!.width / 2;
    const y = squiggle!.y + squiggle!.height / 2;
    // Two moves: the hover starts on a mouse *move* within the editor.
    await this.page.mouse.move(x - 5, y);
    await this.page.mouse.move(x, y);
    const hover = this.page.locator('.monaco-hover:not(.hidden)').first();
    await hover.waitFor({ state: 'visible' });
    return hover;
  }

  /**
   * Puts the cursor on the line's squiggle and opens the quick-fix menu; returns the menu. Waits
   * for the lightbulb first (the code actions are known then): a Ctrl+. pressed before that can
   * come to nothing on a busy machine, so it is pressed again when no menu follows (three tries).
   */
  async openQuickFixes(line: number): Promise<Locator> {
    const [squiggle] = (await this.waitForSquiggle(line)).squiggles;
    await this.page.mouse.click(squiggle!.x + 10, squiggle!.y + squiggle!.height / 2);
    await this.page.locator('.editor-group-container.active .lightBulbWidget').waitFor({ state: 'visible' });
    // The first .action-widget is the menu; the second is its (empty) submenu panel.
    const menu = this.page.locator('.action-widget').first();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+Period');
      try {
        await menu.locator('.monaco-list-row').first().waitFor({ timeout: 5_000 });
        return menu;
      } catch (error) {
        if (attempt === 3) throw error;
        console.log(`      no quick-fix menu 5 s after Ctrl+. (try ${attempt}): pressing it again`);
      }
    }
  }

  /** The editor area of the workbench (for cropped screenshots). */
  get area(): Locator {
    return this.page.locator('.part.editor');
  }
}
