// VS Code's display language, set offline. The workbench speaks a language when a language pack
// for it is installed and `locale` names it (code-server's --locale); only then does the web
// workbench set its language, and only then does the extension host's vscode.env.language say
// zh-cn, so that VS Code loads the extension's package.nls.zh-cn.json and l10n bundle. The
// Chinese language pack comes from the Marketplace, which these machines cannot reach: this
// writes a stand-in with what VS Code reads of one — an extension contributing `localizations`,
// and the language-pack cache (languagepacks.json in the user-data folder) that installing one
// from the Extensions view writes (a command-line install does not). Its translations cover the
// few workbench words the Chinese screenshots show, found by their English text in code-server's
// own message table, with VS Code's official Chinese for them; the rest of the workbench stays
// English (so the steps still reach commands such as "Problems: Focus on Problems View" by name). The extension under test is the real package, unchanged.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { e2eCache } from '../host/codeServer';

const VSCODE_OUT = path.join(e2eCache, 'cs/lib/node_modules/code-server/lib/vscode/out');

/** Workbench words in the screenshots, as the official Chinese (Simplified) language pack has them. */
const WORKBENCH_ZH: Record<string, string> = {
  'Quick Fix...': '快速修复...',
  'Quick Fix': '快速修复',
  'View Problem': '查看问题',
  'No quick fixes available': '没有可用的快速修复',
  Explorer: '资源管理器',
  Search: '搜索',
  Extensions: '扩展',
  'Source Control': '源代码管理',
  'Run and Debug': '运行和调试',
  Outline: '大纲',
  Timeline: '时间线',
  Cancel: '取消',
  'More Actions...': '更多操作...',
};

const ID = 'gdh-test.language-pack-zh-cn';
const VERSION = '0.0.1';

/** `{ module: { key: translation } }` for every workbench message whose English text is in WORKBENCH_ZH. */
function workbenchTranslations(): Record<string, Record<string, string>> {
  const keys = JSON.parse(readFileSync(path.join(VSCODE_OUT, 'nls.keys.json'), 'utf8')) as [string, string[]][];
  const english = JSON.parse(readFileSync(path.join(VSCODE_OUT, 'nls.messages.json'), 'utf8')) as string[];
  const contents: Record<string, Record<string, string>> = {};
  let index = 0;
  for (const [module, names] of keys) {
    for (const name of names) {
      const chinese = WORKBENCH_ZH[english[index++] ?? ''];
      if (chinese) (contents[module] ??= {})[name] = chinese;
    }
  }
  return contents;
}

/**
 * Puts the stand-in language pack for zh-cn into `<tmp>/extensions` (before anything is installed
 * there: a copied folder is picked up only while the folder has no extensions.json) and registers
 * it in `<tmp>/user-data/languagepacks.json`. Start code-server with `--locale zh-cn` after.
 */
export function installChineseLanguagePack(tmp: string): void {
  const extensions = path.join(tmp, 'extensions');
  if (existsSync(path.join(extensions, 'extensions.json'))) throw new Error('the language pack must be copied before any extension is installed');
  const folder = path.join(extensions, `${ID}-${VERSION}`);
  mkdirSync(path.join(folder, 'translations'), { recursive: true });
  const [publisher, name] = ID.split('.') as [string, string];
  const manifest = {
    name,
    publisher,
    version: VERSION,
    engines: { vscode: '^1.90.0' },
    contributes: {
      localizations: [
        {
          languageId: 'zh-cn',
          languageName: 'Chinese Simplified',
          localizedLanguageName: '中文(简体)',
          translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
        },
      ],
    },
  };
  writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  const translations = path.join(folder, 'translations/main.i18n.json');
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: workbenchTranslations() }));
  const userData = path.join(tmp, 'user-data');
  mkdirSync(userData, { recursive: true });
  const cache = {
    'zh-cn': {
      hash: `${ID}-${VERSION}`,
      extensions: [{ extensionIdentifier: { id: ID }, version: VERSION }],
      translations: { vscode: translations },
      label: '中文(简体)',
    },
  };
  writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify(cache, null, 2));
}
