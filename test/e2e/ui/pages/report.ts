// The "Diagnose Downloads" report: a Markdown preview, i.e. a webview (an iframe holding the
// rendered document in an inner iframe).

import type { FrameLocator, Locator, Page } from 'playwright-core';

export class ReportPreview {
  constructor(private readonly page: Page) {}

  /** The preview's tab (its title is "Preview <document>"). */
  get tab(): Locator {
    return this.page.locator('.tabs-container .tab', { hasText: /^Preview / }).first();
  }

  get document(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
  }

  /** The rendered report's first heading. */
  get heading(): Locator {
    return this.document.locator('h1').first();
  }

  /** The editor group that shows the preview (for a cropped screenshot). */
  get area(): Locator {
    return this.page.locator('.part.editor');
  }
}
