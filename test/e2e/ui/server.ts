// One code-server with the packaged extension installed, and a Chromium page on it: the way a
// user gets the extension (from the .vsix), not the development folder. code-server itself is
// started by the host harness (test/e2e/host/codeServer.ts), into a fresh temp folder per run.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { e2eCache, startCodeServer, type CodeServer } from '../host/codeServer';
import { installChineseLanguagePack } from './languagePack';

const node24 = path.join(e2eCache, 'node24/bin/node');
const entry = path.join(e2eCache, 'cs/lib/node_modules/code-server/out/node/entry.js');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** `code-server --install-extension` into <tmp>/extensions, the folder startCodeServer uses. */
export function installVsix(tmp: string, vsix: string): void {
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  const dir = (name: string) => {
    mkdirSync(path.join(tmp, name), { recursive: true });
    return path.join(tmp, name);
  };
  // Its own config and XDG folders, or even this command writes into the home folder.
  writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');
  const args = [
    entry,
    '--config',
    path.join(tmp, 'config.yaml'),
    '--extensions-dir',
    dir('extensions'),
    '--user-data-dir',
    dir('user-data'),
    '--install-extension',
    vsix,
  ];
  const env = {
    ...process.env,
    XDG_DATA_HOME: dir('xdg-data'),
    XDG_CONFIG_HOME: dir('xdg-config'),
    XDG_CACHE_HOME: dir('xdg-cache'),
    EXTENSIONS_GALLERY: '{}',
  };
  const result = spawnSync(node24, args, { env, encoding: 'utf8', timeout: 60_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${path.basename(vsix)} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
}

export interface Workbench {
  server: CodeServer;
  browser: Browser;
  page: Page;
  url: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A fresh temp folder: code-server's folders go below it (its logs in user-data/logs). */
  tmp: string;
  vsix: string;
  workspace: string;
  /** For code-server, which hands it to the extension host. */
  env: Record<string, string>;
  untrusted: boolean;
  /** VS Code's display language: zh-cn installs a stand-in Chinese language pack first (languagePack.ts). */
  locale?: 'zh-cn';
  /** Receive code-server's output and the page's console, also when opening fails. */
  serverLog: string[];
  browserLog: string[];
}

/** Settings added to the harness's user settings: nothing pops up over what the steps look at. */
const EXTRA_SETTINGS = {
  'remote.autoForwardPorts': false, // the lab's ports would be offered as forwarded ports, in toasts
};

/** Installs the .vsix, starts code-server and opens the workspace in a 1280×800 page. */
export async function openWorkbench(options: OpenOptions): Promise<Workbench> {
  const { serverLog, browserLog } = options;
  let last = Date.now();
  const laps: string[] = [];
  const lap = (what: string) => {
    laps.push(`${what} ${((Date.now() - last) / 1000).toFixed(1)} s`);
    last = Date.now();
  };
  if (options.locale === 'zh-cn') installChineseLanguagePack(options.tmp);
  installVsix(options.tmp, options.vsix);
  lap('install');
  const server = await startCodeServer({
    tmp: options.tmp,
    env: options.env,
    untrusted: options.untrusted,
    locale: options.locale,
    log: (chunk) => serverLog.push(chunk),
  });
  const userSettings = path.join(server.userDataDir, 'User/settings.json');
  writeFileSync(userSettings, JSON.stringify({ ...(JSON.parse(readFileSync(userSettings, 'utf8')) as object), ...EXTRA_SETTINGS }, null, 2));
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: process.env.GDH_E2E_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 30_000 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    lap('start');
    // Every wait has a limit: actions and waits 15 s, navigation 30 s (the run has its own deadline).
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(30_000);
    page.on('console', (message) => browserLog.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => browserLog.push(`[pageerror] ${error.stack ?? error.message}`));
    const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(options.workspace)}`;
    await page.goto(url);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 30_000 });
    lap('workbench');
    console.log(`      opened: ${laps.join(', ')}`);
    const opened = browser;
    return {
      server,
      browser: opened,
      page,
      url,
      async close() {
        await Promise.race([opened.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
        await server.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}
