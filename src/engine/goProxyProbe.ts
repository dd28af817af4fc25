// The GOPROXY list and the checksum database probed as Go routes them: each distinct URL entry
// once (its /sumdb/<db>/supported answer is both the reachability check and the question Go asks
// to route the database), then the checksum database where Go would reach it.

import { DEFAULT_GOSUMDB, effectiveGoProxy, effectiveGoSumDb, effectiveNoProxy, type GoEnv } from '../core/goenv';
import { parseGoProxy, type ProxyEntry } from '../core/goproxyList';
import { msg, render, t, type Lang } from '../core/i18n';
import { endpointName, summarizeProbe, type EndpointProbe, type GoProxyProbeResult } from '../core/probeReport';
import { parseGoSumDb, sumDbRoute, type SumDbRoute } from '../core/sumdb';
import { elapsed } from './probeSteps';
import { joinUrl, once, probeEndpoint, probeWithTrust, type ProbeOptions } from './probes';
import { loadTrust, type Trust } from './probeTrust';

export interface GoProxyProbeOptions extends ProbeOptions {
  /** How many endpoints are probed at once. */
  concurrency?: number;
}

export async function probeGoProxy(goEnv: GoEnv, options: GoProxyProbeOptions): Promise<GoProxyProbeResult> {
  const started = performance.now();
  const list = parseGoProxy(effectiveGoProxy(goEnv), effectiveNoProxy(goEnv), { windows: goEnv.GOHOSTOS === 'windows' });
  const sumdb = parseGoSumDb(effectiveGoSumDb(goEnv));
  const trust = once(() => loadTrust(options.env, options.caFile));
  const dbName = sumdb.kind === 'db' ? sumdb.name : DEFAULT_GOSUMDB;
  const urls = [...new Set(list.entries.flatMap((entry) => (entry.kind === 'url' ? [entry.url] : [])))];
  // /supported is both the cheap reachability check and the question Go asks to route the sumdb.
  const entries = await mapLimit(urls, options.concurrency ?? 4, (url) => probeWithTrust(url, { ...options, path: `/sumdb/${dbName}/supported` }, trust));
  const byUrl = new Map(urls.map((url, i) => [url, entries[i]!]));
  const sumdbProbe = sumdb.kind === 'db' ? await probeSumDb(sumdb, list.entries, byUrl, options, trust) : null;
  const configErrors = [...list.errors, ...(sumdb.kind === 'invalid' ? [sumdb.error] : [])];
  return { entries, sumdb: sumdbProbe, configErrors, durationMs: elapsed(started) };
}

async function probeSumDb(
  sumdb: { name: string; url: string | null },
  entries: readonly ProxyEntry[],
  probes: ReadonlyMap<string, EndpointProbe>,
  options: ProbeOptions,
  trust: () => Promise<Trust>,
): Promise<EndpointProbe> {
  // A database with its own URL in GOSUMDB bypasses GOPROXY entirely.
  const route: SumDbRoute = sumdb.url !== null ? { kind: 'direct' } : sumDbRoute(entries, probes);
  // /latest is cheap and a real database (or a proxy of one) answers it with 200.
  const latest = { ...options, path: '/latest', okStatuses: [200] };
  if (route.kind === 'proxy') return probeWithTrust(joinUrl(new URL(route.proxyUrl), `/sumdb/${sumdb.name}`).href, latest, trust);
  if (route.kind === 'direct') return probeWithTrust(sumdb.url ?? `https://${sumdb.name}`, latest, trust);
  // Go stops at the failed /supported question; probing again would only repeat it.
  const why = route.failed.error ?? `HTTP ${route.failed.httpStatus ?? '?'}`;
  const errorMessage = msg('probe.sumdbUnreachable', { proxy: endpointName(route.failed.url), path: `/sumdb/${sumdb.name}/supported`, why });
  return {
    ...route.failed,
    url: joinUrl(new URL(route.failed.url), `/sumdb/${sumdb.name}`).href,
    ok: false,
    error: render('en', errorMessage),
    errorMessage,
  };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export interface ProxyValueProbe {
  health: 'ok' | 'slow' | 'failing' | 'unknown';
  /** One line for people: "reachable · 83 ms", "refused: connection refused". */
  label: string;
}

/** Probes the first URL entry of a GOPROXY value (the switcher's choices); `direct`/`off` need no network. */
export async function probeGoProxyValue(goproxy: string, options: ProbeOptions & { lang?: Lang }): Promise<ProxyValueProbe> {
  const lang = options.lang ?? 'en';
  const list = parseGoProxy(goproxy);
  const entry = list.entries.find((candidate) => candidate.kind === 'url' || candidate.kind === 'off' || candidate.kind === 'direct');
  if (!entry) return { health: 'failing', label: list.errors[0] ?? t(lang, 'probe.noEntry') };
  if (entry.kind === 'off') return { health: 'unknown', label: t(lang, 'probe.off') };
  if (entry.kind !== 'url') return { health: 'unknown', label: t(lang, 'probe.direct') };
  const summary = summarizeProbe(await probeEndpoint(entry.url, options), { lang });
  return { health: summary.health, label: summary.label };
}

/**
 * The choices (GOPROXY values) whose proxy answers from here, in the order given: what a fix for a
 * proxy out of reach may offer. Each is probed once, all at once, within the time limit.
 */
/**
 * The GOSUMDB choices whose checksum database answers `/latest` from here, in the order given
 * (`sum.golang.google.cn`, or `<key> <url>`): what a fix for a database out of reach may offer.
 */
export async function answeringSumDbs(choices: readonly string[], current: string, options: ProbeOptions): Promise<string[]> {
  const trust = once(() => loadTrust(options.env, options.caFile));
  const candidates = [...new Set(choices)].filter((choice) => choice !== current && parseGoSumDb(choice).kind === 'db');
  const probes = await Promise.all(
    candidates.map((choice) => {
      const db = parseGoSumDb(choice) as { name: string; url: string | null };
      return probeWithTrust(db.url ?? `https://${db.name}`, { ...options, path: '/latest', okStatuses: [200] }, trust).catch(() => null);
    }),
  );
  return candidates.filter((_choice, index) => probes[index]?.ok === true);
}

export async function answeringProxies(choices: readonly string[], current: string, options: ProbeOptions): Promise<string[]> {
  const candidates = [...new Set(choices)].filter((choice) => choice !== current && parseGoProxy(choice).entries.some((entry) => entry.kind === 'url'));
  const probes = await Promise.all(candidates.map((choice) => probeGoProxyValue(choice, options).catch(() => ({ health: 'failing' as const, label: '' }))));
  return candidates.filter((_choice, index) => probes[index]!.health === 'ok' || probes[index]!.health === 'slow');
}
