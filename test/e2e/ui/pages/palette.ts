// The command palette and Quick Open (F1): run a command by its title, open a file by name.

import type { Locator, Page } from 'playwright-core';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Palette {
  constructor(private readonly page: Page) {}

  get widget(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  get rows(): Locator {
    return this.page.locator('.quick-input-list .monaco-list-row');
  }

  /** Opens the palette with `text` typed (a leading '>' means commands; without it, files). */
  async type(text: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.widget.locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
  }

  /** The row whose label starts with `label` (rows also hold descriptions and keybindings). */
  row(label: string): Locator {
    return this.rows.filter({ hasText: new RegExp(`^\\s*${escape(label)}`) }).first();
  }

  /** Runs a command by its full title, e.g. "Go Dependency Health: Diagnose Downloads". */
  async run(title: string): Promise<void> {
    await this.type(`>${title}`);
    await this.row(title).click();
  }

  /** Opens a workspace file through Quick Open. */
  async openFile(name: string): Promise<void> {
    await this.type(name);
    await this.row(name).click();
  }

  /** The palette lists no command at all for `text` ("No matching commands"). */
  async hasNoCommandsFor(text: string): Promise<boolean> {
    await this.type(`>${text}`);
    await this.rows.filter({ hasText: 'No matching commands' }).waitFor();
    const count = await this.rows.filter({ hasText: text }).count();
    await this.page.keyboard.press('Escape');
    return count === 0;
  }
}
