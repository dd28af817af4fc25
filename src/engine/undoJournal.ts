// The record of applied fixes, newest last, so "undo" restores exactly what the last fix replaced.
// Written atomically (temp file + rename) with owner-only permissions. A record whose previous
// value holds a credential is kept in memory only: a secret is never written by this tool.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { UndoRecord } from './applyFix';

const MAX_RECORDS = 50;

/** `$XDG_STATE_HOME/go-dep-health/undo.json` (default `~/.local/state/...`), where the CLI keeps its journal. */
export function defaultJournalFile(env: Record<string, string | undefined>): string {
  const stateHome = env.XDG_STATE_HOME || path.join(env.HOME || os.homedir(), '.local', 'state');
  return path.join(stateHome, 'go-dep-health', 'undo.json');
}

function isRecord(value: unknown): value is UndoRecord {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Partial<UndoRecord>;
  return typeof record.fixId === 'string' && typeof record.title === 'string' && Array.isArray(record.steps);
}

export class UndoJournal {
  private readonly inMemory: UndoRecord[] = [];

  constructor(readonly file: string) {}

  private async readStored(): Promise<UndoRecord[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed.filter(isRecord) : [];
    } catch {
      return [];
    }
  }

  private async writeStored(records: UndoRecord[]): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(records.slice(-MAX_RECORDS), null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.file);
  }

  async push(record: UndoRecord): Promise<void> {
    if (record.steps.length === 0) return;
    if (!record.storable) {
      this.inMemory.push(record);
      return;
    }
    await this.writeStored([...(await this.readStored()), record]);
  }

  /** The newest record, without removing it. */
  async peek(): Promise<UndoRecord | undefined> {
    const stored = await this.readStored();
    const memory = this.inMemory[this.inMemory.length - 1];
    const disk = stored[stored.length - 1];
    if (!memory) return disk;
    if (!disk) return memory;
    return memory.appliedAt >= disk.appliedAt ? memory : disk;
  }

  /** Removes the newest record (after it was undone). */
  async drop(record: UndoRecord): Promise<void> {
    const index = this.inMemory.indexOf(record);
    if (index >= 0) {
      this.inMemory.splice(index, 1);
      return;
    }
    const stored = await this.readStored();
    const at = stored.findIndex((candidate) => candidate.appliedAt === record.appliedAt && candidate.fixId === record.fixId);
    if (at >= 0) {
      stored.splice(at, 1);
      await this.writeStored(stored);
    }
  }
}
