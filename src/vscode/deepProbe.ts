// The network side of "Diagnose Downloads" and of the GOPROXY picker, on top of the engine's
// probes: every GOPROXY entry and the checksum database (DNS, TCP, TLS, HTTP with timings), and
// `git ls-remote` for modules that were fetched directly with git.

import type { GoEnv } from '../core/goenv';
import { formatProbesMarkdown } from '../core/probeReport';
import type { Report } from '../core/types';
import { findGo, readGoEnv } from '../engine/goTool';
import { probeGitRemote } from '../engine/gitProbe';
import { probeGoProxy, probeGoProxyValue } from '../engine/goProxyProbe';
import { editorLang } from './i18n';
import type { ProbeOutcome } from './proxyHealth';
import { goProcessEnv, type Settings } from './settings';

const PROBE_TIMEOUT_MS = 8_000;
const MAX_GIT_PROBES = 10;

/** The repository a directly fetched module lives in: up to `.git`, or host/owner/repo. */
export function repositoryOf(modulePath: string): string | null {
  const dotGit = /^(.+?\.git)(?:\/|$)/.exec(modulePath);
  if (dotGit) return `https://${dotGit[1]}`;
  const parts = modulePath.split('/');
  return parts.length >= 3 ? `https://${parts.slice(0, 3).join('/')}` : null;
}

async function effectiveEnv(report: Report, settings: Settings): Promise<GoEnv> {
  const env = goProcessEnv(settings);
  let goPath = report.go.path;
  if (!goPath) {
    const go = await findGo({ env, goroot: settings.goroot, alternateTool: settings.alternateGo });
    if (go.kind !== 'found') return {};
    goPath = go.path;
  }
  const result = await readGoEnv(goPath, report.root, env);
  return 'env' in result ? result.env : {};
}

export async function deepProbe(report: Report, settings: Settings, signal: AbortSignal): Promise<string> {
  const processEnv = goProcessEnv(settings);
  const env = await effectiveEnv(report, settings);
  const direct = report.modules.filter((module) => module.commands.length > 0).map((module) => repositoryOf(module.path));
  const repositories = [...new Set(direct.filter((url): url is string => url !== null))].slice(0, MAX_GIT_PROBES);
  const [proxies, git] = await Promise.all([
    probeGoProxy(env, { timeoutMs: PROBE_TIMEOUT_MS, signal, env: processEnv }),
    Promise.all(repositories.map((url) => probeGitRemote(url, { env: processEnv, timeoutMs: PROBE_TIMEOUT_MS, signal }))),
  ]);
  return formatProbesMarkdown({ ...proxies, git }, editorLang());
}

/** Probes the first URL entry of a GOPROXY value (for the picker). */
export function probeProxyValue(goproxy: string, settings: Settings, signal: AbortSignal): Promise<ProbeOutcome> {
  return probeGoProxyValue(goproxy, { timeoutMs: PROBE_TIMEOUT_MS, signal, env: goProcessEnv(settings), lang: editorLang() });
}
