// The two languages agree: every message id has both texts with the same placeholders and the same
// untranslatable words (commands, URLs, setting names); the editor's contributions (package.nls)
// and its own strings (vscode.l10n.t → l10n/bundle.l10n.zh-cn.json) exist in Chinese; a locale
// picks the language as POSIX and VS Code name it.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EN, ZH_CN, findingMessage, fixGuidance, fixTitle, langFromEnv, langFromLocale, msg, placeholdersOf, render, storedText } from '../../src/core/i18n';
import { HEALTH_SKIPPED, NO_ANSWER } from '../../src/core/healthText';
import { diagnosePasted } from '../../src/core/pasted';
import { progressText } from '../../src/cli/progress';
import { loadWildCases } from './wildCorpus.test';

const root = path.resolve(__dirname, '../..');
const json = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

/** Words a translation keeps as they are: code spans, URLs, environment variables and settings. */
function untranslatable(text: string): string[] {
  const words = [
    ...(text.match(/`[^`]+`/g) ?? []),
    ...(text.match(/https?:\/\/[^\s)"'`,]+/g) ?? []),
    ...(text.match(/\b[A-Z][A-Z0-9_]{3,}\b/g) ?? []),
    ...(text.match(/\bgo\.[a-zA-Z]+\b/g) ?? []),
  ];
  return [...new Set(words.map((word) => word.replace(/[.,;:]+$/, '')))].sort();
}

describe('i18n: the message catalogue', () => {
  const ids = Object.keys(EN) as (keyof typeof EN)[];

  it('has every id in both languages, and nothing in Chinese that English lacks', () => {
    const missing = ids.filter((id) => typeof ZH_CN[id] !== 'string' || ZH_CN[id].trim() === '');
    assert.deepEqual(missing, [], 'ids without a Chinese text');
    const extra = Object.keys(ZH_CN).filter((id) => !(id in EN));
    assert.deepEqual(extra, [], 'Chinese texts without an English one');
    assert.ok(ids.length > 50, `a catalogue, not a stub (${ids.length} ids)`);
  });

  it('names the same placeholders in both languages', () => {
    const disagree = ids.filter((id) => placeholdersOf(EN[id]).join() !== placeholdersOf(ZH_CN[id]).join());
    assert.deepEqual(
      disagree.map((id) => `${id}: en {${placeholdersOf(EN[id]).join(', ')}} zh {${placeholdersOf(ZH_CN[id]).join(', ')}}`),
      [],
    );
  });

  it('keeps commands, URLs and setting names as they are in Chinese', () => {
    const lost = ids.flatMap((id) =>
      untranslatable(EN[id])
        .filter((word) => !ZH_CN[id].includes(word))
        .map((word) => `${id}: ${word}`),
    );
    assert.deepEqual(lost, []);
  });

  it('is Chinese in Chinese: every text that has words has Chinese characters', () => {
    const english = ids.filter(
      (id) => /[a-z]{3,} [a-z]{3,}/i.test(EN[id].replace(/`[^`]*`|\{\w+\}|Go Dependency Health/g, '')) && !/[\u4e00-\u9fff]/.test(ZH_CN[id]),
    );
    assert.deepEqual(english, []);
  });

  it('renders nested messages in the same language and leaves arguments untouched', () => {
    const message = msg('cli.noSuchFix', { id: 'goprivate-add', forModule: msg('cli.noSuchFixForModule', { module: 'example.com/m' }), offered: 'a, b' });
    assert.equal(render('en', message), 'go-dep-health: no finding offers the fix "goprivate-add" for example.com/m. Offered: a, b');
    assert.equal(render('zh-CN', message), 'go-dep-health：没有哪个问题提供修复 "goprivate-add"（模块 example.com/m）。可用的修复：a, b');
    // A value that looks like a placeholder is not expanded again.
    assert.equal(render('en', msg('cli.undone', { title: '{title}' })), 'Undone: {title}');
  });
});

describe('i18n: real findings in both languages', () => {
  // The errors real users pasted (test/fixtures/wild): every finding and fix they produce carries
  // its message id, renders to exactly its English text, and reads as Chinese with every argument
  // (module paths, hosts, Go's words) in place and no placeholder left over.
  const findings = loadWildCases().flatMap((wild) => diagnosePasted({ text: wild.output, env: wild.env }).map((finding) => ({ wild, finding })));

  it('has findings to check', () => assert.ok(findings.length > 150, `${findings.length} findings`));

  it('carries the id and arguments of every message, and the English is their rendering', () => {
    for (const { wild, finding } of findings) {
      assert.ok(finding.messageId, `${wild.id}: the finding has a message id`);
      assert.equal(render('en', { id: finding.messageId, args: finding.messageArgs ?? {} }), finding.message, wild.id);
      for (const fix of finding.fixes) {
        assert.ok(fix.titleId, `${wild.id}: ${fix.id} has a title id`);
        assert.equal(fixTitle(fix, 'en'), fix.title);
        if (fix.detail.kind === 'doc') assert.ok(fix.detail.textId, `${wild.id}: ${fix.id} has a text id`);
        if (fix.detail.kind === 'command') assert.ok(fix.detail.whyId, `${wild.id}: ${fix.id} says why in every language`);
      }
    }
  });

  it('reads as Chinese with the arguments in place', () => {
    for (const { wild, finding } of findings) {
      const pairs = [
        [finding.message, findingMessage(finding, 'zh-CN')],
        ...finding.fixes.flatMap((fix) => [
          [fix.title, fixTitle(fix, 'zh-CN')],
          ...(fix.detail.kind === 'doc' || fix.detail.kind === 'command' ? [[fixGuidance(fix.detail, 'en'), fixGuidance(fix.detail, 'zh-CN')]] : []),
        ]),
      ];
      for (const [english, chinese] of pairs) {
        assert.match(chinese!, /[\u4e00-\u9fff]/, `${wild.id}: "${chinese}" is Chinese`);
        // Braces the English has too come from an argument (a user's GOPROXY with ${HOME} in it).
        const left = (chinese!.match(/\{[a-zA-Z]+\}/g) ?? []).filter((braces) => !english!.includes(braces));
        assert.deepEqual(left, [], `${wild.id}: "${chinese}" has no placeholder left`);
      }
      if (finding.module)
        assert.ok(findingMessage(finding, 'zh-CN').includes(finding.module) || !finding.message.includes(finding.module), `${wild.id}: the module path stays`);
    }
  });
});

describe('i18n: our sentences the JSON keeps in English', () => {
  it("shows them in Chinese where they leave, and go's own words as they are", () => {
    assert.equal(storedText('response body stopped arriving', 'zh-CN'), render('zh-CN', msg('request.bodyStopped')));
    assert.equal(storedText(HEALTH_SKIPPED.proxyOff, 'zh-CN'), render('zh-CN', msg('health.skipped.proxyOff')));
    assert.equal(storedText(NO_ANSWER.passFailed, 'zh-CN'), render('zh-CN', msg('health.noAnswer.passFailed')));
    assert.equal(storedText(HEALTH_SKIPPED.proxyOff, 'en'), HEALTH_SKIPPED.proxyOff);
    const goSaid = 'dial tcp 127.0.0.1:1: connect: connection refused';
    assert.equal(storedText(goSaid, 'zh-CN'), goSaid);
  });
});

describe('i18n: the CLI progress line in Chinese', () => {
  it('says what it waits on in Chinese, and fits the terminal counting a Chinese character as two columns', () => {
    assert.equal(progressText(null, 0, 80, 'zh-CN'), '⠋ 正在启动 go');
    const busy = { modulesDone: 12, modulesKnown: 40, bytes: 3_400_000, bytesPerSecond: 1_100_000, current: null } as Parameters<typeof progressText>[0];
    assert.match(progressText(busy, 1, 120, 'zh-CN'), /^⠙ 12\/40 个模块 · 3\.4 MB（1\.1 MB\/s）$/);
    const narrow = progressText(busy, 1, 21, 'zh-CN');
    const columns = [...narrow].reduce((sum, char) => sum + (/[\u4e00-\u9fff\uff00-\uff60]/.test(char) ? 2 : 1), 0);
    assert.ok(columns <= 20 && narrow.endsWith('…'), `${narrow} (${columns} columns)`);
  });
});

describe('i18n: the language of a locale', () => {
  const cases: [string | undefined, 'en' | 'zh-CN' | null][] = [
    ['zh_CN.UTF-8', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh_SG.GB2312', 'zh-CN'],
    ['zh_TW.UTF-8', null],
    ['zh-Hant', null],
    ['zh_HK', null],
    ['en_US.UTF-8', 'en'],
    ['en', 'en'],
    ['C', null],
    ['C.UTF-8', null],
    ['POSIX', null],
    ['de_DE.UTF-8', null],
    ['', null],
    [undefined, null],
  ];
  for (const [locale, lang] of cases) it(`${JSON.stringify(locale)} → ${lang}`, () => assert.equal(langFromLocale(locale), lang));

  it('takes LC_ALL, then LC_MESSAGES, then LANG, as POSIX does', () => {
    assert.equal(langFromEnv({ LANG: 'zh_CN.UTF-8' }), 'zh-CN');
    assert.equal(langFromEnv({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }), 'zh-CN');
    assert.equal(langFromEnv({ LC_ALL: 'C', LC_MESSAGES: 'zh_CN.UTF-8' }), 'en', 'LC_ALL=C overrides everything');
    assert.equal(langFromEnv({ LC_ALL: '', LANG: 'zh_CN.UTF-8' }), 'zh-CN', 'an empty variable is unset');
    assert.equal(langFromEnv({ LANG: 'fr_FR.UTF-8' }), 'en', 'a language without texts is English');
    assert.equal(langFromEnv({}), 'en');
  });
});

describe('i18n: the editor', () => {
  it('has every contribution string of package.json in package.nls.json and package.nls.zh-cn.json', () => {
    const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = [...new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]!))].sort();
    const en = json('package.nls.json');
    const zh = json('package.nls.zh-cn.json');
    assert.deepEqual(Object.keys(en).sort(), used, 'package.nls.json holds exactly the keys package.json uses');
    assert.deepEqual(Object.keys(zh).sort(), used, 'package.nls.zh-cn.json holds exactly the same keys');
    for (const key of used) {
      assert.ok(/[\u4e00-\u9fff]/.test(String(zh[key])), `${key} is Chinese`);
      // Command links and setting names stay as they are.
      for (const link of String(en[key]).match(/\(command:[^)]+\)|`[^`]+`/g) ?? []) assert.ok(String(zh[key]).includes(link), `${key} keeps ${link}`);
    }
  });

  it('has a Chinese text for every vscode.l10n.t string of src/vscode, with the same placeholders, and none left over', () => {
    const dir = path.join(root, 'src/vscode');
    const used = new Set<string>();
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      for (const match of source.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(match[1]!.replace(/\\'/g, "'").replace(/\\"/g, '"'));
      // Only literal strings: a computed key could not be checked here.
      assert.doesNotMatch(source, /l10n\.t\(\s*[^'\s]/, `${file}: vscode.l10n.t with a literal string only`);
    }
    const bundle = json('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
    assert.deepEqual(
      [...used].filter((key) => !(key in bundle)),
      [],
      'strings without a Chinese text',
    );
    assert.deepEqual(
      Object.keys(bundle).filter((key) => !used.has(key)),
      [],
      'Chinese texts no code uses',
    );
    for (const [key, value] of Object.entries(bundle)) {
      assert.deepEqual(placeholdersOf(value), placeholdersOf(key), `placeholders of "${key}"`);
      for (const word of untranslatable(key)) assert.ok(value.includes(word), `"${key}" keeps ${word}`);
    }
  });
});
