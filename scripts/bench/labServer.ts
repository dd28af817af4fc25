// The module lab in a process of its own, for the engine-vs-go and health benchmarks: the proxy
// must not share an event loop with the engine it serves, or the engine's own work would slow the
// proxy down and count twice. Serves N modules (bench.example/mNNN, v1.0.N, one small file each),
// or with `health` the health lab's bulk modules (three versions each, some retracted or
// deprecated: test/lab/healthLab.ts), prints one JSON line {url, goSum} when it listens, and stops
// when its stdin closes.
//   tsx scripts/bench/labServer.ts N [health]

import { manyHealthModules } from '../../test/lab/healthLab';
import { ModuleProxy, type LabModule } from '../../test/lab/moduleProxy';

export function benchModules(count: number): LabModule[] {
  return Array.from({ length: count }, (_, index) => ({
    path: `bench.example/m${String(index).padStart(4, '0')}`,
    version: `v1.0.${index}`,
    files: { 'lib.go': `package m${index}\n\n// Value is module ${index}'s.\nconst Value = ${index}\n` },
  }));
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 300);
  const health = process.argv[3] === 'health' ? manyHealthModules(count) : null;
  const modules = health?.modules ?? benchModules(count);
  const proxy = await ModuleProxy.start({ modules });
  // go.sum holds what the app requires.
  const required = health?.requires ?? modules;
  const goSum = required.flatMap((module) => proxy.goSumLines(module.path, module.version)).join('\n') + '\n';
  process.stdout.write(`${JSON.stringify({ url: proxy.url, goSum })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void proxy.close().then(() => process.exit(0)));
}

if (require.main === module) void main();
