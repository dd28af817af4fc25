// Messages as data: an id from the catalogue and its arguments, rendered in a language where the
// text is shown. The engine builds findings and fixes with messages (their English rendering stays
// in `message`/`title` for the JSON contract); the CLI and the editor render them in the user's
// language. Arguments are the user's and the tools' own words (module paths, URLs, commands, Go's
// and git's output, setting names): never translated, only placed. An argument may itself be a
// message (a clause that exists in one case only), rendered in the same language.

import { CATALOGUES, type Catalogue, type MessageId } from './catalogue';

export type { MessageId } from './catalogue';

/** The languages the texts exist in. `en` is the default and the language of the JSON's `message`. */
export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

export type MessageArg = string | number | Message;
export type MessageArgs = Readonly<Record<string, MessageArg>>;

export interface Message {
  id: MessageId;
  args: MessageArgs;
}

/** `{name}` placeholders of a template, as a type: `'{a} and {b}'` → `'a' | 'b'`. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The arguments a message wants: exactly its English template's placeholders. */
export type ArgsOf<K extends MessageId> = { [Name in Placeholders<Catalogue[K]>]: MessageArg };

/** A message with the arguments its template names (checked by the compiler). */
export function msg<K extends MessageId>(id: K, ...rest: keyof ArgsOf<K> extends never ? [] : [args: ArgsOf<K>]): Message {
  const args: MessageArgs = rest[0] ?? {};
  return { id, args };
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The text of a message in a language; a placeholder without an argument stays as it is. */
export function render(lang: Lang, message: Message): string {
  const template: string = CATALOGUES[lang][message.id] ?? CATALOGUES.en[message.id] ?? message.id;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = message.args[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? render(lang, value) : String(value);
  });
}

/** Shorthand: render a message built on the spot. */
export function t<K extends MessageId>(lang: Lang, id: K, ...rest: keyof ArgsOf<K> extends never ? [] : [args: ArgsOf<K>]): string {
  return render(lang, msg(id, ...rest));
}

/** The placeholder names of a template, sorted (tests compare the languages with it). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!))].sort();
}

/**
 * A language from a locale name as POSIX, BCP 47 or VS Code write it (`zh_CN.UTF-8`, `zh-Hans`,
 * `zh-cn`, `en_US`); null for one we have no texts in. Traditional Chinese (zh_TW, zh-HK, zh-Hant)
 * is not Simplified: it gets English rather than the wrong script.
 */
export function langFromLocale(locale: string | undefined | null): Lang | null {
  const tag = (locale ?? '').trim().split(/[.@]/)[0]!.replace(/_/g, '-').toLowerCase();
  if (tag === '' || tag === 'c' || tag === 'posix') return null;
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  if (tag === 'zh' || tag === 'zh-cn' || tag === 'zh-sg' || tag.startsWith('zh-hans')) return 'zh-CN';
  return null;
}

/**
 * The language of a terminal, as POSIX picks the locale of messages: the first of LC_ALL,
 * LC_MESSAGES and LANG that is set decides (`C` and a language without texts mean English).
 */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value) return langFromLocale(value) ?? 'en';
  }
  return 'en';
}
