// `go mod download -json` writes one indented JSON object per module to stdout, back to back.
// This splits that stream into objects as they complete, without trusting it: text between
// objects or an object that does not parse becomes a `garbage` callback, never an exception.

export interface DownloadResult {
  Path: string;
  Version?: string;
  Query?: string;
  Error?: string;
  Info?: string;
  GoMod?: string;
  Zip?: string;
  Dir?: string;
  Sum?: string;
  GoModSum?: string;
  Origin?: { VCS?: string; URL?: string; Hash?: string; Ref?: string };
}

export interface JsonStreamCallbacks {
  result(result: DownloadResult): void;
  garbage(text: string): void;
}

/** Longest object we assemble; beyond it the text is reported as garbage instead of buffered forever. */
const MAX_OBJECT_CHARS = 1_000_000;
/** Text between objects kept per line (garbage is evidence, and a line need not end). */
const MAX_STRAY_CHARS = 4_096;

export class JsonObjectStream {
  private buffer = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private stray = '';
  private strayDropped = 0;

  constructor(private readonly callbacks: JsonStreamCallbacks) {}

  push(chunk: string): void {
    for (const char of chunk) this.consume(char);
  }

  end(): void {
    const rest = (this.strayText() + this.buffer).trim();
    if (rest) this.callbacks.garbage(rest);
    this.buffer = '';
    this.stray = '';
    this.strayDropped = 0;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
  }

  private consume(char: string): void {
    if (this.depth === 0) {
      if (char !== '{') {
        if (this.stray.length < MAX_STRAY_CHARS) this.stray += char;
        else this.strayDropped += char.length;
        if (char === '\n') this.flushStray();
        return;
      }
      this.flushStray();
    }
    this.buffer += char;
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (char === '\\') this.escaped = true;
      else if (char === '"') this.inString = false;
    } else if (char === '"') {
      this.inString = true;
    } else if (char === '{') {
      this.depth++;
    } else if (char === '}') {
      this.depth--;
      if (this.depth === 0) this.completeObject();
    }
    if (this.buffer.length > MAX_OBJECT_CHARS) {
      this.callbacks.garbage(`${this.buffer.slice(0, 200)}… [object too large]`);
      this.buffer = '';
      this.depth = 0;
      this.inString = false;
      this.escaped = false;
    }
  }

  private strayText(): string {
    return this.strayDropped > 0 ? `${this.stray}… [${this.strayDropped} more characters]` : this.stray;
  }

  private flushStray(): void {
    const text = this.strayText().trim();
    this.stray = '';
    this.strayDropped = 0;
    if (text) this.callbacks.garbage(text);
  }

  private completeObject(): void {
    const text = this.buffer;
    this.buffer = '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.callbacks.garbage(text);
      return;
    }
    if (isDownloadResult(parsed)) this.callbacks.result(parsed);
    else this.callbacks.garbage(text);
  }
}

function isDownloadResult(value: unknown): value is DownloadResult {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  if (typeof record.Path !== 'string') return false;
  for (const key of ['Version', 'Error', 'Zip', 'Dir', 'Sum', 'GoModSum', 'Info', 'GoMod', 'Query']) {
    if (record[key] !== undefined && typeof record[key] !== 'string') return false;
  }
  return true;
}
