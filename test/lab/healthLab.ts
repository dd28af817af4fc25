// Modules for the health pass, served by the lab's module proxy: retracted versions (a single
// version and a range, with and without the author's comment, the newest version retracting
// itself), a deprecated module naming its successor, several major versions (/v2), pre-releases,
// pseudo-versions, a retracted module two requirements deep, and a graph where a dependency raises
// a version the app's go.mod asks for (minimal version selection). Used by the integration tests,
// the editor's host tests and the bench.

import type { LabModule } from './moduleProxy';

export const HEALTH_APP = 'example.com/healthapp';
const T = (date: string) => `${date}T00:00:00Z`;

export const RETRACTED = 'example.com/retracted';
export const NO_RATIONALE = 'example.com/norationale';
export const DEPRECATED = 'example.com/deprecated';
export const SUCCESSOR = 'example.com/successor';
export const MAJORS = 'example.com/majors';
export const PRERELEASE = 'example.com/prerelease';
export const PSEUDO = 'example.com/pseudo';
export const PSEUDO_TAGGED = 'example.com/pseudotagged';
export const BASE = 'example.com/base';
export const RAISER = 'example.com/raiser';
export const MIDDLE = 'example.com/middle';
export const DEEP_RETRACTED = 'example.com/deepretracted';

export const PSEUDO_VERSION = 'v0.0.0-20240101000000-abcdefabcdef';
export const EARLY_PSEUDO = 'v0.0.0-20230101000000-123456abcdef';

export const HEALTH_MODULES: LabModule[] = [
  { path: RETRACTED, version: 'v1.0.0', time: T('2023-01-10') },
  { path: RETRACTED, version: 'v1.0.3', time: T('2023-02-10') },
  { path: RETRACTED, version: 'v1.1.0', time: T('2023-03-10') },
  { path: RETRACTED, version: 'v1.1.5', time: T('2023-04-10') },
  {
    path: RETRACTED,
    version: 'v1.2.0',
    time: T('2023-05-10'),
    retract: [
      { versions: 'v1.1.0', rationale: 'Data race in the cache.' },
      { versions: ['v1.0.0', 'v1.0.5'], rationale: 'Broke the API.' },
      { versions: 'v1.2.0', rationale: 'Published by mistake.' },
    ],
  },
  { path: NO_RATIONALE, version: 'v0.1.0', time: T('2022-06-01') },
  { path: NO_RATIONALE, version: 'v0.2.0', time: T('2022-07-01'), retract: [{ versions: 'v0.1.0' }] },
  { path: DEPRECATED, version: 'v1.0.0', time: T('2021-01-01') },
  { path: DEPRECATED, version: 'v1.1.0', time: T('2021-06-01'), deprecated: `use ${SUCCESSOR} instead.` },
  { path: SUCCESSOR, version: 'v1.0.0', time: T('2024-01-01') },
  { path: MAJORS, version: 'v1.0.0', time: T('2020-01-01') },
  { path: MAJORS, version: 'v1.3.0', time: T('2024-03-01') },
  { path: MAJORS, version: 'v1.4.0-beta.1', time: T('2024-04-01') },
  { path: `${MAJORS}/v2`, version: 'v2.0.0', time: T('2024-05-01') },
  { path: PRERELEASE, version: 'v0.5.0-rc.1', time: T('2024-02-01') },
  { path: PRERELEASE, version: 'v0.5.0-rc.2', time: T('2024-02-15') },
  { path: PSEUDO, version: PSEUDO_VERSION, time: T('2024-01-01') },
  { path: PSEUDO_TAGGED, version: EARLY_PSEUDO, time: T('2023-01-01') },
  { path: PSEUDO_TAGGED, version: 'v0.1.0', time: T('2023-09-01') },
  { path: BASE, version: 'v1.0.0', time: T('2022-01-01') },
  { path: BASE, version: 'v1.2.0', time: T('2023-01-01') },
  { path: BASE, version: 'v1.3.0', time: T('2024-01-01') },
  { path: RAISER, version: 'v1.0.0', time: T('2023-06-01'), requires: [{ path: BASE, version: 'v1.2.0' }] },
  { path: MIDDLE, version: 'v1.0.0', time: T('2023-06-01'), requires: [{ path: DEEP_RETRACTED, version: 'v1.0.0' }] },
  { path: DEEP_RETRACTED, version: 'v1.0.0', time: T('2023-01-01') },
  { path: DEEP_RETRACTED, version: 'v1.1.0', time: T('2023-02-01'), retract: [{ versions: 'v1.0.0', rationale: 'Leaks file handles.' }] },
];

/** The app's requirements, in go.mod order (goModRequiring puts the first on line 6). */
export const HEALTH_REQUIRES: { path: string; version: string }[] = [
  { path: RETRACTED, version: 'v1.1.0' },
  { path: NO_RATIONALE, version: 'v0.1.0' },
  { path: DEPRECATED, version: 'v1.0.0' },
  { path: MAJORS, version: 'v1.0.0' },
  { path: PRERELEASE, version: 'v0.5.0-rc.1' },
  { path: PSEUDO, version: PSEUDO_VERSION },
  { path: PSEUDO_TAGGED, version: EARLY_PSEUDO },
  { path: BASE, version: 'v1.0.0' },
  { path: RAISER, version: 'v1.0.0' },
  { path: MIDDLE, version: 'v1.0.0' },
];

/** The health app's go.mod: requirements from line 6 on, in HEALTH_REQUIRES order. */
export function healthGoMod(requires = HEALTH_REQUIRES): string {
  return [`module ${HEALTH_APP}`, '', 'go 1.21', '', 'require (', ...requires.map((r) => `\t${r.path} ${r.version}`), ')', ''].join('\n');
}

/** The go.mod line of a requirement healthGoMod wrote. */
export function healthLine(path: string, requires = HEALTH_REQUIRES): number {
  const index = requires.findIndex((r) => r.path === path);
  if (index < 0) throw new Error(`${path} is not required by the health app`);
  return 6 + index;
}

/**
 * Several hundred modules for the bench: `count` modules each with a few versions, the app requiring
 * the oldest of each; every tenth retracts its oldest version, every seventh is deprecated.
 */
export function manyHealthModules(count: number): { modules: LabModule[]; requires: { path: string; version: string }[] } {
  const modules: LabModule[] = [];
  const requires: { path: string; version: string }[] = [];
  for (let i = 0; i < count; i++) {
    const path = `example.com/bulk/m${String(i).padStart(4, '0')}`;
    modules.push({ path, version: 'v1.0.0' }, { path, version: 'v1.1.0' });
    const newest: LabModule = { path, version: 'v1.2.0' };
    if (i % 10 === 0) newest.retract = [{ versions: 'v1.0.0', rationale: `bulk module ${i} retracts v1.0.0` }];
    if (i % 7 === 0) newest.deprecated = `bulk module ${i} is deprecated`;
    modules.push(newest);
    requires.push({ path, version: 'v1.0.0' });
  }
  return { modules, requires };
}
