// Runs in a fresh Node process (bundled by memoryBench.ts, run with plain node --expose-gc):
// streams a large trace of the given shape through the parser and the module state, 64 KiB at a
// time, as the engine does, and prints the process's peak RSS and the heap still in use after a
// full collection (what the parser and the state keep; the peak also holds garbage the collector
// had not reclaimed yet). The trace is generated as it is read, never held whole.
//   node --expose-gc memoryChild.js MODULES LINES

import { DownloadState } from '../../src/core/moduleState';
import { TraceParser } from '../../src/core/trace';
import { BENCH_PROXY, largeTrace } from './traceCorpus';

const [modules, lines] = process.argv.slice(2).map(Number);
const trace = largeTrace({ modules: modules!, lines: lines! });
const state = new DownloadState({ proxyBases: [BENCH_PROXY], requirements: trace.requirements });
const parser = new TraceParser((event) => state.applyTrace(event));
for (const chunk of trace.chunks()) parser.push(chunk);
parser.end();
state.finish({ stalled: false });
const kept = state.modules().reduce((sum, module) => sum + module.requests.length + module.commands.length, 0);
const peakRssKiB = process.resourceUsage().maxRSS;
(globalThis as { gc?: () => void }).gc?.();
// `state` is still referenced below, so the collection keeps what it holds.
process.stdout.write(
  `${JSON.stringify({ modules: trace.modules, lines: parser.linesSeen, peakRssKiB, liveHeapMiB: process.memoryUsage().heapUsed / 2 ** 20, recordsKept: kept, states: state.modules().length })}\n`,
);
