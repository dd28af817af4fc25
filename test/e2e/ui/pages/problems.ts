// The Problems panel, opened and closed through the palette as a user would.

import type { Locator, Page } from 'playwright-core';
import type { Palette } from './palette';

export class Problems {
  constructor(
    private readonly page: Page,
    private readonly palette: Palette,
  ) {}

  get panel(): Locator {
    return this.page.locator('.part.panel');
  }

  /** The marker rows (a file row first, then one row per problem). */
  get rows(): Locator {
    return this.page.locator('.markers-panel .monaco-list-row');
  }

  /** The problem row whose text contains `text`. */
  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text }).first();
  }

  async open(): Promise<void> {
    await this.palette.run('Problems: Focus on Problems View');
    await this.rows.first().waitFor();
  }

  async close(): Promise<void> {
    await this.palette.run('View: Hide Panel');
    await this.panel.waitFor({ state: 'hidden' });
  }
}
