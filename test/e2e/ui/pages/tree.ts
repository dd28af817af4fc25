// The "Module Downloads" view in the Go Dependency Health side bar.

import type { Locator, Page } from 'playwright-core';

export class ModuleTree {
  constructor(private readonly page: Page) {}

  /** The view container's icon in the activity bar. */
  get activityItem(): Locator {
    return this.page.locator('.activitybar .action-label[aria-label="Go Dependency Health"]');
  }

  get sideBar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  get rows(): Locator {
    return this.sideBar.locator('.pane-body .monaco-list-row');
  }

  /** The row whose label starts with `label` (its description follows it in the text). */
  row(label: string): Locator {
    return this.rows.filter({ hasText: label }).first();
  }

  /** The description next to a row's label, e.g. "v1.0.0 · ok · 0.04 s". */
  async description(label: string): Promise<string> {
    return (await this.row(label).locator('.label-description').textContent()) ?? '';
  }

  /** The Check Now link of the welcome text the view shows while nothing has been checked. */
  get checkNowLink(): Locator {
    return this.welcomeLink('Check Now');
  }

  /** A link of the view's welcome text, by its words (in the display language). */
  welcomeLink(text: string): Locator {
    return this.sideBar.locator('.welcome-view-content a', { hasText: text });
  }

  /** Shows the view (a click on the icon of a view container already shown would hide it) and waits for a row. */
  async open(): Promise<void> {
    const item = this.page.locator('.activitybar .action-item', { has: this.page.locator('.action-label[aria-label="Go Dependency Health"]') });
    if (!/\bchecked\b/.test((await item.getAttribute('class')) ?? '')) await this.activityItem.click();
    await this.rows.first().waitFor();
  }

  /** Expands a collapsed row (a click toggles it) and waits for a child row containing `child`. */
  async expand(label: string, child: string | RegExp): Promise<Locator> {
    const row = this.row(label);
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    const found = this.rows.filter({ hasText: child }).first();
    await found.waitFor();
    return found;
  }

  /** Drags the side bar's edge so long rows fit (for a readable screenshot). */
  async widen(toX: number): Promise<void> {
    const box = await this.sideBar.boundingBox();
    if (!box) return;
    const edge = box.x + box.width + 1;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(edge, y);
    await this.page.mouse.down();
    await this.page.mouse.move((edge + toX) / 2, y, { steps: 4 });
    await this.page.mouse.move(toX, y, { steps: 4 });
    await this.page.mouse.up();
  }
}
