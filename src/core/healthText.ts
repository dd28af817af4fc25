// Every sentence the health pass shows a person, in one place (the findings' messages, the hover,
// the tree, the CLI's `why` and text report), built from the catalogue (core/i18n/en/health.ts) in
// the language asked for. Raw text: callers redact it where it leaves.

import { chainText, splitNode } from './modGraph';
import { msg, render, storedText, t, type Lang, type Message, type MessageArg, type MessageId } from './i18n';
import type { ModuleHealth } from './types';

/** What go says when a retract directive has no comment (modload's default rationale). */
export const NO_RATIONALE = 'retracted by module author';

const quoted = (text: string) => `“${text.trim()}”`;
/** A sentence's end after quoted words, unless they end one already. */
const endAfter = (text: string) => (/[.!?]$/.test(text.trim()) ? '' : '.');

function givenRationales(rationales: readonly string[]): string[] {
  return rationales.filter((rationale) => rationale.trim() !== '' && rationale !== NO_RATIONALE);
}

/** The findings' sentences, as messages of the catalogue (core/i18n): the rationale and go's words stay as the author wrote them. */
function rationaleMessage(rationales: readonly string[]): Message {
  const given = givenRationales(rationales);
  if (given.length === 0) return msg('health.rationale.none');
  return msg('health.rationale', { rationales: given.map(quoted).join('; '), end: endAfter(given[given.length - 1]!) ? msg('health.period') : '' });
}

function throughMessage(chain: readonly string[] | null): MessageArg {
  return chain && chain.length > 2 ? msg('health.through', { chain: chainText(chain) }) : '';
}

export function retractedMessage(health: ModuleHealth, chain: readonly string[] | null): Message {
  return msg('health.retracted', {
    module: `${health.path}@${health.version}`,
    rationale: rationaleMessage(health.retracted ?? []),
    through: throughMessage(chain),
    move: health.update ? msg('health.retracted.move', { version: health.update.version }) : '',
  });
}

export function deprecatedMessage(health: ModuleHealth, chain: readonly string[] | null): Message {
  const message = health.deprecated ?? '';
  return msg('health.deprecated', {
    module: health.path,
    message: quoted(message),
    end: endAfter(message) ? msg('health.period') : '',
    through: throughMessage(chain),
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "3 days", "5 months", "2 years": how long ago `time` was, from `now`. Null when time does not parse. */
export function ageText(time: string | null, now: Date, lang: Lang = 'en'): string | null {
  if (!time) return null;
  const then = Date.parse(time);
  if (Number.isNaN(then)) return null;
  const days = Math.max(0, Math.floor((now.getTime() - then) / DAY_MS));
  const unit = (count: number, name: 'days' | 'months' | 'years') => t(lang, count === 1 ? `health.age.${name}.one` : `health.age.${name}.other`, { count });
  if (days < 1) return t(lang, 'health.age.lessThanADay');
  if (days < 60) return unit(days, 'days');
  if (days < 730) return unit(Math.floor(days / 30.44), 'months');
  return unit(Math.floor(days / 365.25), 'years');
}

const dateOf = (time: string | null) => (time && !Number.isNaN(Date.parse(time)) ? new Date(time).toISOString().slice(0, 10) : null);

/** "v1.3.0 available (2024-05-01)"; null when the selected version is the newest of its major version. */
export function updateText(health: ModuleHealth, lang: Lang = 'en'): string | null {
  if (!health.update) return null;
  const date = dateOf(health.update.time);
  return t(lang, 'health.available', { version: health.update.version, date: date ? msg('health.available.date', { date }) : '' });
}

/** "published 2024-01-01, 2 years ago". */
export function publishedText(health: ModuleHealth, now: Date, lang: Lang = 'en'): string | null {
  const date = dateOf(health.time);
  const age = ageText(health.time, now, lang);
  return date ? t(lang, 'health.published', { date, age: age ? msg('health.published.age', { age }) : '' }) : null;
}

/** Why the module is at this version, one sentence; null when the graph does not say. */
export function selectedText(health: ModuleHealth, lang: Lang = 'en'): string | null {
  if (!health.selectedBy) return null;
  const main = health.chain?.[0] ?? null;
  if (health.selectedBy === main || splitNode(health.selectedBy).version === null) return t(lang, 'health.selected.asRequired', { version: health.version });
  return t(lang, 'health.selected.raised', {
    asks: health.required ? msg('health.selected.asks', { required: health.required }) : '',
    selectedBy: health.selectedBy,
    module: `${health.path}@${health.version}`,
  });
}

/** "required by: app → a@v1 → b@v2"; null when no chain is known. */
export function requiredByText(health: ModuleHealth, lang: Lang = 'en'): string | null {
  return health.chain && health.chain.length > 1 ? t(lang, 'health.requiredBy', { chain: chainText(health.chain) }) : null;
}

export function unknownText(health: ModuleHealth, lang: Lang = 'en'): string {
  return t(lang, 'health.unknown', { error: storedText((health.error ?? '').split('\n')[0]!, lang) });
}

/** Short words for a tree row's description: "retracted", "deprecated", "v1.3.0 available". */
export function healthBadges(health: ModuleHealth, lang: Lang = 'en'): string[] {
  if (health.status === 'unknown') return [t(lang, 'health.badge.unknown')];
  const badges: string[] = [];
  if (health.retracted) badges.push(t(lang, 'health.badge.retracted'));
  if (health.deprecated !== null) badges.push(t(lang, 'health.badge.deprecated'));
  if (health.update) badges.push(t(lang, 'health.available', { version: health.update.version, date: '' }));
  return badges;
}

/** The lines of a module's health, for the hover (plain text lines) and the CLI: a title, then its facts. */
export function healthLines(health: ModuleHealth, now: Date, lang: Lang = 'en'): string[] {
  const facts = healthFacts(health, now, lang);
  const published = facts.find((fact) => fact.kind === 'published');
  const rest = facts
    .filter((fact) => fact.kind !== 'published')
    .map((fact) => (fact.kind === 'requiredBy' && health.chain ? t(lang, 'health.fact.whyModule', { chain: chainText(health.chain) }) : fact.text));
  return [`${health.path} ${health.version}${published ? ` — ${published.text}` : ''}`, ...rest];
}

function majorLabel(version: string, lang: Lang): string {
  const major = /^v(\d+)\./.exec(version)?.[1];
  return major ? `v${major}` : t(lang, 'health.fact.major.unknown');
}

export type HealthLineKind = 'published' | 'unknown' | 'retracted' | 'deprecated' | 'update' | 'newest' | 'selected' | 'requiredBy';

/** The facts of a module's health one per line, each with what it is about (the tree picks an icon by it). */
export function healthFacts(health: ModuleHealth, now: Date, lang: Lang = 'en'): { kind: HealthLineKind; text: string }[] {
  const facts: { kind: HealthLineKind; text: string }[] = [];
  const published = publishedText(health, now, lang);
  if (published) facts.push({ kind: 'published', text: published });
  if (health.status === 'unknown') facts.push({ kind: 'unknown', text: unknownText(health, lang) });
  if (health.retracted) facts.push({ kind: 'retracted', text: t(lang, 'health.fact.retracted', { rationale: rationaleMessage(health.retracted) }) });
  if (health.deprecated !== null) facts.push({ kind: 'deprecated', text: t(lang, 'health.fact.deprecated', { message: health.deprecated }) });
  const major = majorLabel(health.version, lang);
  const update = updateText(health, lang);
  if (update) facts.push({ kind: 'update', text: t(lang, 'health.fact.newest', { major, update }) });
  else if (health.status === 'ok') facts.push({ kind: 'newest', text: t(lang, 'health.fact.newest.this', { major }) });
  const selected = selectedText(health, lang);
  if (selected) facts.push({ kind: 'selected', text: t(lang, 'health.fact.whyVersion', { text: selected }) });
  const requiredBy = requiredByText(health, lang);
  if (requiredBy) facts.push({ kind: 'requiredBy', text: requiredBy });
  return facts;
}

/** The upgrade action's label (hover link, code action, tree). */
export function upgradeLabel(health: ModuleHealth, lang: Lang = 'en'): string {
  return t(lang, 'health.upgrade', { version: health.update?.version ?? '' });
}

/** A module this requirement pulls in that has something to say: "Pulls in example.com/b@v1.0.0: retracted". */
export function pullsInLine(health: ModuleHealth, lang: Lang = 'en'): string {
  return t(lang, 'health.pullsIn', { module: `${health.path}@${health.version}`, badges: healthBadges(health, lang).join(t(lang, 'report.listSeparator')) });
}

/** `go-dep-health why MODULE`: the answer, or why there is none. */
export function whyLines(health: ModuleHealth | undefined, module: string, lang: Lang = 'en'): string[] {
  if (!health) return [t(lang, 'health.why.notInBuild', { module })];
  return [
    `${health.path}@${health.version}`,
    t(lang, 'health.why.selectedBecause', { text: selectedText(health, lang) ?? t(lang, 'health.why.selectedUnknown') }),
    t(lang, 'health.why.chain', { chain: health.chain ? chainText(health.chain) : t(lang, 'health.why.chainUnknown') }),
  ];
}

const SKIPPED_IDS = {
  off: 'health.skipped.off',
  vendor: 'health.skipped.vendor',
  proxyOff: 'health.skipped.proxyOff',
  noGo: 'health.skipped.noGo',
  notRun: 'health.skipped.notRun',
  cancelled: 'health.skipped.cancelled',
  noLookups: 'health.skipped.noLookups',
} as const satisfies Record<string, MessageId>;

const NO_ANSWER_IDS = { passFailed: 'health.noAnswer.passFailed', cancelled: 'health.noAnswer.cancelled' } as const satisfies Record<string, MessageId>;

const english = <K extends string>(ids: Record<K, MessageId>) =>
  Object.fromEntries(Object.entries(ids).map(([key, id]) => [key, render('en', { id: id as MessageId, args: {} })])) as Record<K, string>;

/** Why a pass did not ask go, in English: the words the JSON's `health.skipped` carries. */
export const HEALTH_SKIPPED = english(SKIPPED_IDS);
/** Why a module has no answer, in English: the words the JSON's module `error` carries. */
export const NO_ANSWER = english(NO_ANSWER_IDS);
