// The packaged extension in a trusted workspace, checked only through what the page shows: the
// demo workspace (one healthy module, one private module without GOPRIVATE, one that stalls),
// served by the lab proxy. The steps run in this order because each starts from the screen the
// one before left, and because a re-check turns the cached healthy module from "ok" to "skipped":
// the tree is looked at first, right after the check that the view's Check Now link starts.

import * as assert from 'node:assert/strict';
import { waitForFile, type Run, type Session } from './harness';
import type { DemoLab } from './lab';

const PRIVATE = 'corp.example.com/team/lib';
const PRIVATE_LINE = 7;
const STALL_LINE = 8;

export async function trustedSteps(run: Run, session: Session, lab: DemoLab, options: { tmp: string; vsix: string }): Promise<void> {
  const labHost = new URL(lab.proxyUrl).host;
  const goenv = lab.sandbox.goenvFile; // the sandbox's GOENV: `go env -w` writes there

  await run.step(
    session,
    'open-workbench',
    120_000,
    async () => {
      await session.open({ tmp: options.tmp, vsix: options.vsix, workspace: lab.root, env: lab.serverEnv, untrusted: false });
      // The workspace checks only when asked (runOn "manual"): the view's welcome text offers
      // Check Now, and nothing has asked the lab proxy anything yet.
      const { tree, goproxy } = session.ui;
      await tree.activityItem.click();
      await tree.checkNowLink.waitFor({ timeout: 30_000 });
      const requests = () => lab.prepared.proxies.reduce((sum, proxy) => sum + proxy.requests.length, 0);
      assert.equal(requests(), 0, 'nothing ran before Check Now');
      await tree.checkNowLink.click();
      // The status-bar item shows the lab proxy once that check has finished (the stall limit makes
      // it take about 3 s), and the tree lists the modules instead of the welcome text.
      await goproxy.waitIdle(labHost, 60_000);
      await tree.row(PRIVATE).waitFor({ timeout: 30_000 });
      assert.ok(requests() > 0, 'Check Now asked the lab proxy');
    },
    { opens: true },
  );

  await run.step(session, 'module-tree', 30_000, async () => {
    const { tree, page } = session.ui;
    await tree.open();
    for (const [module, status] of [
      [PRIVATE, 'failed'],
      ['example.com/healthy', 'ok'],
      ['example.com/slow', 'stalled'],
    ] as const) {
      await tree.row(module).waitFor();
      assert.match(await tree.description(module), new RegExp(`· ${status}\\b`), `${module} should be ${status}`);
    }
    const request = await tree.expand('example.com/healthy', /GET http:\/\/127\.0\.0\.1:\d+\/example\.com\/healthy\/@v\/v1\.0\.0\.zip/);
    assert.match((await request.textContent()) ?? '', /200/);
    await tree.expand(PRIVATE, /404 Not Found/); // its error row: the checksum database's answer
    await tree.expand('example.com/slow', /example\.com\/slow\/@v\/v0\.3\.0\.zip/); // the request that stalled
    await tree.widen(760);
    const bar = (await tree.sideBar.boundingBox())!;
    const last = (await tree.rows.last().boundingBox())!;
    await run.docShot(page, 'module-tree', { x: bar.x, y: bar.y, width: bar.width, height: last.y + last.height + 8 - bar.y });
  });

  await run.step(session, 'squiggle-and-hover', 60_000, async () => {
    const { editor, palette, page } = session.ui;
    await session.ui.settle();
    await palette.run('View: Close Primary Side Bar'); // the editor gets the width: the hover is wide
    await palette.openFile('go.mod');
    const line = await editor.waitForSquiggle(PRIVATE_LINE, 30_000);
    assert.match(line.text, /corp\.example\.com\/team\/lib v1\.2\.0/, `line ${PRIVATE_LINE} is the private module's require line`);
    await editor.waitForSquiggle(STALL_LINE); // the stalled module
    await editor.waitForNoSquiggle(6); // the healthy one has none
    const hover = await editor.hover(PRIVATE_LINE);
    await hover.filter({ hasText: 'Quick Fix' }).waitFor(); // the hover's own "checking for quick fixes…" is done
    const text = (await hover.textContent()) ?? '';
    assert.match(text, /GOPRIVATE/);
    assert.match(text, /private-module-sumdb/);
    const box = (await editor.area.boundingBox())!;
    const card = (await hover.boundingBox())!;
    await run.docShot(page, 'squiggle-hover', {
      x: box.x,
      y: box.y,
      width: Math.min(box.width, card.x + card.width + 24 - box.x),
      height: Math.max(260, card.y + card.height + 8 - box.y),
    });
  });

  await run.step(session, 'problems-panel', 30_000, async () => {
    const { problems } = session.ui;
    await session.ui.settle();
    await problems.open();
    const privateRow = problems.row(`${PRIVATE}@v1.2.0 looks private`);
    await privateRow.waitFor();
    assert.match((await privateRow.textContent()) ?? '', /GOPRIVATE.*Go Dependency Health.*\[Ln 7, Col 2\]/);
    const stallRow = problems.row('No progress for 3 s on example.com/slow@v0.3.0');
    await stallRow.waitFor();
    assert.match((await stallRow.textContent()) ?? '', /Go Dependency Health.*\[Ln 8, Col 2\]/);
    assert.equal(await problems.rows.filter({ hasText: 'Go Dependency Health' }).count(), 2, 'two problems, both ours');
    await problems.close();
  });

  await run.step(session, 'diagnose-report', 90_000, async () => {
    const { palette, report, page } = session.ui;
    await session.ui.settle();
    await palette.run('Go Dependency Health: Diagnose Downloads');
    await report.heading.filter({ hasText: 'Go module downloads' }).waitFor({ timeout: 60_000 });
    await report.document.locator('h3', { hasText: 'private-module-sumdb' }).waitFor();
    await report.tab.waitFor();
    // A narrower, taller page for the picture: lines wrap, and the findings fit under the header.
    await page.setViewportSize({ width: 1040, height: 1150 });
    await report.document.locator('h3', { hasText: 'private-module-sumdb' }).waitFor();
    await run.docShot(report.area, 'report');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await run.step(session, 'goproxy-picker', 60_000, async () => {
    const { goproxy, dialog, page } = session.ui;
    await session.ui.settle();
    await goproxy.waitIdle(labHost, 30_000);
    await goproxy.openPicker();
    const probed = await goproxy.waitForProbes([lab.proxyUrl, 'direct', 'off'], 20_000);
    // Each row now carries its probe's answer: latency for a reachable proxy, or what failed.
    assert.match(probed.get(lab.proxyUrl)!, /current.*(\d+ ms|reachable|refused|failed|timed out|error)/i);
    assert.match(probed.get('direct')!, /no proxy/);
    assert.match(probed.get('off')!, /no downloads/);
    console.log(
      `      probe of the lab proxy: ${probed
        .get(lab.proxyUrl)!
        .replace(/^.*current\s*/, '')
        .replace(/similar commands$/, '')}`,
    );
    const box = (await goproxy.picker.boundingBox())!;
    await run.docShot(page, 'goproxy-picker', { x: box.x - 12, y: Math.max(0, box.y - 12), width: box.width + 24, height: box.height + 24 });
    await goproxy.choose('direct', 'Go env file (go env -w)');
    assert.match(await dialog.text(), /go env -w GOPROXY=direct/);
    await dialog.press('Apply');
    await waitForFile(goenv, (text) => /^GOPROXY=direct$/m.test(text), 20_000, 'GOPROXY=direct in the GOENV file');
  });

  await run.step(session, 'undo-goproxy', 60_000, async () => {
    const { palette, goproxy } = session.ui;
    await session.ui.settle();
    await palette.run('Go Dependency Health: Undo Last Fix');
    await waitForFile(goenv, (text) => !/^GOPROXY=/m.test(text), 20_000, 'GOPROXY gone from the GOENV file');
    // Undo checks again; let that finish so the next step starts from a settled editor.
    await goproxy.waitBusy(10_000);
    await goproxy.waitIdle(labHost, 30_000);
  });

  await run.step(session, 'quick-fix', 90_000, async () => {
    const { editor, dialog, page } = session.ui;
    await session.ui.settle();
    await page.locator('.tabs-container .tab', { hasText: 'go.mod' }).first().click();
    const menu = await editor.openQuickFixes(PRIVATE_LINE);
    // GONOSUMDB, not GOPRIVATE: the lab proxy keeps serving the module; GOPRIVATE would send go
    // to the module's origin on the network.
    const fix = menu.locator('.monaco-list-row', { hasText: `Add corp.example.com to GONOSUMDB` });
    await fix.waitFor();
    const box = (await editor.area.boundingBox())!;
    await run.docShot(page, 'quick-fix', { x: box.x, y: box.y, width: Math.min(box.width, 860), height: 300 });
    await fix.click();
    const input = page.locator('.quick-input-widget', { hasText: 'GONOSUMDB pattern' });
    await input.waitFor();
    assert.equal(await input.locator('input').inputValue(), 'corp.example.com');
    await page.keyboard.press('Enter');
    assert.match(await dialog.text(), /go env -w GONOSUMDB=corp\.example\.com/);
    await dialog.press('Apply');
    // The fix checks again: the private module's squiggle goes, the stalled one's stays.
    await editor.waitForNoSquiggle(PRIVATE_LINE, 60_000);
    await editor.waitForSquiggle(STALL_LINE, 5_000);
    await waitForFile(goenv, (text) => /^GONOSUMDB=corp\.example\.com$/m.test(text), 5_000, 'GONOSUMDB in the GOENV file');
  });
}
