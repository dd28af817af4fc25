// Bytes arriving while go prints nothing. Go writes a module's zip to a temporary file beside its
// final place in the module cache (`cache/download/<module>/@v/<version>.zip<random>.tmp`, created
// before the request, renamed once complete and verified) and prints nothing until the body is
// done. So the trace alone cannot tell a slow body from a dead one: these files can. A body whose
// file grows is progress (the inactivity limit waits for it), and its size and the times it grew
// give what arrived and at what rate, for the progress line and the stall finding.

import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { decodeProxyUrl, escapeModulePath } from '../core/proxyUrls';
import type { DownloadState } from '../core/moduleState';
import type { TraceEvent } from '../core/trace';

/** One zip body go is fetching, as seen in the module cache. */
export interface BodyProgress {
  module: string;
  version: string;
  url: string;
  /** Bytes on disk: the temporary file while it arrives, the final zip once it is in. */
  bytes: number;
  /** When the GET started, and when its file was first and last seen growing (ms, the clock given). */
  startedAt: number;
  firstGrowthAt: number | null;
  lastGrowthAt: number | null;
  /** The final zip is in the module cache. */
  complete: boolean;
}

export interface ProgressSnapshot {
  /** Bytes of zip bodies received in this run (those still arriving and those complete). */
  bytes: number;
  /** Over the last few seconds. */
  bytesPerSecond: number;
  /** Zips complete in the module cache. */
  completed: number;
  /** Bodies still arriving, oldest first. */
  arriving: BodyProgress[];
}

export interface DownloadProgressOptions {
  /** GOMODCACHE; without it nothing is watched. */
  modCache: string | undefined;
  proxyBases: readonly string[];
  /** How often the files are looked at while bodies arrive. */
  intervalMs: number;
  now?: () => number;
}

interface Watched extends BodyProgress {
  dir: string;
  /** The final zip's file name; temporary files are this plus a random number plus `.tmp`. */
  zipName: string;
}

/** How far back the rate looks. */
const RATE_WINDOW_MS = 3_000;

/** The sampling interval for an inactivity limit: often enough that a stall is seen within a fraction of the limit. */
export function progressIntervalMs(inactivitySeconds: number): number {
  return Math.min(1_000, Math.max(100, (inactivitySeconds * 1_000) / 8));
}

/** What arrived of a body before it stopped: its bytes, and over how long (null when it was seen growing only once, so no rate can be told). */
export function receivedOf(body: BodyProgress): { bytes: number; seconds: number | null } {
  const grewOver = body.firstGrowthAt !== null && body.lastGrowthAt !== null && body.lastGrowthAt > body.firstGrowthAt;
  return { bytes: body.bytes, seconds: grewOver ? (body.lastGrowthAt! - body.startedAt) / 1000 : null };
}

export class DownloadProgress {
  /** By `module@version`. */
  private readonly bodies = new Map<string, Watched>();
  private readonly now: () => number;
  /** (time, total bytes) samples within the rate window. */
  private readonly history: { at: number; bytes: number }[] = [];
  private completedBytes = 0;
  private readonly complete = new Set<string>();

  constructor(private readonly options: DownloadProgressOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * Watches the zip a `# get …zip` line starts fetching. One body per module version: when go
   * falls through to the next proxy it empties the same file and fetches it again from there.
   */
  seen(event: TraceEvent): void {
    if (event.type !== 'http-start' || !this.options.modCache) return;
    const decoded = decodeProxyUrl(event.url, this.options.proxyBases);
    if (!decoded || decoded.file !== 'zip' || decoded.version === null) return;
    const key = `${decoded.module}@${decoded.version}`;
    const known = this.bodies.get(key);
    if (known) {
      known.url = event.url;
      return;
    }
    const escapedPath = escapeModulePath(decoded.module);
    const escapedVersion = escapeModulePath(decoded.version);
    if (!escapedPath || !escapedVersion) return;
    this.bodies.set(key, {
      module: decoded.module,
      version: decoded.version,
      url: event.url,
      bytes: 0,
      startedAt: this.now(),
      firstGrowthAt: null,
      lastGrowthAt: null,
      complete: false,
      dir: path.join(this.options.modCache, 'cache', 'download', ...escapedPath.split('/'), '@v'),
      zipName: `${escapedVersion}.zip`,
    });
  }

  /** The module's zip is complete in the module cache (seen by this run). */
  isComplete(module: string, version: string): boolean {
    return this.complete.has(`${module}@${version}`);
  }

  quietSeconds(body: BodyProgress): number {
    return Math.max(0, (this.now() - (body.lastGrowthAt ?? body.startedAt)) / 1000);
  }

  /** What the module cache shows for the body a URL fetched, if it was watched. */
  body(url: string): BodyProgress | undefined {
    const decoded = decodeProxyUrl(url, this.options.proxyBases);
    const watched = decoded ? this.bodies.get(`${decoded.module}@${decoded.version}`) : undefined;
    return watched?.url === url ? publicView(watched) : undefined;
  }

  snapshot(): ProgressSnapshot {
    const arriving = [...this.bodies.values()].filter((body) => !body.complete);
    const bytes = this.completedBytes + arriving.reduce((sum, body) => sum + body.bytes, 0);
    const oldest = this.history[0];
    const now = this.now();
    const bytesPerSecond = oldest && now > oldest.at ? ((bytes - oldest.bytes) * 1000) / (now - oldest.at) : 0;
    return { bytes, bytesPerSecond, completed: this.complete.size, arriving: arriving.map(publicView) };
  }

  /**
   * Looks at the files of the bodies still arriving, every intervalMs while there are any. `alive`
   * is called whenever one grew or completed: a sign of life go itself does not print. Returns stop.
   */
  start(alive: () => void): () => void {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async () => {
      if (await this.sample()) alive();
      if (!stopped) timer = setTimeout(() => void tick(), this.options.intervalMs);
    };
    timer = setTimeout(() => void tick(), this.options.intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  /** One look at the files; true when any body grew or completed since the last look. */
  async sample(): Promise<boolean> {
    const arriving = [...this.bodies.values()].filter((body) => !body.complete);
    let moved = false;
    await Promise.all(
      arriving.map(async (body) => {
        const seen = await onDisk(body);
        if (!seen) return;
        const at = this.now();
        if (seen.complete) {
          body.complete = true;
          this.completedBytes += seen.bytes;
          this.complete.add(`${body.module}@${body.version}`);
        }
        if (seen.bytes !== body.bytes || seen.complete) {
          moved = true;
          if (seen.bytes > body.bytes) {
            body.firstGrowthAt ??= at;
            body.lastGrowthAt = at;
          }
          body.bytes = seen.bytes;
        }
      }),
    );
    this.record();
    return moved;
  }

  private record(): void {
    const now = this.now();
    this.history.push({ at: now, bytes: this.snapshotBytes() });
    while (this.history.length > 2 && this.history[0]!.at < now - RATE_WINDOW_MS) this.history.shift();
  }

  private snapshotBytes(): number {
    let bytes = this.completedBytes;
    for (const body of this.bodies.values()) if (!body.complete) bytes += body.bytes;
    return bytes;
  }
}

/** Where a run stands, for a progress display: raw (a front end redacts what it shows). */
export interface LiveProgress {
  /** Modules go downloads (go.mod's requirements and what go reports), and how many of them are settled or complete in the cache. */
  modulesKnown: number;
  modulesDone: number;
  /** Zip bytes received in this run, and the rate over the last few seconds. */
  bytes: number;
  bytesPerSecond: number;
  /** What the run waits on: the longest-arriving body, else the latest request or command still open. */
  current: {
    kind: 'request' | 'body' | 'command';
    what: string;
    module: string | null;
    bytes: number | null;
    /** A body: how long since it last grew (or since its request started, if it never did). */
    quietSeconds: number | null;
  } | null;
}

export function liveProgress(state: DownloadState, progress: DownloadProgress): LiveProgress {
  const snapshot = progress.snapshot();
  let known = 0;
  let done = 0;
  for (const module of state.modules()) {
    if (!module.listed && module.downloaded !== true) continue;
    known++;
    if ((module.status !== 'pending' && module.status !== 'fetching') || progress.isComplete(module.path, module.version)) done++;
  }
  const body = snapshot.arriving.find((arriving) => arriving.bytes > 0);
  const open = state.inFlight().at(-1);
  const current: LiveProgress['current'] = body
    ? { kind: 'body', what: body.url, module: body.module, bytes: body.bytes, quietSeconds: progress.quietSeconds(body) }
    : open
      ? { kind: open.kind, what: open.what, module: open.module, bytes: null, quietSeconds: null }
      : null;
  return { modulesKnown: known, modulesDone: done, bytes: snapshot.bytes, bytesPerSecond: snapshot.bytesPerSecond, current };
}

function publicView(body: Watched): BodyProgress {
  const { module, version, url, bytes, startedAt, firstGrowthAt, lastGrowthAt, complete } = body;
  return { module, version, url, bytes, startedAt, firstGrowthAt, lastGrowthAt, complete };
}

/** The body's bytes on disk: its final zip when it is there, else its temporary files (go truncates one to retry). */
async function onDisk(body: Watched): Promise<{ bytes: number; complete: boolean } | null> {
  let names: string[];
  try {
    names = await readdir(body.dir);
  } catch {
    return null; // go has not made the folder yet
  }
  const complete = names.includes(body.zipName);
  const files = complete ? [body.zipName] : names.filter((name) => name.startsWith(body.zipName) && name.endsWith('.tmp'));
  let bytes = 0;
  for (const name of files) {
    try {
      bytes += (await stat(path.join(body.dir, name))).size;
    } catch {
      // renamed or removed between the listing and now: the next look sees where it went
    }
  }
  return { bytes, complete };
}
