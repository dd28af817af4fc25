// A large trace for the benchmarks, built from the recorded real traces (test/fixtures/traces):
// one "group" is every recording, its modules renamed for that group (example.com/healthy →
// example.com/g17/healthy); groups follow each other, and after the last group the first comes
// again (the same modules asked for again, as in a long session), until the trace has the lines
// asked for. Deterministic: the same sizes give the same text.

import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const TRACES = path.join(__dirname, '..', '..', 'test', 'fixtures', 'traces');
export const BENCH_PROXY = 'http://127.0.0.1:40000';

interface Recording {
  stderr: string;
  goMod: string;
}

function recordings(): Recording[] {
  return readdirSync(TRACES)
    .filter((file) => file.endsWith('.stderr'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.stderr$/, '');
      const meta = JSON.parse(readFileSync(path.join(TRACES, `${name}.json`), 'utf8')) as { proxies: string[]; goMod: string };
      const stderr = meta.proxies.reduce((text, proxy) => text.split(proxy).join(BENCH_PROXY), readFileSync(path.join(TRACES, file), 'utf8'));
      return { stderr, goMod: meta.goMod };
    });
}

const rename = (text: string, group: number) =>
  text.replace(/\b(corp\.)?example\.com\//g, (_match, corp: string | undefined) => `${corp ?? ''}example.com/g${group}/`);

export interface TraceShape {
  /** Distinct modules the trace is about (about; rounded to whole groups). */
  modules: number;
  /** Lines the trace has (at least). */
  lines: number;
}

export interface LargeTrace {
  modules: number;
  groups: number;
  /** The go.mod requirements of every group, as the engine hands them to DownloadState. */
  requirements: { path: string; version: string }[];
  /** Yields the trace in chunks of about chunkChars, without ever holding all of it. */
  chunks(chunkChars?: number): Generator<string>;
}

export function largeTrace(shape: TraceShape): LargeTrace {
  const recorded = recordings();
  const template = recorded.map((recording) => recording.stderr).join('');
  const templateLines = template.split('\n').length - 1;
  const requirementsTemplate = [
    ...new Map(recorded.flatMap((recording) => [...recording.goMod.matchAll(/^\t(\S+) (v\S+)$/gm)].map((match) => [match[1]!, match[2]!] as const))).entries(),
  ];
  const modulesPerGroup = requirementsTemplate.length;
  const groups = Math.max(1, Math.round(shape.modules / modulesPerGroup));
  const requirements = Array.from({ length: groups }, (_, group) =>
    requirementsTemplate.map(([modulePath, version]) => ({ path: rename(modulePath, group), version })),
  ).flat();
  return {
    modules: groups * modulesPerGroup,
    groups,
    requirements,
    *chunks(chunkChars = 65_536) {
      let pending = '';
      for (let lines = 0, group = 0; lines < shape.lines; lines += templateLines, group = (group + 1) % groups) {
        pending += rename(template, group);
        while (pending.length >= chunkChars) {
          yield pending.slice(0, chunkChars);
          pending = pending.slice(chunkChars);
        }
      }
      if (pending) yield pending;
    },
  };
}

/** The whole trace as one string (for the timing benchmarks, which compare with splitting it). */
export function largeTraceText(shape: TraceShape): { text: string; trace: LargeTrace } {
  const trace = largeTrace(shape);
  return { text: [...trace.chunks(1 << 20)].join(''), trace };
}
