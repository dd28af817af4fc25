// VS Code's modal dialog (showWarningMessage with modal: true): the fix preview with "Apply".

import type { Locator, Page } from 'playwright-core';

export class Dialog {
  constructor(private readonly page: Page) {}

  get box(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** Waits for the dialog and returns its text (title, detail, buttons). */
  async text(): Promise<string> {
    await this.box.waitFor({ state: 'visible' });
    return (await this.box.textContent()) ?? '';
  }

  /** Clicks a button by its label and waits for the dialog to close. */
  async press(label: string): Promise<void> {
    await this.box.locator('.monaco-button', { hasText: label }).click();
    await this.box.waitFor({ state: 'hidden' });
  }
}
