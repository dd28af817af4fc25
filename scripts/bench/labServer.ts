// The module lab in a process of its own, for the engine-vs-go benchmark: the proxy must not
// share an event loop with the engine it serves, or the engine's own work would slow the proxy
// down and count twice. Serves N modules (bench.example/mNNN, v1.0.N, one small file each),
// prints one JSON line {url, goSum} when it listens, and stops when its stdin closes.
//   tsx scripts/bench/labServer.ts N

import { ModuleProxy, type LabModule } from '../../test/lab/moduleProxy';

export function benchModules(count: number): LabModule[] {
  return Array.from({ length: count }, (_, index) => ({
    path: `bench.example/m${String(index).padStart(4, '0')}`,
    version: `v1.0.${index}`,
    files: { 'lib.go': `package m${index}\n\n// Value is module ${index}'s.\nconst Value = ${index}\n` },
  }));
}

async function main(): Promise<void> {
  const modules = benchModules(Number(process.argv[2] ?? 300));
  const proxy = await ModuleProxy.start({ modules });
  const goSum = modules.flatMap((module) => proxy.goSumLines(module.path, module.version)).join('\n') + '\n';
  process.stdout.write(`${JSON.stringify({ url: proxy.url, goSum })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void proxy.close().then(() => process.exit(0)));
}

if (require.main === module) void main();
