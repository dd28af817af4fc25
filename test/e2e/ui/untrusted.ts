// The packaged extension in an untrusted workspace (a second code-server, workspace trust on, a
// fresh copy of the demo workspace and sandbox). The manifest declares
// `untrustedWorkspaces.supported: "limited"`: the extension loads, its view says why nothing runs,
// and nothing may run — even when asked: the sandbox's module cache stays empty, the lab proxy is
// never asked, no `go` process exists.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { Run, Session } from './harness';
import type { DemoLab } from './lab';

/** `go` processes started with this sandbox's environment (read from /proc: no event to wait on). */
function goProcessesOf(sandboxDir: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (!/(^|\/)go$/.test(argv0)) continue;
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').includes(sandboxDir)) found.push(Number(pid));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

export async function untrustedSteps(run: Run, session: Session, lab: DemoLab, options: { tmp: string; vsix: string }): Promise<void> {
  await run.step(
    session,
    'untrusted-restricted-mode',
    120_000,
    async () => {
      await session.open({ tmp: options.tmp, vsix: options.vsix, workspace: lab.root, env: lab.serverEnv, untrusted: true });
      const { page, palette, tree } = session.ui;
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor({ timeout: 30_000 });
      await palette.openFile('go.mod'); // opening go.mod would start a check in a trusted workspace
      await page.locator('.tabs-container .tab', { hasText: 'go.mod' }).waitFor();
      await tree.activityItem.click();
      const welcome = tree.sideBar.locator('.welcome-view-content', { hasText: 'untrusted workspace' });
      await welcome.waitFor({ timeout: 30_000 });
      assert.match((await welcome.textContent()) ?? '', /runs nothing in an untrusted workspace/);
    },
    { opens: true },
  );

  await run.step(session, 'untrusted-asked-and-idle', 60_000, async () => {
    // Asked explicitly, it still runs nothing.
    await session.ui.palette.run('Go Dependency Health: Check Module Downloads Now');
    await session.ui.settle();
    assert.deepEqual(readdirSync(lab.sandbox.gomodcache), [], 'the sandbox module cache is empty');
    assert.equal(
      lab.prepared.proxies.reduce((sum, proxy) => sum + proxy.requests.length, 0),
      0,
      'the lab proxy was never asked',
    );
    assert.deepEqual(goProcessesOf(lab.sandbox.dir), [], 'no go process runs for this workspace');
  });
}
