/**
 * The journal of a run: the whole plan (each op with its undo) written before the first write,
 * then one line `{"begin": i}` before write i. A run that ends — applied or rolled back —
 * removes it; a run killed half-way leaves it, and the next mutating run reads it to know what
 * was applied: ops before the last `begin` surely, the last one perhaps.
 *
 * Lines are written with write(2) on an O_APPEND descriptor: a killed process loses nothing it
 * wrote. (A power cut may: SCST's own state does not survive one either.)
 */
import { closeSync, constants, fsyncSync, openSync, writeSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT, UserError } from '../errors.js';
import { ensureDir } from './ensure-dir.js';
import { journalMessages as msg, lockMessages } from './messages.js';
import type { Op } from './ops.js';

export const DEFAULT_STATE_DIR = '/var/lib/scstadmin-ts';
const JOURNAL_FILE = 'journal.jsonl';

export interface JournalHeader {
  version: 1;
  pid: number;
  command: string;
  started: string;
  /** The tree the run wrote to (Sysfs.description). */
  sysfs: string;
  ops: Op[];
}

export interface JournalRecord {
  header: JournalHeader;
  /** Index of the last op whose write had begun; -1 when none had. */
  lastBegun: number;
  path: string;
}

function journalPath(stateDir: string): string {
  return join(stateDir, JOURNAL_FILE);
}

export class Journal {
  private constructor(
    readonly path: string,
    private fd: number | undefined,
  ) {}

  static async create(stateDir: string, header: Omit<JournalHeader, 'version' | 'pid' | 'started'>): Promise<Journal> {
    const path = journalPath(stateDir);
    const full: JournalHeader = { version: 1, pid: process.pid, started: new Date().toISOString(), ...header };
    try {
      await ensureDir(stateDir, 0o700);
      // O_EXCL: a journal left by a killed run is never overwritten, only recovered.
      const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_APPEND, 0o600);
      writeSync(fd, `${JSON.stringify(full)}\n`);
      fsyncSync(fd);
      return new Journal(path, fd);
    } catch (error) {
      throw new UserError(msg.cannotWrite(path, (error as Error).message), { object: path, hint: lockMessages.pathHint, code: 'JOURNAL_FAILED', exitCode: EXIT.FAILED });
    }
  }

  /** Called right before write `index` is attempted. */
  begin(index: number): void {
    if (this.fd !== undefined) writeSync(this.fd, `{"begin":${index}}\n`);
  }

  /** The run ended with the host consistent (applied, or rolled back): forget it. */
  async finish(): Promise<void> {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    await unlink(this.path).catch(() => {});
  }

  /** Close without removing, as a killed run would leave it (tests simulate a kill with it). */
  abandon(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The journal left in `stateDir`, if any. */
export async function readJournal(stateDir: string): Promise<JournalRecord | undefined> {
  const path = journalPath(stateDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(msg.unreadable(path, (error as Error).message), { object: path, hint: msg.unreadableHint, code: 'JOURNAL_UNREADABLE', exitCode: EXIT.FAILED });
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  try {
    const header = JSON.parse(lines[0] ?? '') as JournalHeader;
    if (header.version !== 1 || !Array.isArray(header.ops)) throw new Error('not a scstadmin-ts journal');
    let lastBegun = -1;
    for (const line of lines.slice(1)) {
      // A line cut short by the kill is simply not a record.
      try {
        const entry = JSON.parse(line) as { begin?: number };
        if (typeof entry.begin === 'number') lastBegun = Math.max(lastBegun, entry.begin);
      } catch {
        break;
      }
    }
    return { header, lastBegun, path };
  } catch (error) {
    throw new UserError(msg.unreadable(path, (error as Error).message), { object: path, hint: msg.unreadableHint, code: 'JOURNAL_UNREADABLE', exitCode: EXIT.FAILED });
  }
}

export async function removeJournal(record: JournalRecord): Promise<void> {
  await unlink(record.path).catch(() => {});
}
