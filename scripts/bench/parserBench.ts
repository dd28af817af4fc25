// Trace parsing speed, measured against the cheapest thing that can be done with the same text:
// splitting it into lines. Both run on the same 1,000,000-line trace (recorded real lines, 5,000
// modules), alternately, several times; the ratio of the medians is reported, so a busy machine
// slows both alike. The parser gets the text in 64 KiB chunks, as it gets a pipe's output.

import { DownloadState } from '../../src/core/moduleState';
import { TraceParser } from '../../src/core/trace';
import { BENCH_PROXY, largeTraceText } from './traceCorpus';

export interface ParserResult {
  lines: number;
  modules: number;
  chars: number;
  splitMs: number;
  parseMs: number;
  pipelineMs: number;
  parserLinesPerSecond: number;
  pipelineLinesPerSecond: number;
  parserVsSplit: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function timed(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function benchParser(options: { modules: number; lines: number; rounds: number }): ParserResult {
  const { text, trace } = largeTraceText({ modules: options.modules, lines: options.lines });
  const chunks: string[] = [];
  for (let offset = 0; offset < text.length; offset += 65_536) chunks.push(text.slice(offset, offset + 65_536));
  let lines = 0;
  const split = () => {
    lines = text.split('\n').length - 1;
  };
  const parse = () => {
    let events = 0;
    const parser = new TraceParser(() => events++);
    for (const chunk of chunks) parser.push(chunk);
    parser.end();
  };
  // What the engine does with each event: the module state (attribution by URL, records).
  const pipeline = () => {
    const state = new DownloadState({ proxyBases: [BENCH_PROXY], requirements: trace.requirements });
    const parser = new TraceParser((event) => state.applyTrace(event));
    for (const chunk of chunks) parser.push(chunk);
    parser.end();
  };
  split();
  parse();
  pipeline();
  const splits: number[] = [];
  const parses: number[] = [];
  const pipelines: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    splits.push(timed(split));
    parses.push(timed(parse));
    pipelines.push(timed(pipeline));
  }
  const splitMs = median(splits);
  const parseMs = median(parses);
  const pipelineMs = median(pipelines);
  return {
    lines,
    modules: trace.modules,
    chars: text.length,
    splitMs,
    parseMs,
    pipelineMs,
    parserLinesPerSecond: Math.round(lines / (parseMs / 1000)),
    pipelineLinesPerSecond: Math.round(lines / (pipelineMs / 1000)),
    parserVsSplit: parseMs / splitMs,
  };
}
