// The texts of findings and fixes in a language: from their message ids, else (a finding made
// before ids, a test's record) the English they carry.

import type { Finding, FixDetail, PlannedFix } from '../types';
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
