// Every sentence the health pass shows a person, in one place (the findings' messages, the hover,
// the tree, the CLI's `why` and text report), so a translation touches one file. Raw text: callers
// redact it where it leaves.

import { chainText, splitNode } from './modGraph';
import { msg, type Message, type MessageArg } from './i18n';
import type { ModuleHealth } from './types';

/** What go says when a retract directive has no comment (modload's default rationale). */
export const NO_RATIONALE = 'retracted by module author';

const quoted = (text: string) => `“${text.trim()}”`;
/** A sentence's end after quoted words, unless they end one already. */
const endAfter = (text: string) => (/[.!?]$/.test(text.trim()) ? '' : '.');

function givenRationales(rationales: readonly string[]): string[] {
  return rationales.filter((rationale) => rationale.trim() !== '' && rationale !== NO_RATIONALE);
}

/** ': “reason”' or ' (no reason given)'; then the end of the sentence. */
function rationaleText(rationales: readonly string[]): string {
  const given = givenRationales(rationales);
  return given.length > 0 ? `: ${given.map(quoted).join('; ')}${endAfter(given[given.length - 1]!)}` : ' (no reason given).';
}

export function throughChainSentence(chain: readonly string[]): string {
  return `It is required through ${chainText(chain)}.`;
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
export function ageText(time: string | null, now: Date): string | null {
  if (!time) return null;
  const then = Date.parse(time);
  if (Number.isNaN(then)) return null;
  const days = Math.max(0, Math.floor((now.getTime() - then) / DAY_MS));
  const unit = (count: number, name: string) => `${count} ${name}${count === 1 ? '' : 's'}`;
  if (days < 1) return 'less than a day';
  if (days < 60) return unit(days, 'day');
  if (days < 730) return unit(Math.floor(days / 30.44), 'month');
  return unit(Math.floor(days / 365.25), 'year');
}

const dateOf = (time: string | null) => (time && !Number.isNaN(Date.parse(time)) ? new Date(time).toISOString().slice(0, 10) : null);

/** "v1.3.0 available (2024-05-01)"; null when the selected version is the newest of its major version. */
export function updateText(health: ModuleHealth): string | null {
  if (!health.update) return null;
  const date = dateOf(health.update.time);
  return `${health.update.version} available${date ? ` (${date})` : ''}`;
}

/** "published 2024-01-01, 2 years ago". */
export function publishedText(health: ModuleHealth, now: Date): string | null {
  const date = dateOf(health.time);
  const age = ageText(health.time, now);
  return date ? `published ${date}${age ? `, ${age} ago` : ''}` : null;
}

/** Why the module is at this version, one sentence; null when the graph does not say. */
export function selectedText(health: ModuleHealth): string | null {
  if (!health.selectedBy) return null;
  const main = health.chain?.[0] ?? null;
  if (health.selectedBy === main || splitNode(health.selectedBy).version === null) return `${health.version} is what go.mod requires.`;
  const asks = health.required ? `go.mod requires ${health.required}, but ` : '';
  return `${asks}${health.selectedBy} requires ${health.path}@${health.version}, the highest version required, so it is selected.`;
}

/** "required by: app → a@v1 → b@v2"; null when no chain is known. */
export function requiredByText(health: ModuleHealth): string | null {
  return health.chain && health.chain.length > 1 ? `required by: ${chainText(health.chain)}` : null;
}

export function unknownText(health: ModuleHealth): string {
  return `health unknown: lookup failed — ${(health.error ?? '').split('\n')[0]} (see its download finding, if any)`;
}

/** Short words for a tree row's description: "retracted", "deprecated", "v1.3.0 available". */
export function healthBadges(health: ModuleHealth): string[] {
  if (health.status === 'unknown') return ['health unknown'];
  const badges: string[] = [];
  if (health.retracted) badges.push('retracted');
  if (health.deprecated !== null) badges.push('deprecated');
  if (health.update) badges.push(`${health.update.version} available`);
  return badges;
}

/** The lines of a module's health, for the hover (plain text lines) and the CLI: a title, then its facts. */
export function healthLines(health: ModuleHealth, now: Date): string[] {
  const facts = healthFacts(health, now);
  const published = facts.find((fact) => fact.kind === 'published');
  const rest = facts.filter((fact) => fact.kind !== 'published').map((fact) => (fact.kind === 'requiredBy' ? `Why this module: ${fact.text}` : fact.text));
  return [`${health.path} ${health.version}${published ? ` — ${published.text}` : ''}`, ...rest];
}

function majorLabel(version: string): string {
  const major = /^v(\d+)\./.exec(version)?.[1];
  return major ? `v${major}` : 'its major version';
}

export type HealthLineKind = 'published' | 'unknown' | 'retracted' | 'deprecated' | 'update' | 'newest' | 'selected' | 'requiredBy';

/** The facts of a module's health one per line, each with what it is about (the tree picks an icon by it). */
export function healthFacts(health: ModuleHealth, now: Date): { kind: HealthLineKind; text: string }[] {
  const facts: { kind: HealthLineKind; text: string }[] = [];
  const published = publishedText(health, now);
  if (published) facts.push({ kind: 'published', text: published });
  if (health.status === 'unknown') facts.push({ kind: 'unknown', text: unknownText(health) });
  if (health.retracted) facts.push({ kind: 'retracted', text: `Retracted by its author${rationaleText(health.retracted)}` });
  if (health.deprecated !== null) facts.push({ kind: 'deprecated', text: `Deprecated: ${health.deprecated}` });
  const update = updateText(health);
  if (update) facts.push({ kind: 'update', text: `Newest of ${majorLabel(health.version)}: ${update}` });
  else if (health.status === 'ok') facts.push({ kind: 'newest', text: `Newest of ${majorLabel(health.version)}: this version` });
  const selected = selectedText(health);
  if (selected) facts.push({ kind: 'selected', text: `Why this version: ${selected}` });
  const requiredBy = requiredByText(health);
  if (requiredBy) facts.push({ kind: 'requiredBy', text: requiredBy });
  return facts;
}

/** The upgrade action's label (hover link, code action, tree). */
export function upgradeLabel(health: ModuleHealth): string {
  return `Upgrade to ${health.update?.version ?? ''}`;
}

/** A module this requirement pulls in that has something to say: "Pulls in example.com/b@v1.0.0: retracted". */
export function pullsInLine(health: ModuleHealth): string {
  return `Pulls in ${health.path}@${health.version}: ${healthBadges(health).join(', ')}`;
}

/** The hover's title line for a require line whose health is not known yet. */
export const HEALTH_PENDING = 'Health: checking…';

/** `go-dep-health why MODULE`: the answer, or why there is none. */
export function whyLines(health: ModuleHealth | undefined, module: string): string[] {
  if (!health) return [`${module} is not in the build of this module (go mod graph does not list it).`];
  const lines = [`${health.path}@${health.version}`];
  const selected = selectedText(health);
  lines.push(`  selected because: ${selected ?? 'unknown (the requirement graph does not say)'}`);
  lines.push(`  shortest chain:   ${health.chain ? chainText(health.chain) : 'unknown'}`);
  return lines;
}

/** The tree's words for a module that is in the build but was not downloaded by the check. */
export const IN_GRAPH_ONLY = 'in the module graph';
/** The tree's root while the health pass runs. */
export const CHECKING_HEALTH = 'checking health…';

export const HEALTH_SKIPPED = {
  off: 'turned off',
  vendor: 'vendor mode: go builds from vendor/ and looks nothing up',
  // go list -u would answer from the module cache alone, and its silence there is not "up to date".
  proxyOff: 'GOPROXY=off: go looks nothing up, so newer versions, retractions and deprecations cannot be known',
  noGo: 'no usable go',
  notRun: 'the download diagnosis did not get far enough',
  cancelled: 'the run was cancelled',
  noLookups: 'only the requirement graph was read',
} as const;

export const NO_ANSWER = {
  passFailed: 'go did not answer for this module',
  cancelled: 'the health pass was cancelled',
} as const;
