// The texts of findings and fixes in a language: from their message ids, else (a finding made
// before ids, a test's record) the English they carry.

import type { Finding, FixDetail, PlannedFix } from '../types';
import { EN } from './catalogue';
import { render, type Lang, type MessageArgs, type MessageId } from './message';

function localized(lang: Lang, english: string, id: MessageId | undefined, args: MessageArgs | undefined): string {
  return lang === 'en' || id === undefined ? english : render(lang, { id, args: args ?? {} });
}

export function findingMessage(finding: Finding, lang: Lang): string {
  return localized(lang, finding.message, finding.messageId, finding.messageArgs);
}

export function fixTitle(fix: PlannedFix, lang: Lang): string {
  return localized(lang, fix.title, fix.titleId, fix.titleArgs);
}

/** The guidance of a doc fix, or why a command is worth running. */
export function fixGuidance(detail: Extract<FixDetail, { kind: 'doc' } | { kind: 'command' }>, lang: Lang): string {
  return detail.kind === 'doc' ? localized(lang, detail.text, detail.textId, detail.textArgs) : localized(lang, detail.why, detail.whyId, detail.whyArgs);
}

/** The title of an applied fix (an undo record), from its message when it kept one. */
export function recordTitle(record: { title: string; titleMessage?: { id: MessageId; args: MessageArgs } }, lang: Lang): string {
  return localized(lang, record.title, record.titleMessage?.id, record.titleMessage?.args);
}

/**
 * Our sentences that the JSON keeps as plain English strings, with no id beside them: why a health
 * pass was skipped, why a module has no health answer, a request's body that stopped arriving.
 */
const STORED_IN_ENGLISH = /^(?:health\.skipped\.|health\.noAnswer\.|request\.bodyStopped$)/;

const STORED = new Map<string, MessageId>(
  (Object.keys(EN) as MessageId[]).filter((id) => STORED_IN_ENGLISH.test(id)).map((id) => [render('en', { id, args: {} }), id]),
);

/** A string the report carries in English, in `lang` when it is one of our sentences; go's own words stay as they are. */
export function storedText(text: string, lang: Lang): string {
  const id = lang === 'en' ? undefined : STORED.get(text);
  return id ? render(lang, { id, args: {} }) : text;
}
