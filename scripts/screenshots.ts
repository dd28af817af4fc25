// npm run screenshots: regenerates the README's pictures (docs/images/) from a UI test run of the
// packaged extension (test/e2e/ui, trusted session), so they always show the current build.
// Needs what `npm run test:ui` needs (scripts/setup.sh editor, npm run package: the npm script runs
// both). The pictures are kept only when every step passed.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { runUiSuite } from '../test/e2e/ui/runUi';

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'docs/images');
/** The pictures the README shows, by the name the UI steps give them. */
const PICTURES = ['squiggle-hover', 'quick-fix', 'module-tree', 'goproxy-picker', 'report'];
/** The same in Chinese (the UI session with VS Code's display language set to Simplified Chinese). */
const ZH_PICTURES = ['zh-squiggle-hover', 'zh-quick-fix', 'zh-module-tree'];

/** The report's headings start with ❌/⚠️; without a colour emoji font Chromium draws empty boxes. */
function ensureEmojiFont(): void {
  const fonts = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' }).stdout ?? '';
  if (/Noto Color Emoji/i.test(fonts)) return;
  console.log("screenshots: installing fonts-noto-color-emoji (apt), for the report's ❌ and ⚠️");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let install = spawnSync('apt-get', ['install', '-y', '-q', 'fonts-noto-color-emoji'], { stdio: 'inherit', env });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    install = spawnSync('apt-get', ['install', '-y', '-q', 'fonts-noto-color-emoji'], { stdio: 'inherit', env });
  }
  if (install.status !== 0) console.warn('screenshots: no colour emoji font: the report picture will show boxes for ❌ and ⚠️');
}

async function main(): Promise<number> {
  ensureEmojiFont();
  const result = await runUiSuite({ only: 'trusted', deadlineSeconds: 240 });
  const chinese = await runUiSuite({ only: 'chinese', deadlineSeconds: 180, resultsDir: path.join(root, 'test-results/ui-zh') });
  console.log(`ui: ${result.passed + chinese.passed} passed, ${result.failed + chinese.failed} failed`);
  if (result.failed + chinese.failed > 0) {
    console.error('screenshots: a step failed, so docs/images/ was left as it was');
    return 1;
  }
  mkdirSync(target, { recursive: true });
  for (const name of PICTURES) {
    const file = path.join(target, `${name}.png`);
    copyFileSync(path.join(result.resultsDir, 'docs', `${name}.png`), file);
    console.log(`  ${path.relative(root, file)}  ${(statSync(file).size / 1024).toFixed(0)} KB`);
  }
  for (const name of ZH_PICTURES) {
    const file = path.join(target, `${name}.png`);
    copyFileSync(path.join(chinese.resultsDir, 'docs', `${name}.png`), file);
    console.log(`  ${path.relative(root, file)}  ${(statSync(file).size / 1024).toFixed(0)} KB`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
