// What the deep probes found (DNS, TCP, TLS, forward proxy, HTTP per GOPROXY entry and for the
// checksum database; `git ls-remote` for direct modules), as plain records, and their readable
// forms: a one-line health for the status-bar picker and a Markdown section for "Diagnose
// Downloads". Pure: the engine measures, this file only describes. Every string that leaves here
// goes through redact(), because GOPROXY and HTTPS_PROXY values often carry credentials.

import { render, t, type Lang, type Message } from './i18n';
import { redact } from './redact';

export type ProbeStepName = 'dns' | 'tcp' | 'tls' | 'proxy' | 'http' | 'file';

export interface ProbeStep {
  name: ProbeStepName;
  ok: boolean;
  ms: number;
  /** What was reached on success, why it failed otherwise (one line, may hold unredacted URLs). */
  detail: string;
}

export interface EndpointProbe {
  /** The endpoint as configured: a GOPROXY entry, or the checksum database's base URL. */
  url: string;
  /** The one URL the http step fetched; null when the probe stopped before it. */
  requestUrl: string | null;
  /** The HTTPS_PROXY / HTTP_PROXY the connection went through (credentials removed), or null. */
  via: string | null;
  steps: ProbeStep[];
  ok: boolean;
  totalMs: number;
  /** The HTTP status of the http step, when it got that far. */
  httpStatus: number | null;
  /** Why the probe failed, as one sentence; null when ok. */
  error: string | null;
  /** `error` as a message of the catalogue, when it is our sentence rather than the network's words. */
  errorMessage?: Message;
}

export interface GoProxyProbeResult {
  /** One probe per distinct `url` entry of GOPROXY, in list order (`direct`/`off` are not endpoints). */
  entries: EndpointProbe[];
  /** Null when GOSUMDB is off or invalid. */
  sumdb: EndpointProbe | null;
  /** GOPROXY / GOSUMDB values Go itself would reject. */
  configErrors: string[];
  durationMs: number;
}

export type GitProbeOutcome = 'exited' | 'timeout' | 'cancelled' | 'spawn-failed';

export interface GitRemoteProbe {
  url: string;
  /** As a person would type it, redacted. */
  command: string;
  outcome: GitProbeOutcome;
  /** Null when git did not exit by itself (timeout, cancel, not started). */
  exitCode: number | null;
  seconds: number;
  /** The first non-empty lines of stderr, redacted. */
  stderr: string[];
  ok: boolean;
}

export type ProbeHealth = 'ok' | 'slow' | 'failing';

export interface ProbeSummary {
  health: ProbeHealth;
  /** e.g. "proxy.golang.org 83 ms" or "goproxy.corp: TLS — certificate has expired" */
  label: string;
}

/** Above this a working endpoint is called slow: each module needs several round trips. */
export const SLOW_PROBE_MS = 1500;

const STEP_TITLES: Record<ProbeStepName, string> = { dns: 'DNS', tcp: 'TCP', tls: 'TLS', proxy: 'proxy', http: 'HTTP', file: 'file' };

/** Why the probe failed, in `lang` when the sentence is ours. */
function probeError(probe: EndpointProbe, lang: Lang): string | null {
  return probe.errorMessage ? render(lang, probe.errorMessage) : probe.error;
}

export function summarizeProbe(probe: EndpointProbe, options: { slowMs?: number; lang?: Lang } = {}): ProbeSummary {
  const name = endpointName(probe.url);
  if (!probe.ok) {
    const failed = probe.steps.find((step) => !step.ok);
    const why = failed
      ? `${STEP_TITLES[failed.name]} — ${failed.detail}`
      : (probeError(probe, options.lang ?? 'en') ?? t(options.lang ?? 'en', 'probe.failed'));
    return { health: 'failing', label: redact(`${name}: ${why}`) };
  }
  const health: ProbeHealth = probe.totalMs > (options.slowMs ?? SLOW_PROBE_MS) ? 'slow' : 'ok';
  return { health, label: redact(`${name} ${formatMs(probe.totalMs)}`) };
}

/** host[:port] for network URLs (what people recognise in a status bar), the whole text otherwise. */
export function endpointName(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return redact(url);
    return parsed.host + (parsed.pathname === '/' ? '' : parsed.pathname);
  } catch {
    return redact(url);
  }
}

export function formatMs(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

// ---------------------------------------------------------------------------------------------
// Markdown

export function formatProbesMarkdown(result: GoProxyProbeResult & { git?: GitRemoteProbe[] }, lang: Lang = 'en'): string {
  const count = result.entries.length + (result.sumdb ? 1 : 0);
  const probed = t(lang, count === 1 ? 'probe.probed.one' : 'probe.probed.other', { count, time: formatMs(result.durationMs) });
  const lines = [`## ${t(lang, 'probe.endpoints')}`, '', probed, ''];
  for (const error of result.configErrors) lines.push(t(lang, 'probe.configuration', { error: text(error) }), '');
  if (result.entries.length === 0) lines.push(t(lang, 'probe.noUrlEntry'), '');
  for (const entry of result.entries) lines.push(...endpointSection(t(lang, 'probe.roleGoproxy'), entry, lang));
  if (result.sumdb) lines.push(...endpointSection(t(lang, 'probe.roleSumdb'), result.sumdb, lang));
  if (result.git && result.git.length > 0) lines.push(...gitSection(result.git, lang));
  return lines.join('\n');
}

function endpointSection(role: string, probe: EndpointProbe, lang: Lang): string[] {
  const summary = summarizeProbe(probe, { lang });
  const heading = summary.health === 'failing' ? t(lang, 'probe.failing') : `${t(lang, `probe.${summary.health}`)}, ${formatMs(probe.totalMs)}`;
  const request = probe.requestUrl === null ? '' : ` — \`GET ${code(pathOf(probe.requestUrl))}\``;
  const via = probe.via === null ? '' : t(lang, 'probe.through', { via: `\`${code(probe.via)}\`` });
  const lines = [`### ${role}: ${text(endpointName(probe.url))} (${heading})`, '', `\`${code(probe.url)}\`${request}${via}`, ''];
  if (probe.error !== null && probe.steps.every((step) => step.ok)) lines.push(`**${text(probeError(probe, lang)!)}**`, '');
  if (probe.steps.length > 0) {
    lines.push(t(lang, 'probe.stepColumns'), '| --- | --- | --- |');
    for (const step of probe.steps)
      lines.push(`| ${STEP_TITLES[step.name]} | ${step.ok ? t(lang, 'probe.ok') : t(lang, 'probe.stepFailed')}: ${text(step.detail)} | ${formatMs(step.ms)} |`);
    lines.push('');
  }
  return lines;
}

const GIT_OUTCOME = { timeout: 'probe.timeout', cancelled: 'probe.cancelled', 'spawn-failed': 'probe.spawnFailed' } as const;

function gitSection(probes: GitRemoteProbe[], lang: Lang): string[] {
  const lines = ['### git ls-remote', '', t(lang, 'probe.gitColumns'), '| --- | --- | --- | --- |'];
  for (const probe of probes) {
    const result = probe.outcome === 'exited' ? t(lang, 'probe.exit', { code: probe.exitCode ?? '?' }) : t(lang, GIT_OUTCOME[probe.outcome]);
    const stderr = probe.stderr.length === 0 ? '' : probe.stderr.map(text).join(' / ');
    lines.push(`| \`${code(probe.command)}\` | ${probe.ok ? t(lang, 'probe.ok') : `**${result}**`} | ${formatMs(probe.seconds * 1000)} | ${stderr} |`);
  }
  lines.push('');
  return lines;
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

/** Redacted, on one line, with Markdown and HTML specials escaped so server text cannot restyle the page. */
function text(value: string): string {
  return redact(value)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

/** Inside a code span nothing is interpreted, but a backtick would end it and a pipe would end the table cell. */
function code(value: string): string {
  return redact(value)
    .replace(/[\r\n]+/g, ' ')
    .replace(/`/g, "'")
    .replace(/\|/g, '\\|');
}
