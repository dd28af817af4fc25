// A throwaway Go environment per test: its own HOME, GOPATH, module cache, build cache, go env file
// and git config, and an environment built from scratch, so neither the machine's settings
// (GOFLAGS, GOPROXY, ~/.gitconfig, ~/.netrc …) leak into a test nor a test's downloads leak out.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const GO_BIN_DIR = '/usr/local/go/bin';
export const GO = path.join(GO_BIN_DIR, 'go');

export interface GoSandbox {
  dir: string;
  /** The go binary this sandbox runs (its folder leads PATH). */
  go: string;
  home: string;
  gopath: string;
  gomodcache: string;
  gocache: string;
  goenvFile: string;
  gitConfigGlobal: string;
  /** The whole environment for child processes: nothing from process.env but PATH (and USER). */
  env: Record<string, string>;
  /** Writes files (relative path -> content) into a fresh folder under dir and returns its absolute path. */
  writeWorkspace(name: string, files: Record<string, string>): string;
  cleanup(): Promise<void>;
}

export interface GoSandboxOptions {
  env?: Record<string, string>;
  /** The go binary to run, e.g. a second Go version (default: /usr/local/go/bin/go). */
  go?: string;
}

export async function createGoSandbox(options: GoSandboxOptions = {}): Promise<GoSandbox> {
  const go = options.go ?? GO;
  const goBinDir = path.dirname(go);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gdh-lab-'));
  const home = path.join(dir, 'home');
  const config = path.join(dir, 'config'); // XDG_CONFIG_HOME: where go env -w and Go telemetry write
  const gopath = path.join(dir, 'gopath');
  const gomodcache = path.join(gopath, 'pkg', 'mod');
  const gocache = path.join(dir, 'gocache');
  const goenvFile = path.join(config, 'go', 'env');
  const gitConfigGlobal = path.join(home, '.gitconfig');
  for (const d of [home, path.dirname(goenvFile), gomodcache, gocache, path.join(dir, 'work')]) {
    fs.mkdirSync(d, { recursive: true });
  }
  // Empty files rather than missing ones, so `go env -w` and `git config --global` edit these.
  fs.writeFileSync(goenvFile, '');
  // Go's telemetry child outlives `go` and would write under config/ after cleanup removed it.
  fs.mkdirSync(path.join(config, 'go', 'telemetry'), { recursive: true });
  fs.writeFileSync(path.join(config, 'go', 'telemetry', 'mode'), 'off');
  fs.writeFileSync(gitConfigGlobal, '');

  const env: Record<string, string> = {
    // Only the chosen Go: the machine's go folder is left out when another Go is chosen.
    PATH: [goBinDir, ...(process.env.PATH ?? '/usr/bin:/bin').split(':').filter((p) => p && p !== goBinDir && p !== GO_BIN_DIR)].join(':'),
    HOME: home,
    USER: os.userInfo().username,
    LANG: 'C.UTF-8',
    GOPATH: gopath,
    GOMODCACHE: gomodcache,
    GOCACHE: gocache,
    GOENV: goenvFile,
    GOTOOLCHAIN: 'local', // never download a toolchain
    GOFLAGS: '', // the machine's go env file sets -buildvcs=false; GOENV above already hides it, this is belt and braces
    GIT_CONFIG_GLOBAL: gitConfigGlobal,
    GIT_CONFIG_NOSYSTEM: '1',
    XDG_CONFIG_HOME: config,
    ...options.env,
  };

  let cleaned: Promise<void> | undefined;
  return {
    dir,
    go,
    home,
    gopath,
    gomodcache,
    gocache,
    goenvFile,
    gitConfigGlobal,
    env,
    writeWorkspace(name, files) {
      const root = path.join(dir, 'work', name);
      fs.mkdirSync(root); // throws if it exists: a workspace is always fresh
      for (const [rel, content] of Object.entries(files)) {
        const file = path.join(root, rel);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
      }
      return root;
    },
    cleanup() {
      cleaned ??= (async () => {
        await makeWritable(dir);
        await fs.promises.rm(dir, { recursive: true, force: true });
      })();
      return cleaned;
    },
  };
}

/** Go leaves the module cache read-only (dirs 0555, files 0444); a non-root user could not delete it. */
export async function makeWritable(dir: string): Promise<void> {
  await fs.promises.chmod(dir, 0o755);
  for (const entry of await fs.promises.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(p);
    else if (entry.isFile()) await fs.promises.chmod(p, 0o644);
    // symlinks are left alone: chmod would follow them out of the sandbox
  }
}
