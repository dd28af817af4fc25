// Version order, as Go orders versions. Two kinds, two orders:
//   - module versions (v1.2.3, v0.0.0-20191109021931-daa7c04131f5, v2.0.0+incompatible) are semantic
//     versions, so the `semver` package orders them: a pseudo-version is a pre-release, and
//     +incompatible is build metadata, which precedence ignores — both exactly as x/mod/semver does;
//   - Go toolchain versions (the go.mod `go` and `toolchain` lines, `go version`) are not: Go's own
//     order (internal/gover) puts the language version 1.21 before 1.21rc1 before 1.21.0, while 1.20
//     is the release 1.20.0. They are mapped onto semantic versions (1.21 → 1.21.0-0, 1.21rc1 →
//     1.21.0-rc.1) and then compared by `semver` too.

import semver from 'semver';

/** Go's order of module versions: negative, zero or positive. An invalid version sorts before every valid one. */
export function compareModuleVersions(a: string, b: string): number {
  const left = semver.valid(a);
  const right = semver.valid(b);
  if (left === null || right === null) return (left === null ? 0 : 1) - (right === null ? 0 : 1);
  return semver.compare(left, right);
}

/** A complete module version (v1.2.3, a pseudo-version, +incompatible), not a query go resolves (`latest`, a branch, a commit, `v1.2`). */
export function isModuleVersion(version: string): boolean {
  return version.startsWith('v') && semver.valid(version) !== null;
}

/** A pre-release module version (pseudo-versions are). */
export function isPrerelease(version: string): boolean {
  return (semver.prerelease(version)?.length ?? 0) > 0;
}

/** The major version of a module version: "v2" for v2.3.4+incompatible. */
export function majorOf(version: string): string | null {
  const parsed = semver.parse(version);
  return parsed ? `v${parsed.major}` : null;
}

/** 1, 1.21, 1.21.3, 1.21rc1, 1.19beta2 (with or without "go"), as internal/gover parses them. */
const GO_VERSION = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+)|(alpha|beta|rc)(\d+))?$/;

/** A Go toolchain version as a semantic version, in Go's order; null when it is not one. */
export function goVersionAsSemver(version: string): string | null {
  const match = GO_VERSION.exec(version.trim());
  if (!match) return null;
  const [, major, minor = '0', patch, kind, number] = match;
  if (!Number.isSafeInteger(Number(major)) || !Number.isSafeInteger(Number(minor))) return null;
  const numbers = `${Number(major)}.${Number(minor)}`;
  if (patch !== undefined) return `${numbers}.${Number(patch)}`;
  if (kind !== undefined) return `${numbers}.0-${kind}.${Number(number)}`;
  // Before Go 1.21, "1.20" named the release 1.20.0; from 1.21 on it is the language version, below its rcs.
  const languageOnly = Number(major) > 1 || (Number(major) === 1 && Number(minor) >= 21);
  return languageOnly ? `${numbers}.0-0` : `${numbers}.0`;
}

/** Go's order of toolchain versions (internal/gover.Compare); a version that does not parse sorts first, as in Go. */
export function compareGoVersions(a: string, b: string): number {
  const left = goVersionAsSemver(a);
  const right = goVersionAsSemver(b);
  if (left === null || right === null) return (left === null ? 0 : 1) - (right === null ? 0 : 1);
  return semver.compare(left, right);
}
