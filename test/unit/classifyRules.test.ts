// The classifier's rules that the class suite (test/integration/classes) found missing or wrong,
// one case each, with texts the real go, git and ssh printed there.

import { strict as assert } from 'node:assert';
import { classify, type ClassifyInput } from '../../src/core/classify';
import { sshTarget } from '../../src/core/explanations';
import { checkEnvironment } from '../../src/core/envChecks';
import { proxyCredentialsDoc } from '../../src/core/fixes';
import { parseGoMod } from '../../src/core/gomod';
import type { ModuleState } from '../../src/core/moduleState';
import type { Finding, RequestRecord } from '../../src/core/types';

const GO_MOD = 'module example.com/app\n\ngo 1.99.0\n\nrequire (\n\tgit.lab.test/team/lib.git v1.0.0\n\tcorp.example.com/team/lib v1.2.0\n)\n';
const LIB = 'git.lab.test/team/lib.git';
const NO_SECURE = `go: ${LIB}@v1.0.0: no secure protocol found for repository`;

function failed(path: string, error: string, requests: RequestRecord[] = []): ModuleState {
  return { path, version: path === LIB ? 'v1.0.0' : 'v1.2.0', status: 'failed', listed: true, requests, commands: [], error, requiredBy: null };
}

function run(modules: ModuleState[], overrides: Partial<ClassifyInput> = {}): Finding[] {
  return classify({
    modules,
    unattributedErrors: [],
    unknownLines: [],
    env: { GOMODCACHE: '/gp/pkg/mod' },
    goMod: { file: '/w/go.mod', parsed: parseGoMod(GO_MOD) },
    stall: null,
    exitCode: 1,
    ...overrides,
  });
}

function one(findings: Finding[]): Finding {
  assert.equal(findings.length, 1, JSON.stringify(findings.map((finding) => finding.class)));
  return findings[0]!;
}

const ids = (finding: Finding) => finding.fixes.map((fix) => fix.id);
const recheck = (lines: string[], via = '') =>
  `${NO_SECURE}\n\tgit ls-remote https://git.lab.test/team/lib (run again to see why${via}): exit status 128:\n${lines.map((line) => `\t\t${line}`).join('\n')}`;

describe('classifier rules from the class suite', () => {
  it('git-auth: credentials for the host git asked (after insteadOf), the ssh rule for the module host', () => {
    const finding = one(
      run([failed(LIB, recheck(["fatal: could not read Username for 'http://127.0.0.1:4000': terminal prompts disabled"]))], {
        env: { GOPRIVATE: 'git.lab.test' },
      }),
    );
    assert.equal(finding.class, 'git-auth');
    assert.deepEqual(ids(finding), ['git-credentials', 'insteadof-ssh-add']);
    assert.ok(finding.fixes[0]!.detail.kind === 'doc' && finding.fixes[0]!.detail.text.includes('a line for 127.0.0.1 to ~/.netrc'));
    assert.deepEqual(finding.fixes[1]!.detail, {
      kind: 'git-config',
      action: 'add',
      key: 'url.ssh://git@git.lab.test/.insteadOf',
      value: 'https://git.lab.test/',
    });
  });

  it('ssh-auth: offers to remove the insteadOf rule that sends this module to ssh, and no other', () => {
    const insteadOf = [
      { key: 'url.http://127.0.0.1:4000/.insteadof', value: 'https://git.lab.test/' },
      { key: 'url.ssh://root@127.0.0.1:2222/srv/team/.insteadof', value: 'https://git.lab.test/team/' },
      { key: 'url.git@github.com:.insteadof', value: 'https://github.com/' },
    ];
    const finding = one(
      run([failed(LIB, recheck(['root@127.0.0.1: Permission denied (publickey).', 'fatal: Could not read from remote repository.']))], { insteadOf }),
    );
    assert.equal(finding.class, 'ssh-auth');
    assert.deepEqual(ids(finding), ['ssh-key', 'insteadof-remove']);
    assert.deepEqual(finding.fixes[1]!.detail, {
      kind: 'git-config',
      action: 'remove',
      key: 'url.ssh://root@127.0.0.1:2222/srv/team/.insteadof',
      value: 'https://git.lab.test/team/',
    });
  });

  it('ssh-host-key: ssh-keyscan for the server git really contacted', () => {
    const finding = one(run([failed(LIB, recheck(['Host key verification failed.'], '; git connects to ssh://root@127.0.0.1:2222/srv/team/lib'))]));
    assert.equal(finding.class, 'ssh-host-key');
    const detail = finding.fixes[0]!.detail;
    assert.equal(detail.kind, 'command');
    assert.deepEqual(detail.kind === 'command' ? detail.argv : [], ['ssh-keyscan', '-p', '2222', '127.0.0.1']);
  });

  it("sshTarget reads ssh's own words, an scp-like URL, and falls back to the module host", () => {
    assert.deepEqual(sshTarget('No ED25519 host key is known for [10.0.0.5]:2222 and you have requested strict checking.', 'x'), {
      host: '10.0.0.5',
      port: '2222',
    });
    assert.deepEqual(sshTarget('Host key for gitlab.corp has changed and you have requested strict checking.', 'x'), { host: 'gitlab.corp', port: null });
    assert.deepEqual(sshTarget('(run again to see why; git connects to git@github.com:acme/x): exit status 128', 'x'), { host: 'github.com', port: null });
    assert.deepEqual(sshTarget('Host key verification failed.', 'github.com'), { host: 'github.com', port: null });
  });

  it("says when the user's GIT_SSH_COMMAND lacks BatchMode, and only then", () => {
    const error = recheck(['Host key verification failed.']);
    const without = one(run([failed(LIB, error)], { gitSshCommand: 'ssh -i ~/.ssh/work' }));
    assert.match(without.message, /GIT_SSH_COMMAND does not set -o BatchMode=yes/);
    assert.deepEqual(ids(without), ['ssh-known-host', 'ssh-batch-mode']);
    const withBatch = one(run([failed(LIB, error)], { gitSshCommand: 'ssh -o BatchMode=yes -i ~/.ssh/work' }));
    assert.deepEqual(ids(withBatch), ['ssh-known-host']);
    assert.doesNotMatch(withBatch.message, /BatchMode/);
  });

  it('a git failure behind "no secure protocol" is git-failure, not import-path', () => {
    const finding = one(run([failed(LIB, recheck(["fatal: unable to access 'http://127.0.0.1:4000/team/lib/': The requested URL returned error: 500"]))]));
    assert.equal(finding.class, 'git-failure');
    assert.equal(one(run([failed(LIB, NO_SECURE)])).class, 'import-path');
  });

  it("git-failure inside Go's cached clone offers go clean -modcache; elsewhere nothing", () => {
    const inCache = `go: ${LIB}@v1.0.0: git ls-remote -q origin in /gp/pkg/mod/cache/vcs/1c90c4: exit status 128:\n\tfatal: bad config line 1 in file /gp/pkg/mod/cache/vcs/1c90c4/config`;
    assert.deepEqual(ids(one(run([failed(LIB, inCache)]))), ['clean-modcache']);
    const elsewhere = `go: ${LIB}@v1.0.0: git fetch origin in /home/u/src/lib: exit status 128:\n\tfatal: something unusual`;
    assert.deepEqual(ids(one(run([failed(LIB, elsewhere)]))), []);
  });

  it('module-cache: an unwritable cache is not offered go clean -modcache, a corrupt one is', () => {
    const readOnly = one(
      run([
        failed('corp.example.com/team/lib', 'go: corp.example.com/team/lib@v1.2.0: mkdir /gp/pkg/mod/cache/download/corp.example.com: read-only file system'),
      ]),
    );
    assert.equal(readOnly.class, 'module-cache');
    assert.deepEqual(ids(readOnly), ['modcache-writable']);
    assert.match(readOnly.message, /not writable/);
    const corrupt = one(run([failed('corp.example.com/team/lib', 'go: corp.example.com/team/lib@v1.2.0: zip: not a valid zip file')]));
    assert.deepEqual(ids(corrupt), ['clean-modcache']);
  });

  it('sumdb-unreachable: GONOSUMDB for a module the proxy serves (GOPRIVATE would bypass the proxy), else GOPRIVATE', () => {
    const error =
      'go: corp.example.com/team/lib@v1.2.0: verifying go.mod: corp.example.com/team/lib@v1.2.0/go.mod: Get "https://sum.golang.org/lookup/corp.example.com/team/lib@v1.2.0": dial tcp: lookup sum.golang.org: no such host';
    const served: RequestRecord = { url: 'http://127.0.0.1:5000/corp.example.com/team/lib/@v/v1.2.0.mod', status: 200, seconds: 0.01, error: null };
    assert.deepEqual(ids(one(run([failed('corp.example.com/team/lib', error, [served])]))), ['gonosumdb-add', 'sumdb-mirror', 'goproxy-reachable']);
    assert.deepEqual(ids(one(run([failed('corp.example.com/team/lib', error)]))), ['goprivate-add', 'sumdb-mirror', 'goproxy-reachable']);
  });

  it('import-path: explains go-import, and offers GOPRIVATE only when it does not cover the module yet', () => {
    const error =
      'go: corp.example.com/team/lib@v1.2.0: unrecognized import path "corp.example.com/team/lib": parse https://corp.example.com/team/lib?go-get=1: no go-import meta tags ()';
    assert.deepEqual(ids(one(run([failed('corp.example.com/team/lib', error)]))), ['go-import', 'goprivate-add']);
    assert.deepEqual(ids(one(run([failed('corp.example.com/team/lib', error)], { env: { GOPRIVATE: 'corp.example.com' } }))), ['go-import']);
  });

  it('vcs-missing: Go\'s "missing Git command" (any case) joins the module\'s finding instead of repeating', () => {
    const module = failed(LIB, `${NO_SECURE}\n\tgit (run again to see why): exec: "git": executable file not found in $PATH`);
    const line = 'go: missing Git command. See https://golang.org/s/gogetcmd';
    const finding = one(run([module], { unattributedErrors: [line, line, line] }));
    assert.equal(finding.class, 'vcs-missing');
    assert.equal(finding.module, LIB);
    assert.ok(finding.evidence.includes(line));
  });

  it('toolchain: the finding sits on the go line', () => {
    const finding = one(run([], { unattributedErrors: ['go: download go1.99.0 for linux/amd64: toolchain not available'] }));
    assert.equal(finding.class, 'toolchain');
    assert.equal(finding.line, 3);
    assert.match(finding.message, /go 1\.99\.0/);
    const compared = one(run([], { unattributedErrors: ['go: download go1.99.0 for linux/amd64: toolchain not available'], goVersion: 'go1.26.8' }));
    assert.match(compared.message, /\(go 1\.99\.0, newer than go1\.26\.8 that ran\)/);
    const older = one(run([], { unattributedErrors: ['go: download go1.99.0 for linux/amd64: toolchain not available'], goVersion: 'go1.100.0' }));
    assert.doesNotMatch(older.message, /newer than/);
  });

  it('proxy credentials: the netrc machine Go matches (host:port), and https first for an http proxy', () => {
    const https = proxyCredentialsDoc('https://127.0.0.1:8443/corp.example.com/x/@v/v1.mod');
    assert.ok(https.detail.kind === 'doc' && https.detail.text.includes('machine 127.0.0.1:8443 login'));
    assert.equal(https.title, 'Give Go credentials for 127.0.0.1:8443');
    const http = proxyCredentialsDoc('http://goproxy.corp/x/@v/v1.mod');
    assert.ok(http.detail.kind === 'doc' && /only over HTTPS/.test(http.detail.text) && http.detail.text.includes('machine goproxy.corp login'));
  });
});

describe('fixes never copy a credential', () => {
  it('does not rewrite a GOPROXY that holds one (the report would show it redacted, and the fix would write ***)', () => {
    const error =
      'go: corp.example.com/team/lib@v1.2.0: reading https://alice:xxxxx@goproxy.corp/corp.example.com/team/lib/@v/v1.2.0.mod: 500 Internal Server Error';
    const env = { GOPROXY: 'https://alice:s3cret@goproxy.corp,https://proxy.golang.org' };
    const finding = one(run([failed('corp.example.com/team/lib', error)], { env }));
    assert.equal(finding.class, 'proxy-server-error');
    assert.deepEqual(ids(finding), ['goproxy-default']);
    const notFound = one(
      run([failed('corp.example.com/team/lib', error.replace('500 Internal Server Error', '404 Not Found'))], {
        env: { GOPROXY: 'https://alice:s3cret@goproxy.corp' },
      }),
    );
    assert.deepEqual(ids(notFound), ['goprivate-add', 'list-versions']);
  });
});

describe('environment checks: patterns Go derives', () => {
  const base = { goMod: { file: '/w/go.mod', parsed: parseGoMod('module example.com/app\n') } };

  it('a space in GOPRIVATE is one finding, though go env shows it in GONOPROXY and GONOSUMDB too', () => {
    const value = 'a.com, b.com';
    const findings = checkEnvironment({
      ...base,
      env: { GOPRIVATE: value, GONOPROXY: value, GONOSUMDB: value },
      envFile: { GOPRIVATE: value },
      processEnv: {},
    });
    assert.deepEqual(
      findings.map((finding) => finding.fixes[0]!.id),
      ['goprivate-trim'],
    );
  });

  it('GONOSUMDB set on its own is checked on its own', () => {
    const value = 'a.com, b.com';
    const findings = checkEnvironment({
      ...base,
      env: { GOPRIVATE: value, GONOSUMDB: value },
      envFile: { GOPRIVATE: value, GONOSUMDB: value },
      processEnv: {},
    });
    assert.deepEqual(
      findings.map((finding) => finding.fixes[0]!.id),
      ['goprivate-trim', 'gonosumdb-trim'],
    );
  });
});
