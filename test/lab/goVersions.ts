// Which Go binaries the class suite runs with. GDH_TEST_GOS lists them (separated by commas,
// colons or spaces); by default the machine's Go plus Go 1.21 from the cache that
// scripts/setup.sh fills. Go 1.21 must be there: the class suite fails without it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GO } from './goSandbox';

export interface GoUnderTest {
  /** The binary. */
  bin: string;
  /** `go1.26.8`, from `go env GOVERSION`. */
  version: string;
  /** `go1.26`: the column in docs/coverage.md. */
  label: string;
  /** Major.minor as numbers, for version-dependent expectations. */
  minor: number;
}

/** Where scripts/setup.sh puts Go 1.21. */
export function cachedGo121(): string {
  const cache = process.env.GDH_GO_CACHE || path.join(os.homedir(), '.cache', 'go-dep-health');
  return path.join(cache, 'go1.21', 'bin', 'go');
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function describeGo(bin: string): GoUnderTest {
  const version = execFileSync(bin, ['env', 'GOVERSION'], {
    env: { PATH: '/usr/bin:/bin', HOME: os.tmpdir(), GOENV: 'off', GOTOOLCHAIN: 'local', GOTELEMETRY: 'off' },
    encoding: 'utf8',
  }).trim();
  const match = /^go1\.(\d+)/.exec(version);
  if (!match) throw new Error(`${bin}: unexpected GOVERSION ${JSON.stringify(version)}`);
  return { bin, version, label: `go1.${match[1]}`, minor: Number(match[1]) };
}

export interface GoSelection {
  gos: GoUnderTest[];
  /** Set when CI needs a Go that is missing: the suite fails with this message. */
  missing: string | null;
}

export function goVersionsUnderTest(): GoSelection {
  const listed = (process.env.GDH_TEST_GOS ?? '').split(/[\s,:]+/).filter(Boolean);
  const go121 = cachedGo121();
  const bins = listed.length > 0 ? listed : [GO, ...(isExecutable(go121) ? [go121] : [])];
  const missingBins = bins.filter((bin) => !isExecutable(bin));
  const gos = bins.filter(isExecutable).map(describeGo);
  let missing: string | null = missingBins.length > 0 ? `GDH_TEST_GOS names Go binaries that are not there: ${missingBins.join(', ')}` : null;
  if (!missing && !gos.some((go) => go.minor === 21)) {
    missing = `Go 1.21 is missing (looked for ${listed.length > 0 ? 'go1.21 in GDH_TEST_GOS' : go121}): run \`bash scripts/setup.sh test\` (npm test does)`;
  }
  return { gos, missing };
}
