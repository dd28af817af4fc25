// Proves the git lab (bare repos served by git http-backend and by a real sshd) against the real
// `go` and records what go prints for git failures, for the classifier.
//
// What the real go 1.26 does with a module path ending in `.git` (git.lab.test/team/lib.git):
// it first probes `git ls-remote https://git.lab.test/team/lib`, then git+ssh://, then ssh://
// (printed as `cd $GOMODCACHE` + `git ls-remote <url>`, with no timing line), and keeps the first
// URL that answers. When every probe fails it says only `no secure protocol found for
// repository`: git's stderr is shown with -v only, which `go mod download` does not have. So the
// telling texts (`terminal prompts disabled`, `Permission denied (publickey)`, ...) come from
// running the probe again the way Go ran it, which these tests do too. For a host Go knows
// (github.com …) there is no probe and git's stderr does reach go's Error: the last tests show that.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitHttpServer } from '../lab/gitHttpServer';
import { createGitRepos, LAB_GIT_HOST, routeLabGitHost, type GitRepos, type GitRepoSpec } from '../lab/gitRepos';
import { createGoSandbox, GO, type GoSandbox } from '../lab/goSandbox';
import { offlineDnsGo } from '../lab/scenarios';
import { parseDownloads, startProgram, type ProgramResult } from '../lab/runGo';
import { gitSshCommand, SshGitServer } from '../lab/sshServer';

const spec = (name: string, tags: string[]): GitRepoSpec => {
  const modulePath = `${LAB_GIT_HOST}/${name}`;
  return { name, modulePath, tags: Object.fromEntries(tags.map((tag) => [tag, { 'lib.go': `package lib\n\n// ${tag}\n` }])) };
};
const LIB = spec('team/lib.git', ['v1.0.0', 'v1.1.0']);
const PRIVATE = spec('team/private.git', ['v1.0.0']); // needs basic auth over http
const SLOW = spec('team/slow.git', ['v1.0.0']); // the http server never answers for it
const NOPE = `${LAB_GIT_HOST}/team/nope.git`; // no such repository
const CREDENTIALS = { user: 'lab-user', password: 'lab-password' };

/** The probes go printed: `cd <dir>` followed by `git ls-remote <url>`. */
function probes(stderr: string): { dir: string; url: string }[] {
  return [...stderr.matchAll(/^cd (.+)\ngit ls-remote (\S+)$/gm)].map((m) => ({ dir: m[1]!, url: m[2]! }));
}

/** Runs go's first probe again with the environment go gives git (modload.Init), to see git's stderr. */
async function rerunFirstProbe(result: ProgramResult, env: Record<string, string>): Promise<ProgramResult> {
  const probe = probes(result.stderr)[0];
  assert.ok(probe, `go ran no probe:\n${result.stderr}`);
  const gitEnv: Record<string, string> = { GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', ...env };
  if (!gitEnv.GIT_SSH && !gitEnv.GIT_SSH_COMMAND) gitEnv.GIT_SSH_COMMAND = 'ssh -o ControlMaster=no -o BatchMode=yes';
  return startProgram('git', ['ls-remote', probe.url], { cwd: probe.dir, env: gitEnv }).done;
}

describe('git lab against the real go', () => {
  let repos: GitRepos;
  let http: GitHttpServer;
  let ssh: SshGitServer;
  let sandbox: GoSandbox | undefined;

  before(async () => {
    repos = await createGitRepos([LIB, PRIVATE, SLOW]);
    http = await GitHttpServer.start({ projectRoot: repos.root, auth: { [PRIVATE.name]: CREDENTIALS } });
    http.stall(SLOW.name);
    ssh = await SshGitServer.start({ reposRoot: repos.root });
  });

  after(async () => {
    await http?.close();
    await ssh?.stop();
    await repos?.cleanup();
  });

  afterEach(async () => {
    await sandbox?.cleanup();
    sandbox = undefined;
  });

  type Route = { baseUrl: string; env?: Record<string, string>; host?: string };

  /**
   * A fresh sandbox routed to a lab server, and a workspace requiring module@version. With a
   * route.host other than git.lab.test (a real name), go runs in a namespace whose name lookups
   * use /etc/hosts only, so that even a lookup go might try could not leave the machine.
   */
  async function setup(module: string, version: string, route: (sb: GoSandbox) => Promise<Route> | Route) {
    const sb = await createGoSandbox();
    sandbox = sb;
    const chosen = await route(sb);
    const env = { ...sb.env, ...(await routeLabGitHost(sb, chosen)) };
    const ws = sb.writeWorkspace('app', { 'go.mod': `module example.com/app\n\ngo 1.21\n\nrequire ${module} ${version}\n` });
    const go = chosen.host && chosen.host !== LAB_GIT_HOST ? offlineDnsGo(sb) : GO;
    const download = (options: { detached?: boolean } = {}) =>
      startProgram(go, ['mod', 'download', '-x', '-json', `${module}@${version}`], { cwd: ws, env, ...options });
    return { sandbox: sb, env, download };
  }

  const viaHttp = (): Route => ({ baseUrl: http.baseUrl });

  /** Over ssh with a chosen key and a known_hosts file in the sandbox. */
  const viaSsh =
    (options: { key?: string; emptyKnownHosts?: boolean } = {}) =>
    async (sb: GoSandbox): Promise<Route> => {
      const knownHosts = await ssh.writeKnownHosts(path.join(sb.dir, 'known_hosts'), { empty: options.emptyKnownHosts ?? false });
      return { baseUrl: ssh.baseUrl, env: { GIT_SSH_COMMAND: gitSshCommand({ key: options.key ?? ssh.clientKey.privateKey, knownHosts }) } };
    };

  /** The same route for module paths on github.com, which Go fetches without probing. */
  const onGithub =
    (route: (sb: GoSandbox) => Promise<Route> | Route) =>
    async (sb: GoSandbox): Promise<Route> => ({ ...(await route(sb)), host: 'github.com' });

  /** go must never leave the lab: no HTTP request of its own (no `# get`), only git through insteadOf. */
  function assertNoGoHttp(stderr: string): void {
    assert.doesNotMatch(stderr, /^# get /m, stderr);
  }

  it('fetches a tagged module over http through an https -> http insteadOf rule', async () => {
    const mark = http.requests.length;
    const { download } = await setup(LIB.modulePath, 'v1.0.0', viaHttp);
    const result = await download().done;
    assert.equal(result.code, 0, result.stderr);
    const [entry] = parseDownloads(result.stdout);
    assert.equal(entry?.Error, undefined);
    assert.deepEqual(entry?.Origin, {
      VCS: 'git',
      URL: 'https://git.lab.test/team/lib',
      Hash: repos.repo(LIB.name).commits['v1.0.0'],
      Ref: 'refs/tags/v1.0.0',
    });
    assert.match(result.stderr, /^git ls-remote https:\/\/git\.lab\.test\/team\/lib$/m);
    assert.match(
      result.stderr,
      /^\d+\.\d{3}s # cd .+; git -c protocol\.version=2 fetch -f --depth=1 --end-of-options origin refs\/tags\/v1\.0\.0:refs\/tags\/v1\.0\.0$/m,
    );
    assertNoGoHttp(result.stderr);
    const requests = http.requests.slice(mark);
    assert.ok(requests.length > 0 && requests.every((r) => r.status === 200 && r.path.startsWith('/team/lib/')), JSON.stringify(requests));
  });

  it('fetches a tagged module over ssh through an https -> ssh insteadOf rule', async () => {
    const { download } = await setup(LIB.modulePath, 'v1.1.0', viaSsh());
    const result = await download().done;
    assert.equal(result.code, 0, `${result.stderr}\n${ssh.sshdLog}`);
    const [entry] = parseDownloads(result.stdout);
    assert.equal(entry?.Error, undefined);
    assert.equal(entry?.Origin?.Hash, repos.repo(LIB.name).commits['v1.1.0']);
    assertNoGoHttp(result.stderr);
    assert.match(ssh.sshdLog, new RegExp(`Accepted publickey for ${ssh.user} from 127\\.0\\.0\\.1`));
  });

  it('http repo needing auth, no credentials: go says "no secure protocol", git says "terminal prompts disabled"', async () => {
    const mark = http.requests.length;
    const { env, download } = await setup(PRIVATE.modulePath, 'v1.0.0', viaHttp);
    const result = await download().done;
    assert.equal(result.code, 1);
    const [entry] = parseDownloads(result.stdout);
    assert.equal(entry?.Error, `${PRIVATE.modulePath}@v1.0.0: no secure protocol found for repository`);
    assert.deepEqual(
      probes(result.stderr).map((p) => p.url),
      ['https', 'git+ssh', 'ssh'].map((s) => `${s}://git.lab.test/team/private`),
    );
    assertNoGoHttp(result.stderr);
    const requests = http.requests.slice(mark);
    assert.deepEqual(
      requests.map((r) => [r.status, r.user]),
      [
        [401, undefined],
        [401, undefined],
        [401, undefined],
      ],
    );

    const git = await rerunFirstProbe(result, env);
    assert.equal(git.code, 128);
    assert.match(git.stderr, /^fatal: could not read Username for 'http:\/\/127\.0\.0\.1:\d+': terminal prompts disabled$/m);
  });

  it('the same repo downloads once ~/.netrc holds the credentials (the git-auth fix)', async () => {
    const { sandbox: sb, download } = await setup(PRIVATE.modulePath, 'v1.0.0', viaHttp);
    // git's curl reads $HOME/.netrc; it matches the host git connects to, after the insteadOf rewrite.
    await fs.promises.writeFile(path.join(sb.home, '.netrc'), `machine 127.0.0.1 login ${CREDENTIALS.user} password ${CREDENTIALS.password}\n`, {
      mode: 0o600,
    });
    const mark = http.requests.length;
    const result = await download().done;
    assert.equal(result.code, 0, result.stderr);
    assert.equal(parseDownloads(result.stdout)[0]?.Error, undefined);
    assert.ok(http.requests.slice(mark).some((r) => r.user === CREDENTIALS.user));
  });

  it('repository that does not exist: go says "no secure protocol", git says "not found"', async () => {
    const mark = http.requests.length;
    const { env, download } = await setup(NOPE, 'v1.0.0', viaHttp);
    const result = await download().done;
    assert.equal(result.code, 1);
    assert.equal(parseDownloads(result.stdout)[0]?.Error, `${NOPE}@v1.0.0: no secure protocol found for repository`);
    assert.deepEqual(
      http.requests.slice(mark).map((r) => r.status),
      [404, 404, 404],
    );

    const git = await rerunFirstProbe(result, env);
    assert.equal(git.code, 128);
    assert.match(git.stderr, /^fatal: repository 'http:\/\/127\.0\.0\.1:\d+\/team\/nope\/' not found$/m);
  });

  it('unknown tag: unknown revision', async () => {
    const { download } = await setup(LIB.modulePath, 'v1.9.9', viaHttp);
    const result = await download().done;
    assert.equal(result.code, 1);
    const [entry] = parseDownloads(result.stdout);
    assert.equal(entry?.Error, `${LIB.modulePath}@v1.9.9: invalid version: unknown revision v1.9.9`);
    assert.equal(entry?.Origin?.URL, 'https://git.lab.test/team/lib');
    assertNoGoHttp(result.stderr);
  });

  it('ssh with a key the server does not know: Permission denied (publickey)', async () => {
    const { env, download } = await setup(LIB.modulePath, 'v1.0.0', viaSsh({ key: ssh.strangerKey.privateKey }));
    const result = await download().done;
    assert.equal(result.code, 1);
    assert.equal(parseDownloads(result.stdout)[0]?.Error, `${LIB.modulePath}@v1.0.0: no secure protocol found for repository`);
    assert.equal(probes(result.stderr).length, 3);

    const git = await rerunFirstProbe(result, env);
    assert.equal(git.code, 128);
    assert.match(git.stderr, new RegExp(`^${ssh.user}@127\\.0\\.0\\.1: Permission denied \\(publickey\\)\\.$`, 'm'));
    assert.match(git.stderr, /^fatal: Could not read from remote repository\.$/m);
  });

  it('ssh with an empty known_hosts: Host key verification failed', async () => {
    const { env, download } = await setup(LIB.modulePath, 'v1.0.0', viaSsh({ emptyKnownHosts: true }));
    const result = await download().done;
    assert.equal(result.code, 1);
    assert.equal(parseDownloads(result.stdout)[0]?.Error, `${LIB.modulePath}@v1.0.0: no secure protocol found for repository`);

    const git = await rerunFirstProbe(result, env);
    assert.equal(git.code, 128);
    assert.match(git.stderr, /^Host key verification failed\.\r?$/m);
  });

  it('a stalled git server leaves go waiting on its probe, until the run is stopped', async () => {
    const { download } = await setup(SLOW.modulePath, 'v1.0.0', viaHttp);
    const { child, done } = download({ detached: true }); // own process group: go and the git it started
    await http.waitForStall(SLOW.name);
    process.kill(-child.pid!, 'SIGKILL');
    const result = await done;
    assert.equal(result.signal, 'SIGKILL');
    assert.equal(result.stdout, '');
    // The probe has no completion line: the last trace line names what was in flight.
    assert.equal(result.stderr.trimEnd().split('\n').at(-1), 'git ls-remote https://git.lab.test/team/slow');
  });

  describe("a host go knows (github.com/team/...): no probe, so git's stderr reaches the Error", () => {
    /** `<module>@<version>: invalid version: git ls-remote … in <dir>: exit status 128:` + git's stderr, tab-indented. */
    const runError = (module: string, version: string) =>
      `${module}@${version}: invalid version: git ls-remote -q --end-of-options https://${module} in ${'\\S+'}: exit status 128:\n\t`;

    it("http repo needing auth: terminal prompts disabled, plus go's help text", async () => {
      const { download } = await setup('github.com/team/private', 'v1.0.0', onGithub(viaHttp));
      const result = await download().done;
      assert.equal(result.code, 1);
      const error = parseDownloads(result.stdout)[0]?.Error ?? '';
      assert.match(
        error,
        new RegExp(
          `^${runError('github.com/team/private', 'v1.0.0')}fatal: could not read Username for 'http://127\\.0\\.0\\.1:\\d+': terminal prompts disabled\nConfirm the import path was entered correctly\\.\nIf this is a private repository, see https://golang\\.org/doc/faq#git_https for additional information\\.$`,
        ),
      );
      assertNoGoHttp(result.stderr);
    });

    it('repository that does not exist: not found', async () => {
      const { download } = await setup('github.com/team/nope', 'v1.0.0', onGithub(viaHttp));
      const result = await download().done;
      const error = parseDownloads(result.stdout)[0]?.Error ?? '';
      assert.match(error, new RegExp(`^${runError('github.com/team/nope', 'v1.0.0')}fatal: repository 'http://127\\.0\\.0\\.1:\\d+/team/nope/' not found$`));
    });

    it('ssh with a key the server does not know: Permission denied (publickey)', async () => {
      const { download } = await setup('github.com/team/lib', 'v1.0.0', onGithub(viaSsh({ key: ssh.strangerKey.privateKey })));
      const result = await download().done;
      const error = parseDownloads(result.stdout)[0]?.Error ?? '';
      assert.match(
        error,
        new RegExp(
          `^${runError('github.com/team/lib', 'v1.0.0')}${ssh.user}@127\\.0\\.0\\.1: Permission denied \\(publickey\\)\\.\r\n\tfatal: Could not read from remote repository\\.`,
        ),
      );
    });

    it('ssh with an empty known_hosts: Host key verification failed', async () => {
      const { download } = await setup('github.com/team/lib', 'v1.0.0', onGithub(viaSsh({ emptyKnownHosts: true })));
      const result = await download().done;
      const error = parseDownloads(result.stdout)[0]?.Error ?? '';
      assert.match(
        error,
        new RegExp(`^${runError('github.com/team/lib', 'v1.0.0')}Host key verification failed\\.\r\n\tfatal: Could not read from remote repository\\.`),
      );
    });
  });
});
