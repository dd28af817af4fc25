// The catalogue: every message id with its English and Simplified Chinese text, one file per
// concern and language. The Chinese files are typed by the English ones, so an id missing in either
// language, or one that exists in only one, does not compile; test/unit/i18n.test.ts checks that
// both texts of an id name the same placeholders.

import { enCli } from './en/commandLine';
import { enFindings } from './en/findings';
import { enFixes } from './en/fixes';
import { enHealth } from './en/health';
import { enText } from './en/text';
import { zhCli } from './zh-cn/commandLine';
import { zhFindings } from './zh-cn/findings';
import { zhFixes } from './zh-cn/fixes';
import { zhHealth } from './zh-cn/health';
import { zhText } from './zh-cn/text';

export const EN = { ...enText, ...enCli, ...enFindings, ...enFixes, ...enHealth } as const;

export type Catalogue = typeof EN;
export type MessageId = keyof Catalogue;

export const ZH_CN: Readonly<Record<MessageId, string>> = { ...zhText, ...zhCli, ...zhFindings, ...zhFixes, ...zhHealth };

export const CATALOGUES: Readonly<Record<'en' | 'zh-CN', Readonly<Record<MessageId, string>>>> = { en: EN, 'zh-CN': ZH_CN };

/** A catalogue file of another language: exactly the ids of its English file. */
export type Translation<T> = { readonly [K in keyof T]: string };
