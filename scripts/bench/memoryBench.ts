// Peak memory of parsing a large trace, for three shapes: a base, the same modules with 10× the
// lines, and 10× the modules with the base's lines. Each runs in its own fresh Node process (plain
// node, bundled first: no TypeScript loader in the measurement), so a peak is that shape's alone;
// the three run side by side (peak memory does not depend on CPU time).

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

export interface MemoryPoint {
  modules: number;
  lines: number;
  /** Peak resident set size of the process. */
  mib: number;
  /** Heap in use after a full collection once the trace is read: what the parser and the state keep. */
  liveHeapMiB: number;
  recordsKept: number;
}

export interface MemoryResult {
  base: MemoryPoint;
  tenfoldLines: MemoryPoint;
  tenfoldModules: MemoryPoint;
  /** tenfoldLines.liveHeapMiB / base.liveHeapMiB: about 1 when memory grows with modules, not lines. */
  linesGrowth: number;
  /** The same for the peak RSS, which also holds garbage not yet collected (more of it in a longer run). */
  linesGrowthRss: number;
  /** tenfoldModules.liveHeapMiB / base.liveHeapMiB. */
  modulesGrowth: number;
}

const OUT = path.join(__dirname, '..', '..', 'out', 'bench');

async function bundle(): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const outfile = path.join(OUT, 'memoryChild.js');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'memoryChild.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  return outfile;
}

async function measure(script: string, modules: number, lines: number): Promise<MemoryPoint> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', script, String(modules), String(lines)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const parsed = JSON.parse(stdout.trim()) as { modules: number; lines: number; peakRssKiB: number; liveHeapMiB: number; recordsKept: number };
  const tenth = (value: number) => Math.round(value * 10) / 10;
  return {
    modules: parsed.modules,
    lines: parsed.lines,
    mib: tenth(parsed.peakRssKiB / 1024),
    liveHeapMiB: tenth(parsed.liveHeapMiB),
    recordsKept: parsed.recordsKept,
  };
}

export async function benchMemory(options: { modules: number; lines: number }): Promise<MemoryResult> {
  const script = await bundle();
  const [base, tenfoldLines, tenfoldModules] = await Promise.all([
    measure(script, options.modules, options.lines),
    measure(script, options.modules, options.lines * 10),
    measure(script, options.modules * 10, options.lines),
  ]);
  return {
    base,
    tenfoldLines,
    tenfoldModules,
    linesGrowth: tenfoldLines.liveHeapMiB / base.liveHeapMiB,
    linesGrowthRss: tenfoldLines.mib / base.mib,
    modulesGrowth: tenfoldModules.liveHeapMiB / base.liveHeapMiB,
  };
}
