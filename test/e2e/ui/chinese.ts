// The packaged extension with VS Code's display language set to Simplified Chinese (a stand-in
// language pack and code-server's --locale, languagePack.ts): its view, its welcome text, the
// diagnostic on go.mod, the hover, the quick fixes and the fix's confirmation speak Chinese, while
// module paths, GOPRIVATE/GONOSUMDB and the `go env -w` command stay as they are. The same demo
// workspace as the English session (one healthy module, one private module without GOPRIVATE, one
// that stalls), served by the lab proxy.

import * as assert from 'node:assert/strict';
import { waitForFile, type Run, type Session } from './harness';
import type { DemoLab } from './lab';

const PRIVATE = 'corp.example.com/team/lib';
const PRIVATE_LINE = 7;
const STALL_LINE = 8;

export async function chineseSteps(run: Run, session: Session, lab: DemoLab, options: { tmp: string; vsix: string }): Promise<void> {
  const labHost = new URL(lab.proxyUrl).host;

  await run.step(
    session,
    'zh-open-workbench',
    120_000,
    async () => {
      await session.open({ tmp: options.tmp, vsix: options.vsix, workspace: lab.root, env: lab.serverEnv, untrusted: false, locale: 'zh-cn' });
      const { tree, goproxy, page } = session.ui;
      // The workbench itself took the language (from the language pack and --locale)…
      assert.equal(await page.evaluate('globalThis._VSCODE_NLS_LANGUAGE'), 'zh-cn');
      await tree.activityItem.click();
      // …and so did the extension: its welcome text comes from package.nls.zh-cn.json.
      await tree.welcomeLink('立即检查').waitFor({ timeout: 30_000 });
      await tree.welcomeLink('立即检查').click();
      await goproxy.waitIdle(labHost, 60_000);
      await tree.row(PRIVATE).waitFor({ timeout: 30_000 });
    },
    { opens: true },
  );

  await run.step(session, 'zh-module-tree', 30_000, async () => {
    const { tree, page } = session.ui;
    await tree.open();
    // The view's name from package.nls.zh-cn.json, the statuses from the catalogue.
    // (A container with one view hides the view's own header; its aria-label still names it.)
    await tree.sideBar.locator('.pane-header[aria-label^="模块下载"]').waitFor({ state: 'attached' });
    for (const [module, status] of [
      [PRIVATE, '失败'],
      ['example.com/healthy', '成功'],
      ['example.com/slow', '停滞'],
    ] as const) {
      await tree.row(module).waitFor();
      assert.match(await tree.description(module), new RegExp(`· ${status}`), `${module} should be ${status}`);
    }
    await tree.expand(PRIVATE, /404 Not Found/); // go's own words stay as go printed them
    await tree.expand('example.com/slow', /example\.com\/slow\/@v\/v0\.3\.0\.zip/);
    await tree.widen(760);
    const bar = (await tree.sideBar.boundingBox())!;
    const last = (await tree.rows.last().boundingBox())!;
    await run.docShot(page, 'zh-module-tree', { x: bar.x, y: bar.y, width: bar.width, height: last.y + last.height + 8 - bar.y });
  });

  await run.step(session, 'zh-squiggle-and-hover', 60_000, async () => {
    const { editor, palette, page } = session.ui;
    await session.ui.settle();
    await palette.run('View: Close Primary Side Bar');
    await palette.openFile('go.mod');
    await editor.waitForSquiggle(PRIVATE_LINE, 30_000);
    await editor.waitForSquiggle(STALL_LINE);
    const hover = await editor.hover(PRIVATE_LINE);
    await hover.filter({ hasText: '快速修复' }).waitFor(); // the workbench's own "Quick Fix...", in Chinese
    const text = (await hover.textContent()) ?? '';
    assert.match(text, /corp\.example\.com\/team\/lib@v1\.2\.0 看起来是私有模块/, 'the diagnostic in Chinese, the module path as it is');
    assert.match(text, /GOPRIVATE/);
    assert.match(text, /private-module-sumdb/, 'the class id (the diagnostic code) is not translated');
    const box = (await editor.area.boundingBox())!;
    const card = (await hover.boundingBox())!;
    await run.docShot(page, 'zh-squiggle-hover', {
      x: box.x,
      y: box.y,
      width: Math.min(box.width, card.x + card.width + 24 - box.x),
      height: Math.max(260, card.y + card.height + 8 - box.y),
    });
  });

  await run.step(session, 'zh-problems', 30_000, async () => {
    const { problems } = session.ui;
    await session.ui.settle();
    await problems.open();
    await problems.row('example.com/slow@v0.3.0 在 3 秒内没有任何进展').waitFor();
    await problems.close();
  });

  await run.step(session, 'zh-quick-fix', 90_000, async () => {
    const { editor, dialog, page } = session.ui;
    await session.ui.settle();
    await page.locator('.tabs-container .tab', { hasText: 'go.mod' }).first().click();
    const menu = await editor.openQuickFixes(PRIVATE_LINE);
    const fix = menu.locator('.monaco-list-row', { hasText: '把 corp.example.com 添加到 GONOSUMDB（仍然通过模块代理获取）' });
    await fix.waitFor();
    await menu.locator('.monaco-list-row', { hasText: '把 corp.example.com 添加到 GOPRIVATE' }).waitFor();
    const box = (await editor.area.boundingBox())!;
    await run.docShot(page, 'zh-quick-fix', { x: box.x, y: box.y, width: Math.min(box.width, 860), height: 300 });
    await fix.click();
    // The pattern box (vscode.l10n: l10n/bundle.l10n.zh-cn.json), then the confirmation with the preview in Chinese.
    const input = page.locator('.quick-input-widget', { hasText: 'GONOSUMDB 模式' });
    await input.waitFor();
    assert.equal(await input.locator('input').inputValue(), 'corp.example.com');
    await page.keyboard.press('Enter');
    const confirmation = await dialog.text();
    assert.match(confirmation, /修复：把 corp\.example\.com 添加到 GONOSUMDB/);
    assert.match(confirmation, /执行：\s+go env -w GONOSUMDB=corp\.example\.com/);
    await dialog.press('应用');
    await editor.waitForNoSquiggle(PRIVATE_LINE, 60_000);
    await waitForFile(lab.sandbox.goenvFile, (text) => /^GONOSUMDB=corp\.example\.com$/m.test(text), 5_000, 'GONOSUMDB in the GOENV file');
  });
}
