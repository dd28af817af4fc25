// Proves the module lab against the real `go`: healthy downloads verify against the lab's own
// hashes, and every fault produces the behaviour (and error text) the classifier will rely on.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createGoSandbox, GO, type GoSandbox } from '../lab/goSandbox';
import { parseDownloads, startProgram } from '../lab/runGo';
import { ModuleProxy, type Fault, type LabModule, type SumDbOptions } from '../lab/moduleProxy';

const UPPER = 'example.com/Upper/lib'; // upper case: escaped as !upper in URLs and in the cache
const PLAIN = 'example.com/plain'; // has a subpackage, so the zip holds a nested file
const MODULES: LabModule[] = [
  { path: UPPER, version: 'v1.0.0', files: { 'lib.go': 'package lib\n\nconst Name = "lib"\n' } },
  { path: PLAIN, version: 'v1.2.0', files: { 'plain.go': 'package plain\n', 'sub/sub.go': 'package sub\n\nfunc Sub() int { return 1 }\n' } },
];
const PLAIN_ZIP = 'example.com/plain/@v/v1.2.0.zip';

/** Starts `go` in the sandbox; the outcome promise never rejects. */
function startGo(sandbox: GoSandbox, cwd: string, args: string[]) {
  return startProgram(GO, args, { cwd, env: sandbox.env });
}

describe('module lab against the real go', () => {
  let proxy: ModuleProxy | undefined;
  let sandbox: GoSandbox | undefined;

  afterEach(async () => {
    await sandbox?.cleanup();
    await proxy?.close();
    sandbox = undefined;
    proxy = undefined;
  });

  /** A proxy with the two modules, a sandbox pointed at it, and a workspace requiring both. */
  async function setup(opts: { fault?: Fault; file?: 'info' | 'mod' | 'zip'; sumdb?: SumDbOptions; goSum?: boolean } = {}) {
    const p = await ModuleProxy.start(opts.sumdb ? { modules: MODULES, sumdb: opts.sumdb } : { modules: MODULES });
    proxy = p;
    if (opts.fault) p.addFault({ module: PLAIN, version: 'v1.2.0', file: opts.file ?? 'zip', fault: opts.fault });
    // GOPROXY is the lab alone (no ",direct"): a failure must never fall through to the network.
    const sb = await createGoSandbox({ env: { GOPROXY: p.url } });
    sandbox = sb;
    const goSum = [...p.goSumLines(UPPER, 'v1.0.0'), ...p.goSumLines(PLAIN, 'v1.2.0')].join('\n') + '\n';
    const ws = sb.writeWorkspace('app', {
      'go.mod': `module example.com/app\n\ngo 1.21\n\nrequire (\n\t${UPPER} v1.0.0\n\t${PLAIN} v1.2.0\n)\n`,
      ...(opts.goSum === false ? {} : { 'go.sum': goSum }),
    });
    const download = () => startGo(sb, ws, ['mod', 'download', '-json']);
    return { proxy: p, sandbox: sb, ws, download };
  }

  it('downloads healthy modules and Go verifies the lab hashes from go.sum', async () => {
    const lab = await setup();
    const result = await lab.download().done;
    assert.equal(result.code, 0, result.stderr);
    const entries = parseDownloads(result.stdout);
    assert.equal(entries.length, 2);
    for (const e of entries) {
      assert.equal(e.Error, undefined);
      const [zipLine, modLine] = lab.proxy.goSumLines(e.Path, e.Version);
      assert.equal(`${e.Path} ${e.Version} ${e.Sum}`, zipLine);
      assert.equal(`${e.Path} ${e.Version}/go.mod ${e.GoModSum}`, modLine);
    }
    const plain = entries.find((e) => e.Path === PLAIN);
    assert.ok(plain?.Dir && fs.existsSync(path.join(plain.Dir, 'sub', 'sub.go')), 'the subpackage was extracted');
    // The cache escapes upper case; go percent-encodes the `!` in proxy URLs.
    assert.ok(entries.find((e) => e.Path === UPPER)?.Dir?.includes('example.com/!upper/lib@v1.0.0'));
    assert.ok(lab.proxy.requests.some((r) => r.path === '/example.com/%21upper/lib/@v/v1.0.0.zip' && r.status === 200));
    assert.ok(lab.proxy.requests.every((r) => r.status === 200));
  });

  const statuses: [number, string][] = [
    [404, '404 Not Found'],
    [410, '410 Gone'],
    [401, '401 Unauthorized'],
    [403, '403 Forbidden'],
    [500, '500 Internal Server Error'],
  ];
  for (const [status, text] of statuses) {
    it(`reports ${text} from the proxy in the module's Error`, async () => {
      const lab = await setup({ fault: { kind: 'status', status, body: `lab says ${status}` } });
      const result = await lab.download().done;
      assert.equal(result.code, 1);
      const plain = parseDownloads(result.stdout).find((e) => e.Path === PLAIN);
      assert.equal(plain?.Error, `${PLAIN}@v1.2.0: reading ${lab.proxy.url}/${PLAIN_ZIP}: ${text}\n\tserver response: lab says ${status}`);
      // One failing module does not stop the others.
      assert.equal(parseDownloads(result.stdout).find((e) => e.Path === UPPER)?.Error, undefined);
    });
  }

  it('reports a corrupt zip without naming the module in the message', async () => {
    const lab = await setup({ fault: { kind: 'corrupt-zip' } });
    const result = await lab.download().done;
    assert.equal(result.code, 1);
    assert.equal(parseDownloads(result.stdout).find((e) => e.Path === PLAIN)?.Error, 'zip: not a valid zip file');
  });

  it('stops with SECURITY ERROR when the zip does not match go.sum', async () => {
    const lab = await setup({ fault: { kind: 'wrong-content' } });
    const result = await lab.download().done;
    assert.equal(result.code, 1);
    // A checksum mismatch is fatal: no JSON at all, the story is on stderr.
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^verifying example\.com\/plain@v1\.2\.0: checksum mismatch\n/);
    assert.ok(result.stderr.includes(`go.sum:     ${lab.proxy.goSumLines(PLAIN, 'v1.2.0')[0]!.split(' ')[2]}`));
    assert.ok(result.stderr.includes('SECURITY ERROR'));
  });

  it('reports a connection reset by peer (Go retries on reused connections first)', async () => {
    const lab = await setup({ fault: { kind: 'reset' } });
    const result = await lab.download().done;
    assert.equal(result.code, 1);
    const error = parseDownloads(result.stdout).find((e) => e.Path === PLAIN)?.Error ?? '';
    assert.ok(error.includes(`Get "${lab.proxy.url}/${PLAIN_ZIP}"`), error);
    assert.ok(error.includes('read: connection reset by peer'), error);
    assert.ok(lab.proxy.requests.filter((r) => r.status === 'reset').length >= 1);
  });

  it('fails to verify a module missing from go.sum when the checksum database does not know it', async () => {
    const lab = await setup({ goSum: false, sumdb: { mode: 'not-found' } });
    const result = await lab.download().done;
    assert.equal(result.code, 1);
    // The go.mod is verified first, so the failure comes from graph loading: stderr, no JSON.
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^go: example\.com\/(Upper\/lib|plain)@v1\.\d\.0: verifying go\.mod: /);
    assert.ok(result.stderr.includes(`reading ${lab.proxy.url}/sumdb/sum.golang.org/lookup/`), result.stderr);
    assert.ok(result.stderr.includes('404 Not Found\n\tserver response: not found: '), result.stderr);
    // Go asked the proxy whether it mirrors sum.golang.org before looking anything up.
    assert.equal(lab.proxy.requests.find((r) => r.path.startsWith('/sumdb/'))?.path, '/sumdb/sum.golang.org/supported');
  });

  it('waits forever on a body that stalls; killing go lets the proxy close', async () => {
    const lab = await setup({ fault: { kind: 'stall-body' } });
    const go = lab.download();
    await Promise.race([lab.proxy.waitForStall(PLAIN_ZIP), go.done.then((r) => assert.fail(`go ended before the stall: ${r.stderr}${r.stdout}`))]);
    assert.equal(go.child.exitCode, null, 'go is still waiting');
    go.child.kill('SIGKILL');
    assert.equal((await go.done).signal, 'SIGKILL');
    await lab.proxy.close();
  });

  it('waits forever for headers; closing the proxy under it ends go with an error', async () => {
    const lab = await setup({ fault: { kind: 'stall-headers' } });
    const go = lab.download();
    await Promise.race([lab.proxy.waitForStall(PLAIN_ZIP), go.done.then((r) => assert.fail(`go ended before the stall: ${r.stderr}${r.stdout}`))]);
    assert.equal(go.child.exitCode, null, 'go is still waiting');
    // close() must not wait for the stalled request: it destroys the connection go is waiting on.
    await lab.proxy.close();
    const result = await go.done;
    assert.equal(result.code, 1);
    const error = parseDownloads(result.stdout).find((e) => e.Path === PLAIN)?.Error ?? '';
    assert.ok(error.includes(`Get "${lab.proxy.url}/${PLAIN_ZIP}"`), error);
    // Go retries an idempotent request whose reused connection died, and the retry finds the
    // port closed: usually "connect: connection refused", "EOF" if the connection was fresh.
    assert.match(error, /connect: connection refused|EOF/);
  });
});
