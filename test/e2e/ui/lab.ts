// The lab's demo workspace as the UI tests (and `npm run demo -- --open`) open it: the demo
// scenario's module proxy and Go sandbox (test/lab/scenarios.ts), plus the workspace settings
// the extension needs there — the same as test/e2e/host/runWithLab.ts.

import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { GO } from '../../lab/goSandbox';
import { DEMO, openScenario } from '../../lab/scenarios';

/** What the extension host needs from the sandbox: Go's and git's settings, nothing else. */
const PASSED_ON = ['GOPROXY', 'GOPATH', 'GOMODCACHE', 'GOCACHE', 'GOENV', 'GOTOOLCHAIN', 'GOFLAGS', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'HOME'];

export type DemoLab = Awaited<ReturnType<typeof openScenario>> & {
  /** For code-server, which hands it to the extension host. */
  serverEnv: Record<string, string>;
  proxyUrl: string;
};

/** `runOn`: the workspace's goDependencyHealth.runOn (default: the extension's own, openAndSave). */
export async function openDemoLab(options: { runOn?: 'openAndSave' | 'save' | 'manual' } = {}): Promise<DemoLab> {
  const opened = await openScenario(DEMO);
  const proxyUrl = opened.env.GOPROXY!;
  const settings = {
    // As a Go extension user sets it: code-server resolves the extension host's PATH from a login
    // shell of the sandbox HOME, which does not know where Go is installed.
    'go.goroot': path.dirname(path.dirname(GO)),
    'goDependencyHealth.stallTimeoutSeconds': DEMO.inactivitySeconds,
    // Only choices that stay on this machine: the lab proxy, and two that need no network to probe.
    'goDependencyHealth.proxyChoices': [proxyUrl, 'direct', 'off'],
    ...(options.runOn ? { 'goDependencyHealth.runOn': options.runOn } : {}),
  };
  mkdirSync(path.join(opened.root, '.vscode'), { recursive: true });
  writeFileSync(path.join(opened.root, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  const serverEnv: Record<string, string> = {};
  for (const key of PASSED_ON) if (opened.env[key] !== undefined) serverEnv[key] = opened.env[key]!;
  return { ...opened, serverEnv, proxyUrl };
}
