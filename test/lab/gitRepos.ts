// Bare git repositories defined in code, built with the real git, for the git lab servers
// (gitHttpServer.ts, sshServer.ts) to serve. Also the git config that sends Go's fetches of
// `git.lab.test/...` module paths to those servers.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GoSandbox } from './goSandbox';

/** The made-up host of every lab git module path (`.test` is reserved: it never resolves). */
export const LAB_GIT_HOST = 'git.lab.test';

export interface GitRepoSpec {
  /** Path of the bare repository under the root, e.g. `team/lib.git`. */
  name: string;
  /** The module path served, e.g. `git.lab.test/team/lib.git`; used for the default go.mod. */
  modulePath: string;
  /** tag -> files (relative path -> content). Commits are chained in this order on `main`. */
  tags: Record<string, Record<string, string>>;
}

export interface GitRepo {
  spec: GitRepoSpec;
  /** Absolute path of the bare repository. */
  dir: string;
  /** tag -> commit hash. */
  commits: Record<string, string>;
}

export interface GitRepos {
  /** The folder holding every repository: GIT_PROJECT_ROOT for http, the path prefix for ssh. */
  root: string;
  repos: GitRepo[];
  repo(name: string): GitRepo;
  cleanup(): Promise<void>;
}

/**
 * Git's environment for the lab's own git commands: no system or user config (a user's
 * `init.defaultBranch`, hooks or signing settings would otherwise leak in), a fixed identity and
 * fixed dates, so the same spec always gives the same commit hashes (and the same pseudo-versions
 * and Origin hashes in recorded traces).
 */
export function hermeticGitEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: os.tmpdir(),
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Lab',
    GIT_AUTHOR_EMAIL: 'lab@git.lab.test',
    GIT_COMMITTER_NAME: 'Lab',
    GIT_COMMITTER_EMAIL: 'lab@git.lab.test',
    GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  };
}

/** Runs git with an argument array; resolves with stdout, rejects with git's stderr in the message. */
export function git(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', args, { env: options.env ?? hermeticGitEnv(), cwd: options.cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(' ')}: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
    child.stdin?.on('error', () => undefined); // git may exit without reading stdin; its exit status tells
    child.stdin?.end(options.input);
  });
}

export async function createGitRepos(specs: GitRepoSpec[]): Promise<GitRepos> {
  const root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gdh-git-'));
  const repos: GitRepo[] = [];
  try {
    for (const spec of specs) repos.push(await createRepo(root, spec));
  } catch (error) {
    await fs.promises.rm(root, { recursive: true, force: true });
    throw error;
  }
  return {
    root,
    repos,
    repo(name) {
      const found = repos.find((r) => r.spec.name === name);
      if (!found) throw new Error(`no lab git repository named ${name}`);
      return found;
    },
    cleanup: () => fs.promises.rm(root, { recursive: true, force: true }),
  };
}

/**
 * Writes the commits straight into the bare repository with plumbing commands (blobs, a
 * throwaway index, write-tree, commit-tree), so no work tree and no checkout are involved.
 */
async function createRepo(root: string, spec: GitRepoSpec): Promise<GitRepo> {
  const dir = path.join(root, spec.name);
  await git(['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  const env = { ...hermeticGitEnv(), GIT_DIR: dir, GIT_INDEX_FILE: path.join(dir, 'lab-index') };
  const commits: Record<string, string> = {};
  let parent: string | undefined;
  for (const [tag, given] of Object.entries(spec.tags)) {
    const files = { 'go.mod': `module ${spec.modulePath}\n\ngo 1.21\n`, ...given };
    await fs.promises.rm(env.GIT_INDEX_FILE, { force: true }); // each tag's tree holds exactly its files
    for (const [file, content] of Object.entries(files)) {
      const blob = (await git(['hash-object', '-w', '--stdin'], { env, input: content })).trim();
      await git(['update-index', '--add', '--cacheinfo', `100644,${blob},${file}`], { env });
    }
    const tree = (await git(['write-tree'], { env })).trim();
    const commit: string = (await git(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', tag], { env })).trim();
    await git(['update-ref', `refs/tags/${tag}`, commit], { env });
    commits[tag] = commit;
    parent = commit;
  }
  if (parent) await git(['update-ref', 'refs/heads/main', parent], { env });
  await fs.promises.rm(env.GIT_INDEX_FILE, { force: true });
  return { spec, dir, commits };
}

/**
 * Sends Go's git fetches of `<host>/...` module paths (default: git.lab.test) to a lab server, the
 * way the product's quick fixes do it for real hosts: `url.<base>.insteadOf` rules in the
 * sandbox's global git config, which the git that Go runs reads. Returns the environment to add to
 * the sandbox's.
 *
 * Why this works: for a module path ending in `.git`, Go probes the repository with
 * `git ls-remote https://git.lab.test/<path without .git>` (then `git+ssh://`, then `ssh://`), takes
 * the first scheme that answers, and keeps that URL as the remote. Go only judges the scheme it
 * wrote (https: secure); git applies insteadOf underneath, so an https -> http or https -> ssh
 * rewrite is invisible to Go. The git+ssh:// and ssh:// probes are rewritten too, so that when the
 * https probe fails neither git nor ssh ever looks up the host (no DNS query leaves the machine).
 * For hosts Go knows (github.com, bitbucket.org …) there is no probe: Go runs git on
 * `https://<host>/<path>` straight away, and the same rewrite applies.
 *
 * - `baseUrl`: where `https://<host>/` goes, ending in `/` (GitHttpServer.baseUrl,
 *   SshGitServer.baseUrl).
 * - `env`: more environment, e.g. `{ GIT_SSH_COMMAND }` from sshServer.ts.
 */
export async function routeLabGitHost(
  sandbox: GoSandbox,
  options: { baseUrl: string; env?: Record<string, string>; host?: string },
): Promise<Record<string, string>> {
  const host = options.host ?? LAB_GIT_HOST;
  const key = `url.${options.baseUrl}.insteadOf`;
  for (const from of [`https://${host}/`, `git+ssh://${host}/`, `ssh://${host}/`]) {
    await git(['config', '--file', sandbox.gitConfigGlobal, '--add', key, from]);
  }
  return {
    GOPRIVATE: host, // fetch directly, and never ask the checksum database about it
    GOPROXY: 'direct', // nothing else may be fetched from the internet either
    ...options.env,
  };
}
