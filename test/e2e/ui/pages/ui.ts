// Every surface of one workbench page, for the steps: `ui.palette.run(…)`, `ui.tree.row(…)`, …

import type { Page } from 'playwright-core';
import { Dialog } from './dialog';
import { Editor } from './editor';
import { ExtensionsView } from './extensions';
import { Palette } from './palette';
import { Problems } from './problems';
import { ReportPreview } from './report';
import { GoProxyStatus } from './statusBar';
import { ModuleTree } from './tree';

export const EXTENSION_ID = 'go-dependency-health.go-dependency-health';

export class Ui {
  readonly palette: Palette;
  readonly editor: Editor;
  readonly problems: Problems;
  readonly tree: ModuleTree;
  readonly goproxy: GoProxyStatus;
  readonly dialog: Dialog;
  readonly report: ReportPreview;
  readonly extensions: ExtensionsView;

  constructor(readonly page: Page) {
    this.palette = new Palette(page);
    this.editor = new Editor(page);
    this.problems = new Problems(page, this.palette);
    this.tree = new ModuleTree(page);
    this.goproxy = new GoProxyStatus(page);
    this.dialog = new Dialog(page);
    this.report = new ReportPreview(page);
    this.extensions = new ExtensionsView(page, EXTENSION_ID);
  }

  /** Closes what a step may have left open (a quick input, a menu, a hover) and clears notification toasts. */
  async settle(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
    await this.page.mouse.move(1, 400); // off any hover
    if (await this.page.locator('.notification-toast').count()) await this.palette.run('Notifications: Clear All Notifications');
  }
}
