// The Extensions view: how the installed extension is listed, and its hover (which tells why it
// is disabled in Restricted Mode).

import type { Locator, Page } from 'playwright-core';

export class ExtensionsView {
  constructor(
    private readonly page: Page,
    private readonly extensionId: string,
  ) {}

  get activityItem(): Locator {
    return this.page.locator('.activitybar .action-label[aria-label^="Extensions"]');
  }

  get row(): Locator {
    return this.page.locator(`.extensions-viewlet .monaco-list-row[data-extension-id="${this.extensionId}"]`);
  }

  async open(): Promise<void> {
    await this.activityItem.click();
    await this.row.waitFor();
  }

  /**
   * Hovers the extension's row and returns the text of the hover card. The card shows on the
   * mouse *entering* the row; the list re-renders its rows while it loads, and a row rendered
   * under a still mouse never gets that event, so the mouse leaves and enters again (three tries).
   */
  async hoverText(): Promise<string> {
    const hover = this.page.locator('.extension-hover:visible').first();
    for (let attempt = 1; ; attempt++) {
      const box = await this.row.boundingBox();
      if (!box) throw new Error('the extension row is not on screen');
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height + 40); // below the row
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      try {
        await hover.waitFor({ timeout: 4_000 });
        return (await hover.textContent()) ?? '';
      } catch (error) {
        if (attempt === 3) throw error;
        console.log(`      no hover card 4 s after entering the extension's row (try ${attempt}): entering again`);
      }
    }
  }
}
