// The status-bar GOPROXY item and the picker it opens: the choices with their probe results,
// then where to write the chosen value.

import type { Locator, Page } from 'playwright-core';

/** The item's DOM id is "<publisher>.<name>.<item id>". */
const ITEM = '.statusbar-item[id="go-dependency-health.go-dependency-health.goDependencyHealth.goproxy"]';

export class GoProxyStatus {
  constructor(private readonly page: Page) {}

  get item(): Locator {
    return this.page.locator(ITEM);
  }

  get picker(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  get rows(): Locator {
    return this.picker.locator('.quick-input-list .monaco-list-row');
  }

  /**
   * Waits until no check is running (no spinning sync icon) and the item shows `goproxy`, which
   * it learns from the first finished check: before that it shows a placeholder, and the picker
   * would offer the default proxy as "current".
   */
  async waitIdle(goproxy: string, timeout?: number): Promise<void> {
    await this.page.locator(`${ITEM}:not(:has(.codicon-sync))`, { hasText: goproxy }).waitFor({ timeout });
  }

  /** Waits until a check is running (the sync icon spins). */
  async waitBusy(timeout?: number): Promise<void> {
    await this.page.locator(`${ITEM}:has(.codicon-sync)`).waitFor({ timeout });
  }

  /** Clicks the item; resolves when the picker lists its choices. */
  async openPicker(): Promise<void> {
    await this.item.click();
    await this.picker.locator('.quick-input-title', { hasText: 'GOPROXY' }).waitFor();
    await this.rows.first().waitFor();
  }

  /** A choice's row (its label is the GOPROXY value). */
  row(value: string): Locator {
    return this.rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
  }

  /** Waits until every probe has answered (no row says "measuring…"); returns each row's text. */
  async waitForProbes(values: string[], timeout?: number): Promise<Map<string, string>> {
    for (const value of values) await this.row(value).waitFor();
    await this.picker.filter({ hasNotText: 'measuring' }).waitFor({ timeout });
    const texts = new Map<string, string>();
    for (const value of values) texts.set(value, (await this.row(value).textContent()) ?? '');
    return texts;
  }

  /** Chooses a value, then the place to write it (by its label); the preview dialog follows. */
  async choose(value: string, target: string): Promise<void> {
    await this.row(value).click();
    await this.picker.locator('.quick-input-title', { hasText: `Write GOPROXY=${value}` }).waitFor();
    await this.rows.filter({ hasText: target }).first().click();
  }
}
