// Starts one code-server (VS Code's server + web workbench) for a test run: on a free port of
// 127.0.0.1, with every folder it writes to in a fresh temp folder, so runs neither share state
// nor touch the home folder. Installed by scripts/setup.sh.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import * as path from 'node:path';

export const e2eCache = process.env.GDH_E2E_CACHE ?? path.join(homedir(), '.cache/go-dep-health-e2e');
const node24Bin = path.join(e2eCache, 'node24/bin');
const entry = path.join(e2eCache, 'cs/lib/node_modules/code-server/out/node/entry.js');

export interface CodeServerOptions {
  /** Temp folder of this run; code-server's folders go below it. */
  tmp: string;
  /** Added to code-server's environment, which the extension host inherits. */
  env: Record<string, string>;
  /** Leave workspace trust on (the folder then opens in restricted mode). */
  untrusted: boolean;
  /** Receives everything code-server prints. */
  log: (chunk: string) => void;
  /** The display language (`--locale`); a language pack for it must be installed (test/e2e/ui/languagePack.ts). */
  locale?: string;
}

export interface CodeServer {
  port: number;
  userDataDir: string;
  stop(): Promise<void>;
  /** For a process 'exit' handler, where nothing asynchronous runs. */
  killNow(): void;
}

const settings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden', // the chat side bar, empty here
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true, // fewer built-in features starting up and logging
  // Untrusted runs stay in restricted mode instead of waiting on the trust dialog.
  'security.workspace.trust.startupPrompt': 'never',
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!existsSync(entry) || !existsSync(path.join(node24Bin, 'node'))) {
    throw new Error(`code-server is not installed in ${e2eCache}: run \`bash scripts/setup.sh editor\``);
  }
  assertInotifyLeft();
  const dir = (name: string) => {
    const folder = path.join(options.tmp, name);
    mkdirSync(folder, { recursive: true });
    return folder;
  };
  const userDataDir = dir('user-data');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
  // A config file of its own, or code-server writes one with a password into ~/.config.
  const config = path.join(options.tmp, 'config.yaml');
  writeFileSync(config, 'auth: none\n');

  const port = await freePort();
  const args = [
    entry,
    ...['--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`],
    ...['--disable-telemetry', '--disable-update-check', '--disable-getting-started-override'],
    ...(options.untrusted ? [] : ['--disable-workspace-trust']),
    ...['--user-data-dir', userDataDir, '--extensions-dir', dir('extensions')],
    // Without it the workbench silently ignores the extensionTestsPath payload.
    ...['--vscode-option', 'enable-smoke-test-driver'],
    ...(options.locale ? ['--locale', options.locale] : []),
  ];
  const env = {
    ...process.env,
    PATH: `${node24Bin}${path.delimiter}${process.env.PATH ?? ''}`, // code-server needs Node 24
    XDG_DATA_HOME: dir('xdg-data'),
    XDG_CONFIG_HOME: dir('xdg-config'),
    XDG_CACHE_HOME: dir('xdg-cache'),
    EXTENSIONS_GALLERY: '{}', // no marketplace: it would keep failing to reach it
    GOTOOLCHAIN: 'local', // never let `go` fetch another toolchain during a test
    ...options.env,
  };
  // Detached: its own process group, so stopping it also stops the extension host and watchers.
  const child = spawn(path.join(node24Bin, 'node'), args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };

  try {
    await waitForListening(child, exited, options.log);
  } catch (error) {
    killGroup('SIGKILL');
    throw error;
  }
  return {
    port,
    userDataDir,
    killNow: () => killGroup('SIGKILL'),
    async stop() {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      killGroup('SIGKILL'); // whatever of the group outlived its leader
    },
  };
}

/** Ready when it prints `HTTP server listening on` (about 0.3 s); fails fast if it exits. */
function waitForListening(child: ChildProcess, exited: Promise<void>, log: (chunk: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start listening within 30 s')), 30_000);
    let recent = ''; // the marker may arrive split over two chunks
    const onData = (data: Buffer) => {
      const text = data.toString();
      log(text);
      recent = (recent + text).slice(-4096);
      if (recent.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${child.exitCode ?? child.signalCode} before listening`));
    });
  });
}

/**
 * VS Code's file watcher needs inotify instances (at most fs.inotify.max_user_instances per user,
 * 128 by default). When other processes hold them all, the workbench starts but never reports a
 * file change, and tests that wait for one wait forever: say so before starting.
 */
function assertInotifyLeft(): void {
  let limit: number;
  try {
    limit = Number(readFileSync('/proc/sys/fs/inotify/max_user_instances', 'utf8'));
  } catch {
    return; // not Linux, or /proc hidden: nothing to check
  }
  const uid = process.getuid?.();
  const holders = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (uid !== undefined && !readFileSync(`/proc/${pid}/status`, 'utf8').includes(`\nUid:\t${uid}\t`)) continue;
      const count = readdirSync(`/proc/${pid}/fd`).filter((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`) === 'anon_inode:inotify').length;
      if (count > 0) holders.set(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 80)}`, count);
    } catch {
      // gone while we looked
    }
  }
  const used = [...holders.values()].reduce((sum, count) => sum + count, 0);
  if (limit - used >= 8) return;
  const top = [...holders]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([holder, count]) => `${count} held by ${holder}`);
  throw new Error(
    `only ${limit - used} of ${limit} inotify instances are left for this user (fs.inotify.max_user_instances), so VS Code's file watcher would report nothing: ${top.join('; ')}. Stop those processes (leftovers of an interrupted test run?) or raise the limit.`,
  );
}
