/**
 * The journal of a run: the whole plan (each op with its undo) written before the first write,
 * then one line `{"begin": i}` before write i. A run that ends — applied or rolled back —
 * removes it; a run killed half-way leaves it, and the next mutating run reads it to know what
 * was applied: ops before the last `begin` surely, the last one perhaps. A write the kernel
 * refused is marked `{"failed": i}`, and each op a rollback undid `{"undone": i}`, so a
 * rollback that could not finish is kept and a later run finishes it without repeating undos.
 *
 * Lines are written with write(2) on an O_APPEND descriptor: a killed process loses nothing it
 * wrote. (A power cut may: SCST's own state does not survive one either.)
 */
import { closeSync, constants, fsyncSync, openSync } from 'node:fs';
import { appendRecord } from '../files/append.js';
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
  /** The op whose write the kernel refused (it was not applied), if the run got that far. */
  failed?: number;
  /** Ops a rollback already undid. */
  undone: Set<number>;
  path: string;
}

/** What `plan` and `status` say about a journal left behind: what the next mutating run will do with it. */
export interface InterruptedRun {
  journal: string;
  pid: number;
  command: string;
  started: string;
  /** Writes it had begun (the last one perhaps not reached the kernel). */
  begun: number;
  total: number;
  /** Writes a rollback that could not finish already undid. */
  undone: number;
  /** Whether --resume can finish it (not once a rollback of it has begun). */
  resumable: boolean;
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
      try {
        appendRecord(fd, `${JSON.stringify(full)}\n`);
        fsyncSync(fd);
      } catch (error) {
        // Nothing was written to SCST yet: a header cut short (ENOSPC) must not block every later run.
        closeSync(fd);
        await unlink(path).catch(() => {});
        throw error;
      }
      return new Journal(path, fd);
    } catch (error) {
      throw new UserError(msg.cannotWrite(path, (error as Error).message), { object: path, hint: lockMessages.pathHint, code: 'JOURNAL_FAILED', exitCode: EXIT.FAILED });
    }
  }

  /** Continue the journal a killed run left (its rollback marks what it undid). */
  static reopen(record: JournalRecord): Journal {
    try {
      return new Journal(record.path, openSync(record.path, constants.O_WRONLY | constants.O_APPEND));
    } catch {
      return new Journal(record.path, undefined); // marks are a help, not a need: a rollback goes on without them
    }
  }

  /**
   * Called right before write `index` is attempted. Throws JournalWriteError when the line cannot
   * be written (ENOSPC): the executor then treats it as a failed write and rolls back.
   */
  begin(index: number): void {
    try {
      if (this.fd !== undefined) appendRecord(this.fd, `{"begin":${index}}\n`);
    } catch (error) {
      throw new JournalWriteError(this.path, error as Error);
    }
  }

  /** Write `index` was refused: it did not happen. Best effort, like `undone`. */
  failed(index: number): void {
    this.mark('failed', index);
  }

  /** A rollback undid op `index`. */
  undone(index: number): void {
    this.mark('undone', index);
  }

  private mark(kind: 'failed' | 'undone', index: number): void {
    try {
      if (this.fd !== undefined) appendRecord(this.fd, `{"${kind}":${index}}\n`);
    } catch {
      // Without the mark a later recovery only tries that undo again, and tolerates it failing.
    }
  }

  /** The run ended with the host consistent (applied, or rolled back): forget it. */
  async finish(): Promise<void> {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    await unlink(this.path).catch(() => {});
  }

  /** Close without removing: a killed run leaves it so (tests simulate a kill with it), and so does a rollback that could not finish. */
  abandon(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** What the executor needs of a journal. */
export type RunJournal = Pick<Journal, 'path' | 'begin' | 'failed' | 'undone' | 'finish' | 'abandon'>;

/** The journal could not be written: no write may go to SCST unrecorded. */
export class JournalWriteError extends Error {
  constructor(readonly path: string, readonly reason: Error) {
    super(msg.cannotWrite(path, reason.message));
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
    let failed: number | undefined;
    const undone = new Set<number>();
    for (const line of lines.slice(1)) {
      // A line cut short by the kill is simply not a record.
      try {
        const entry = JSON.parse(line) as { begin?: number; failed?: number; undone?: number };
        if (typeof entry.begin === 'number') lastBegun = Math.max(lastBegun, entry.begin);
        if (typeof entry.failed === 'number') failed = entry.failed;
        if (typeof entry.undone === 'number') undone.add(entry.undone);
      } catch {
        break;
      }
    }
    return { header, lastBegun, ...(failed !== undefined ? { failed } : {}), undone, path };
  } catch (error) {
    throw new UserError(msg.unreadable(path, (error as Error).message), { object: path, hint: msg.unreadableHint, code: 'JOURNAL_UNREADABLE', exitCode: EXIT.FAILED });
  }
}

/** The run a journal in `stateDir` says was interrupted, for `plan` and `status`; undefined when there is none. */
export async function interruptedRun(stateDir: string): Promise<InterruptedRun | undefined> {
  const record = await readJournal(stateDir);
  if (!record) return undefined;
  const { header } = record;
  return {
    journal: record.path,
    pid: header.pid,
    command: header.command,
    started: header.started,
    begun: record.lastBegun + 1,
    total: header.ops.length,
    undone: record.undone.size,
    resumable: record.undone.size === 0,
  };
}

export async function removeJournal(record: JournalRecord): Promise<void> {
  await unlink(record.path).catch(() => {});
}
