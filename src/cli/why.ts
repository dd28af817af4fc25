// `go-dep-health why MODULE [dir]`: why a module is in the build at its version — the requirement
// that selected it and the shortest chain from the main module — from `go mod graph` on a copy of
// go.mod (the health pass without its lookups: nothing is asked of a proxy).

import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { whyLines } from '../core/healthText';
import { redact, redactDeep } from '../core/redact';
import { buildReport } from '../core/report';
import { healthOf } from '../engine/health';
import { findGo, readGoEnv } from '../engine/goTool';
import { msg, storedText, t, type Lang } from '../core/i18n';
import { UsageError, type CliIo } from './io';

export async function runWhy(options: {
  module: string;
  dir: string;
  json: boolean;
  stallSeconds: number;
  lang: Lang;
  io: CliIo;
  signal?: AbortSignal;
}): Promise<number> {
  const { lang } = options;
  const { io } = options;
  if (!existsSync(path.join(options.dir, 'go.mod'))) throw new UsageError(msg('cli.noGoMod', { dir: options.dir }));
  const go = await findGo({ env: io.env });
  if (go.kind !== 'found') {
    io.stderr(`${t(lang, 'health.why.needsGo', { error: go.kind === 'failed' ? redact(go.error) : t(lang, 'health.why.goNotFound') })}\n`);
    return 2;
  }
  const goEnv = await readGoEnv(go.path, options.dir, io.env);
  if ('error' in goEnv) {
    io.stderr(`${t(lang, 'health.why.goEnvFailed', { error: redact(goEnv.error) })}\n`);
    return 2;
  }
  const report = buildReport({ root: options.dir, go, env: goEnv.env, modules: [], findings: [], goMod: null, durationSeconds: 0 });
  const { report: health } = await healthOf({ report, env: io.env, inactivitySeconds: options.stallSeconds, signal: options.signal, lookups: false });
  const answer = health.modules.find((module) => module.path === options.module);
  if (options.json)
    io.stdout(`${JSON.stringify(redactDeep({ module: options.module, health: answer ?? null, graph: health.graph, error: health.error }), null, 2)}\n`);
  else {
    const lines = whyLines(answer, options.module, lang);
    if (!answer && health.error) lines.push(`(${storedText(health.error.split('\n')[0]!, lang)})`);
    io.stdout(redact(`${lines.join('\n')}\n`));
  }
  return answer ? 0 : 1;
}
