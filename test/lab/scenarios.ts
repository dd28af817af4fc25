// Download situations reproduced for real with the lab: one definition each, used by the
// integration tests (which run the engine on them) and by scripts/record-traces.ts (which records
// what the real `go` prints, for the parser's unit tests). Nothing here needs the internet.

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createGoSandbox, GO, type GoSandbox } from './goSandbox';
import { ModuleProxy, type FaultRule, type LabModule, type SumDbOptions } from './moduleProxy';

export const APP = 'example.com/app';
export const HEALTHY: LabModule = { path: 'example.com/healthy', version: 'v1.0.0', files: { 'healthy.go': 'package healthy\n\nconst OK = true\n' } };
export const OTHER: LabModule = { path: 'example.com/Other/tool', version: 'v0.4.1', files: { 'tool.go': 'package tool\n', 'sub/sub.go': 'package sub\n' } };
export const PRIVATE: LabModule = { path: 'corp.example.com/team/lib', version: 'v1.2.0', files: { 'lib.go': 'package lib\n' } };
export const SLOW: LabModule = { path: 'example.com/slow', version: 'v0.3.0', files: { 'slow.go': `package slow\n\n// ${'padding '.repeat(4000)}\n` } };
export const MISSING = { path: 'example.com/missing', version: 'v1.0.0' };
/** Requires MISSING; its go.mod says go 1.16, so Go loads the whole graph below it (no pruning). */
export const PARENT: LabModule = {
  path: 'example.com/parent',
  version: 'v1.1.0',
  files: { 'go.mod': `module example.com/parent\n\ngo 1.16\n\nrequire ${MISSING.path} ${MISSING.version}\n`, 'parent.go': 'package parent\n' },
};

/** A go.mod requiring the modules in order: the first requirement is on line 6, the next on 7, … */
export function goModRequiring(modules: { path: string; version: string }[]): string {
  const lines = [`module ${APP}`, '', 'go 1.21', '', 'require ('];
  for (const module of modules) lines.push(`\t${module.path} ${module.version}`);
  lines.push(')', '');
  return lines.join('\n');
}

/** The go.mod line of the nth requirement written by goModRequiring. */
export const requireLine = (index: number): number => 6 + index;

export interface ScenarioContext {
  sandbox: GoSandbox;
  startProxy(options: { modules?: LabModule[]; sumdb?: SumDbOptions; faults?: FaultRule[] }): Promise<ModuleProxy>;
}

export interface PreparedScenario {
  /** The workspace: go.mod (and go.sum) contents. */
  files: Record<string, string>;
  /** Added to the sandbox's environment. */
  env: Record<string, string>;
  /** A `go` other than the real one on PATH (a wrapper that still runs the real go), when needed. */
  goPath?: string;
  /** The proxies, for assertions on what they were asked. */
  proxies: ModuleProxy[];
}

export interface Scenario {
  name: string;
  what: string;
  inactivitySeconds?: number;
  prepare(context: ScenarioContext): Promise<PreparedScenario>;
}

function goSum(proxy: ModuleProxy, modules: LabModule[]): string {
  return modules.flatMap((module) => proxy.goSumLines(module.path, module.version)).join('\n') + '\n';
}

/** A loopback port nothing listens on: bind an ephemeral port, then let it go. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A `go` wrapper whose host lookups use /etc/hosts only (a private mount namespace with its own
 * nsswitch.conf), so an unknown name fails with Go's real "no such host" without any DNS query
 * leaving the machine.
 */
export function offlineDnsGo(sandbox: GoSandbox): string {
  const nsswitch = path.join(sandbox.dir, 'nsswitch.conf');
  fs.writeFileSync(nsswitch, 'hosts: files\n');
  const wrapper = path.join(sandbox.dir, 'go-offline-dns');
  const script = `#!/bin/sh\nexec unshare -m --propagation private sh -c 'mount --bind "$1" /etc/nsswitch.conf && shift && exec "$@"' sh ${nsswitch} ${GO} "$@"\n`;
  fs.writeFileSync(wrapper, script, { mode: 0o755 });
  return wrapper;
}

const healthyOnly = async (
  context: ScenarioContext,
  goproxy: (a: ModuleProxy, b: ModuleProxy) => string,
  firstFault: FaultRule['fault'],
): Promise<PreparedScenario> => {
  const first = await context.startProxy({ modules: [], faults: [{ module: HEALTHY.path, fault: firstFault }] });
  const second = await context.startProxy({ modules: [HEALTHY] });
  return {
    files: { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSum(second, [HEALTHY]) },
    env: { GOPROXY: goproxy(first, second) },
    proxies: [first, second],
  };
};

export const SCENARIOS: Scenario[] = [
  {
    name: 'healthy',
    what: 'two modules served by the proxy, hashes in go.sum',
    async prepare(context) {
      const proxy = await context.startProxy({ modules: [HEALTHY, OTHER], sumdb: { mode: 'not-found' } });
      return { files: { 'go.mod': goModRequiring([HEALTHY, OTHER]), 'go.sum': goSum(proxy, [HEALTHY, OTHER]) }, env: { GOPROXY: proxy.url }, proxies: [proxy] };
    },
  },
  {
    name: 'proxy-404',
    what: 'the only GOPROXY entry does not have a module (404), no direct fallback',
    async prepare(context) {
      const proxy = await context.startProxy({ modules: [HEALTHY] });
      return { files: { 'go.mod': goModRequiring([HEALTHY, MISSING]), 'go.sum': goSum(proxy, [HEALTHY]) }, env: { GOPROXY: proxy.url }, proxies: [proxy] };
    },
  },
  {
    name: 'transitive-404',
    what: 'a required module requires a module the proxy does not have',
    async prepare(context) {
      const proxy = await context.startProxy({ modules: [HEALTHY, PARENT] });
      return {
        files: { 'go.mod': goModRequiring([HEALTHY, PARENT]), 'go.sum': goSum(proxy, [HEALTHY, PARENT]) },
        env: { GOPROXY: proxy.url },
        proxies: [proxy],
      };
    },
  },
  {
    name: 'proxy-410',
    what: 'the proxy answers 410 Gone for a module',
    async prepare(context) {
      const proxy = await context.startProxy({
        modules: [HEALTHY, OTHER],
        faults: [{ module: OTHER.path, fault: { kind: 'status', status: 410, body: 'gone: removed by the proxy' } }],
      });
      return { files: { 'go.mod': goModRequiring([HEALTHY, OTHER]), 'go.sum': goSum(proxy, [HEALTHY, OTHER]) }, env: { GOPROXY: proxy.url }, proxies: [proxy] };
    },
  },
  {
    name: 'comma-404-falls-through',
    what: 'GOPROXY=a,b: a answers 404, so Go asks b, which has it',
    prepare: (context) => healthyOnly(context, (a, b) => `${a.url},${b.url}`, { kind: 'status', status: 404 }),
  },
  {
    name: 'comma-500-stops',
    what: 'GOPROXY=a,b: a answers 500, and "," does not fall through on errors',
    prepare: (context) => healthyOnly(context, (a, b) => `${a.url},${b.url}`, { kind: 'status', status: 500, body: 'internal error' }),
  },
  {
    name: 'pipe-500-falls-through',
    what: 'GOPROXY=a|b: a answers 500, "|" falls through on any error',
    prepare: (context) => healthyOnly(context, (a, b) => `${a.url}|${b.url}`, { kind: 'status', status: 500, body: 'internal error' }),
  },
  {
    name: 'private-sumdb',
    what: 'a private module the checksum database does not know, GOPRIVATE unset',
    async prepare(context) {
      const proxy = await context.startProxy({ modules: [HEALTHY, PRIVATE], sumdb: { mode: 'not-found' } });
      return { files: { 'go.mod': goModRequiring([HEALTHY, PRIVATE]), 'go.sum': goSum(proxy, [HEALTHY]) }, env: { GOPROXY: proxy.url }, proxies: [proxy] };
    },
  },
  {
    name: 'stall-body',
    what: 'the proxy sends 200 and part of a zip, then goes silent',
    inactivitySeconds: 2,
    async prepare(context) {
      const proxy = await context.startProxy({
        modules: [HEALTHY, SLOW],
        faults: [{ module: SLOW.path, file: 'zip', fault: { kind: 'stall-body', afterBytes: 200 } }],
      });
      return { files: { 'go.mod': goModRequiring([HEALTHY, SLOW]), 'go.sum': goSum(proxy, [HEALTHY, SLOW]) }, env: { GOPROXY: proxy.url }, proxies: [proxy] };
    },
  },
  {
    name: 'connection-refused',
    what: 'GOPROXY points at a loopback port where nothing listens',
    async prepare() {
      const port = await closedPort();
      return { files: { 'go.mod': goModRequiring([HEALTHY]) }, env: { GOPROXY: `http://127.0.0.1:${port}` }, proxies: [] };
    },
  },
  {
    name: 'dns',
    what: 'GOPROXY names a host that does not resolve',
    prepare(context) {
      return Promise.resolve({
        files: { 'go.mod': goModRequiring([HEALTHY]) },
        env: { GOPROXY: 'https://goproxy.nonexistent.invalid' },
        goPath: offlineDnsGo(context.sandbox),
        proxies: [],
      });
    },
  },
  {
    name: 'proxy-401',
    what: 'the proxy wants credentials (401)',
    async prepare(context) {
      const proxy = await context.startProxy({
        modules: [HEALTHY],
        faults: [{ module: HEALTHY.path, fault: { kind: 'status', status: 401, body: 'login required' } }],
      });
      return { files: { 'go.mod': goModRequiring([HEALTHY]), 'go.sum': goSum(proxy, [HEALTHY]) }, env: { GOPROXY: proxy.url }, proxies: [proxy] };
    },
  },
  {
    name: 'checksum-mismatch',
    what: 'the proxy serves different code than go.sum recorded',
    async prepare(context) {
      const proxy = await context.startProxy({ modules: [HEALTHY, OTHER], faults: [{ module: OTHER.path, file: 'zip', fault: { kind: 'wrong-content' } }] });
      return { files: { 'go.mod': goModRequiring([HEALTHY, OTHER]), 'go.sum': goSum(proxy, [HEALTHY, OTHER]) }, env: { GOPROXY: proxy.url }, proxies: [proxy] };
    },
  },
  {
    name: 'corrupt-zip',
    what: 'the proxy serves bytes that are not a zip',
    async prepare(context) {
      const proxy = await context.startProxy({ modules: [HEALTHY, OTHER], faults: [{ module: OTHER.path, file: 'zip', fault: { kind: 'corrupt-zip' } }] });
      return { files: { 'go.mod': goModRequiring([HEALTHY, OTHER]), 'go.sum': goSum(proxy, [HEALTHY, OTHER]) }, env: { GOPROXY: proxy.url }, proxies: [proxy] };
    },
  },
  {
    name: 'malformed-gomod',
    what: 'go.mod has an unknown directive on line 4',
    async prepare(context) {
      const proxy = await context.startProxy({ modules: [HEALTHY] });
      return { files: { 'go.mod': `module ${APP}\n\ngo 1.21\nrequir example.com/healthy v1.0.0\n` }, env: { GOPROXY: proxy.url }, proxies: [proxy] };
    },
  },
];

/**
 * A module whose zip is about `zipBytes` long and does not compress (random text), so a throttled
 * body takes as long as its size says.
 */
export function bulkyModule(path: string, version: string, zipBytes: number): LabModule {
  // base64 of random bytes deflates to about 3/4 of its length.
  return { path, version, files: { 'bulk.go': 'package bulk\n', 'data.txt': randomBytes(Math.ceil(zipBytes)).toString('base64') } };
}

export const BULKY_PATH = 'example.com/bulky';

/**
 * A slow link: beside HEALTHY, a module whose zip the proxy sends at a steady `bytesPerSecond`
 * (go prints nothing while a body arrives) — and, with `stopAfterBytes`, stops sending for good
 * after that many bytes.
 */
export function slowLinkScenario(options: { zipBytes: number; bytesPerSecond: number; stopAfterBytes?: number; inactivitySeconds: number }): Scenario {
  return {
    name: options.stopAfterBytes === undefined ? 'slow-body' : 'slow-body-then-stall',
    what: `a ${options.zipBytes}-byte zip sent at ${options.bytesPerSecond} bytes/s${options.stopAfterBytes === undefined ? '' : `, stopping after ${options.stopAfterBytes} bytes`}`,
    inactivitySeconds: options.inactivitySeconds,
    async prepare(context) {
      const bulky = bulkyModule(BULKY_PATH, 'v1.0.0', options.zipBytes);
      const fault: FaultRule['fault'] = { kind: 'slow-body', bytesPerSecond: options.bytesPerSecond, stopAfterBytes: options.stopAfterBytes };
      const proxy = await context.startProxy({ modules: [HEALTHY, bulky], faults: [{ module: bulky.path, file: 'zip', fault }] });
      return { files: { 'go.mod': goModRequiring([HEALTHY, bulky]), 'go.sum': goSum(proxy, [HEALTHY, bulky]) }, env: { GOPROXY: proxy.url }, proxies: [proxy] };
    },
  };
}

const requiring = (path: string, goVersion: string, requires: { path: string; version: string }[]) =>
  `module ${path}\n\ngo ${goVersion}\n${requires.length > 0 ? `\nrequire (\n${requires.map((r) => `\t${r.path} ${r.version}\n`).join('')})\n` : ''}`;

/**
 * A module graph with two depths: go.mod requires PRUNED (go 1.21: go reads its go.mod, not those
 * of its requirements), a newer LEAF than PRUNED asks for, and OLD (go 1.16: go reads the whole
 * graph below it, OLD_CHILD and Deep/GRANDCHILD, upper case and all). Downloaded: the three
 * requirements; read for the graph only: OLD_CHILD and GRANDCHILD, both brought in by OLD.
 */
export const GRAPH = (() => {
  const leafOld = { path: 'example.com/leaf', version: 'v1.0.0' };
  const leaf: LabModule = { path: 'example.com/leaf', version: 'v1.1.0', files: { 'leaf.go': 'package leaf\n' } };
  const unread: LabModule = { path: 'example.com/unread', version: 'v1.0.0' };
  const pruned: LabModule = {
    path: 'example.com/pruned',
    version: 'v1.2.0',
    files: { 'go.mod': requiring('example.com/pruned', '1.21', [unread, leafOld]), 'pruned.go': 'package pruned\n' },
  };
  const grandchild: LabModule = { path: 'example.com/Deep/grandchild', version: 'v0.1.0' };
  const oldChild: LabModule = { path: 'example.com/oldchild', version: 'v1.0.0', files: { 'go.mod': requiring('example.com/oldchild', '1.16', [grandchild]) } };
  const old: LabModule = {
    path: 'example.com/old',
    version: 'v0.9.0',
    files: { 'go.mod': requiring('example.com/old', '1.16', [oldChild]), 'old.go': 'package old\n' },
  };
  return {
    required: [pruned, leaf, old],
    graphOnly: [oldChild, grandchild],
    served: [pruned, leaf, old, oldChild, grandchild, unread, { ...leafOld }],
  };
})();

export const GRAPH_SCENARIO: Scenario = {
  name: 'module-graph',
  what: 'three requirements, two more modules read for the module graph only, two more in the graph but never read',
  async prepare(context) {
    const proxy = await context.startProxy({ modules: GRAPH.served });
    return {
      files: { 'go.mod': goModRequiring(GRAPH.required), 'go.sum': goSum(proxy, [...GRAPH.required, ...GRAPH.graphOnly]) },
      env: { GOPROXY: proxy.url, GONOSUMDB: 'example.com' },
      proxies: [proxy],
    };
  },
};

/** What `npm run demo` shows: one healthy module, one private module without GOPRIVATE, one that stalls. */
export const DEMO: Scenario = {
  name: 'demo',
  what: 'a healthy module, a private module without GOPRIVATE, and a module whose download stalls',
  inactivitySeconds: 3,
  async prepare(context) {
    const proxy = await context.startProxy({
      modules: [HEALTHY, PRIVATE, SLOW],
      sumdb: { mode: 'not-found' },
      faults: [{ module: SLOW.path, file: 'zip', fault: { kind: 'stall-body', afterBytes: 200 } }],
    });
    return {
      files: { 'go.mod': goModRequiring([HEALTHY, PRIVATE, SLOW]), 'go.sum': goSum(proxy, [HEALTHY, SLOW]) },
      env: { GOPROXY: proxy.url },
      proxies: [proxy],
    };
  },
};

export function scenario(name: string): Scenario {
  const found = [...SCENARIOS, DEMO, GRAPH_SCENARIO].find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no scenario named ${name}`);
  return found;
}

/** Sandbox + servers for one scenario, and one dispose that stops and removes all of it. */
export async function openScenario(
  chosen: Scenario,
  options: { go?: string } = {},
): Promise<{ sandbox: GoSandbox; prepared: PreparedScenario; root: string; env: Record<string, string>; dispose: () => Promise<void> }> {
  const sandbox = await createGoSandbox(options.go ? { go: options.go } : {});
  const proxies: ModuleProxy[] = [];
  const context: ScenarioContext = {
    sandbox,
    async startProxy(options) {
      const proxy = await ModuleProxy.start({ modules: options.modules ?? [], sumdb: options.sumdb ?? { mode: 'not-found' } });
      for (const fault of options.faults ?? []) proxy.addFault(fault);
      proxies.push(proxy);
      return proxy;
    },
  };
  const dispose = async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await sandbox.cleanup();
  };
  try {
    const prepared = await chosen.prepare(context);
    const root = sandbox.writeWorkspace('app', prepared.files);
    return { sandbox, prepared, root, env: { ...sandbox.env, ...prepared.env }, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
