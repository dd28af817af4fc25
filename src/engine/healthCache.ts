// What the health pass learned per module@version, kept for a while so the next pass (a save, the
// next CLI run) asks go only about what it has not seen lately. One file shared by the CLI and the
// editor, written atomically. Answers depend on where go looks (GOPROXY, GOPRIVATE, …), so entries
// are kept per set of those values — as a hash: a GOPROXY may hold a credential, and this tool
// never writes one.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HealthFacts } from '../core/health';

/** How long an answer stays good: new versions, retractions and deprecations are published at any time. */
export const HEALTH_CACHE_TTL_MS = 60 * 60 * 1000;
/** Entries kept in the file; the oldest go first. */
const MAX_ENTRIES = 20_000;

/** The variables that change what go answers about a module. */
const SCOPE_VARIABLES = ['GOPROXY', 'GONOPROXY', 'GOPRIVATE', 'GONOSUMDB', 'GOINSECURE', 'GOFLAGS', 'GOSUMDB'] as const;

export function cacheScope(env: Readonly<Record<string, string | undefined>>): string {
  const values = SCOPE_VARIABLES.map((name) => `${name}=${env[name] ?? ''}`).join('\n');
  return createHash('sha256').update(values).digest('hex').slice(0, 16);
}

interface Entry {
  facts: HealthFacts;
  storedAt: number;
}

/** `$XDG_CACHE_HOME/go-dep-health/health.json` (default `~/.cache/…`), or GO_DEP_HEALTH_CACHE; "off": no file. */
export function defaultHealthCacheFile(env: Record<string, string | undefined>): string | null {
  if (env.GO_DEP_HEALTH_CACHE === 'off') return null;
  if (env.GO_DEP_HEALTH_CACHE) return env.GO_DEP_HEALTH_CACHE;
  const cacheHome = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(cacheHome, 'go-dep-health', 'health.json');
}

export class HealthCache {
  /** Without a file (GO_DEP_HEALTH_CACHE=off, tests), entries live as long as this object. */
  private readonly memory = new Map<string, Entry>();

  constructor(
    readonly file: string | null,
    readonly ttlMs: number = HEALTH_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  static shared(env: Record<string, string | undefined>): HealthCache {
    return new HealthCache(defaultHealthCacheFile(env));
  }

  private async load(): Promise<Map<string, Entry>> {
    if (this.file === null) return this.memory;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      return new Map();
    }
    const entries = new Map<string, Entry>();
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) if (isEntry(value)) entries.set(key, value);
    }
    return entries;
  }

  /**
   * Fresh facts for these "path@version" keys, in this scope; scope null (offline: go asks no proxy
   * at all) takes the newest fresh answer of any scope.
   */
  async get(scope: string | null, keys: readonly string[]): Promise<Map<string, HealthFacts>> {
    const entries = await this.load();
    const fresh = new Map<string, HealthFacts>();
    const oldest = this.now() - this.ttlMs;
    const isFresh = (entry: Entry | undefined): entry is Entry => !!entry && entry.storedAt >= oldest && entry.storedAt <= this.now();
    if (scope !== null) {
      for (const key of keys) {
        const entry = entries.get(`${scope} ${key}`);
        if (isFresh(entry)) fresh.set(key, entry.facts);
      }
      return fresh;
    }
    const wanted = new Set(keys);
    const newest = new Map<string, Entry>();
    for (const [stored, entry] of entries) {
      const key = stored.slice(stored.indexOf(' ') + 1);
      if (!wanted.has(key) || !isFresh(entry)) continue;
      if ((newest.get(key)?.storedAt ?? -1) < entry.storedAt) newest.set(key, entry);
    }
    for (const [key, entry] of newest) fresh.set(key, entry.facts);
    return fresh;
  }

  async put(scope: string, facts: ReadonlyMap<string, HealthFacts>): Promise<void> {
    if (facts.size === 0) return;
    const entries = await this.load();
    const storedAt = this.now();
    for (const [key, value] of facts) entries.set(`${scope} ${key}`, { facts: value, storedAt });
    if (this.file === null) return;
    const kept = [...entries].sort(([, a], [, b]) => b.storedAt - a.storedAt).slice(0, MAX_ENTRIES);
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, JSON.stringify(Object.fromEntries(kept)), { mode: 0o600 });
    await rename(temporary, this.file);
  }
}

function isEntry(value: unknown): value is Entry {
  if (!value || typeof value !== 'object') return false;
  const entry = value as Partial<Entry>;
  const facts = entry.facts as Partial<HealthFacts> | undefined;
  return typeof entry.storedAt === 'number' && !!facts && typeof facts === 'object' && 'retracted' in facts && 'deprecated' in facts && 'update' in facts;
}
