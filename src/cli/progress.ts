// The live progress line of `go-dep-health diagnose` on a terminal: modules done of those known,
// the bytes received and their rate, what the run waits on, and a spinner that turns even while go
// prints nothing (a large body arriving). One line, rewritten in place and erased before the
// report. Only when standard output is a terminal and the report is for people (not --json).
// Every text of it lives here.

import { t, type Lang } from '../core/i18n';
import { redact } from '../core/redact';
import { formatBytes, formatRate } from '../core/units';
import type { LiveProgress } from '../engine/downloadProgress';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;
/** A body quiet this long is worth pointing out. */
const QUIET_SECONDS = 2;
/** Moves to the start of the line and erases it. */
const ERASE = '\r\x1b[2K';

export interface ProgressTerminal {
  write(text: string): void;
  /** The terminal's width (0 or undefined when it does not say). */
  columns(): number | undefined;
}

/** What the run waits on, short: `example.com/x v1.2.3.zip 3.1 MB`, or the command. */
function describeCurrent(current: NonNullable<LiveProgress['current']>): string {
  if (current.kind === 'command') return current.what;
  const file = current.what.slice(current.what.lastIndexOf('/') + 1);
  const what = current.module ? `${current.module} ${file}` : `GET ${current.what}`;
  return current.bytes !== null ? `${what} ${formatBytes(current.bytes)}` : what;
}

/** A body that stopped growing for a while, said before the inactivity limit says it (first: it is what matters). */
function quietNote(current: LiveProgress['current'], lang: Lang): string | null {
  return current?.quietSeconds != null && current.quietSeconds >= QUIET_SECONDS
    ? t(lang, 'progress.quiet', { seconds: Math.floor(current.quietSeconds) })
    : null;
}

/** Columns a text takes on a terminal: CJK characters and full-width punctuation take two. */
function columnsOf(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return width;
}

/** The text cut to `width` columns, with an ellipsis when cut. */
function fit(text: string, width: number): string {
  if (columnsOf(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (columnsOf(`${out}${char}`) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

/** One frame of the progress line, redacted and cut to the terminal's width. */
export function progressText(progress: LiveProgress | null, frame: number, columns: number, lang: Lang = 'en'): string {
  const parts: string[] = [];
  if (!progress) parts.push(t(lang, 'progress.starting'));
  else {
    parts.push(t(lang, 'progress.modules', { done: progress.modulesDone, known: progress.modulesKnown }));
    if (progress.bytes > 0)
      parts.push(`${formatBytes(progress.bytes)}${progress.bytesPerSecond > 0 ? t(lang, 'progress.rate', { rate: formatRate(progress.bytesPerSecond) }) : ''}`);
    const quiet = quietNote(progress.current, lang);
    if (quiet) parts.push(quiet);
    if (progress.current) parts.push(describeCurrent(progress.current));
  }
  const text = redact(`${SPINNER[frame % SPINNER.length]!} ${parts.join(' · ')}`.replace(/\s+/g, ' '));
  return fit(text, Math.max(20, columns - 1));
}

/** A progress line for this run, or null: only on a terminal, and only for a report people read. */
export function progressLineFor(terminal: ProgressTerminal | null | undefined, forPeople: boolean, lang: Lang = 'en'): ProgressLine | null {
  return terminal && forPeople ? new ProgressLine(terminal, lang) : null;
}

export class ProgressLine {
  private latest: LiveProgress | null = null;
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private shown = false;

  constructor(
    private readonly terminal: ProgressTerminal,
    private readonly lang: Lang = 'en',
  ) {}

  start(): void {
    this.draw();
    this.timer = setInterval(() => {
      this.frame++;
      this.draw();
    }, FRAME_MS);
    this.timer.unref();
  }

  /** The engine's latest word; drawn with the next frame. */
  readonly update = (progress: LiveProgress): void => {
    this.latest = progress;
  };

  /** Erases the line: what follows starts on a clean one. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.shown) this.terminal.write(ERASE);
    this.shown = false;
  }

  private draw(): void {
    this.terminal.write(`${ERASE}${progressText(this.latest, this.frame, this.terminal.columns() || 80, this.lang)}`);
    this.shown = true;
  }
}
