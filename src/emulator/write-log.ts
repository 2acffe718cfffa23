/**
 * The emulated host's writes made durable one by one, as a kernel's are: every sysfs write is
 * appended (write(2) on an O_APPEND descriptor, so a killed process loses nothing it wrote) to a
 * log beside the state file before it reaches the emulator. The state file itself is rewritten
 * only when a run ends, which folds the log in; a run killed before then leaves the log, and the
 * next load replays it on top of the state. So kill recovery (the journal's rollback and
 * --resume) sees exactly the writes the killed run made.
 *
 * The first line names the save of the state file the log continues (its `saveId`). A save gives
 * the state a new id before it removes the log, so a log left by a save cut short between the
 * two is recognised as already folded in and never replayed twice.
 */
import { closeSync, constants, mkdirSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { appendRecord } from '../files/append.js';
import { dirname } from 'node:path';

export type LoggedWrite = [path: string, data: string];

export function writeLogPath(stateFile: string): string {
  return `${stateFile}.writes`;
}

/** The writes logged on top of the save `base`; none when the log is missing or continues another save. */
export function readWriteLog(stateFile: string, base: string): LoggedWrite[] {
  let text: string;
  try {
    text = readFileSync(writeLogPath(stateFile), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  if (logBase(lines[0]) !== base) return [];
  const writes: LoggedWrite[] = [];
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    try {
      const entry = JSON.parse(line) as unknown;
      if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') writes.push([entry[0], entry[1]]);
    } catch {
      break; // the line a kill cut short: that write never reached the emulator
    }
  }
  return writes;
}

function logBase(header: string | undefined): string | undefined {
  try {
    return (JSON.parse(header ?? '') as { base?: string }).base;
  } catch {
    return undefined;
  }
}

export class WriteLog {
  private fd: number | undefined;

  constructor(
    private readonly stateFile: string,
    private base: string,
  ) {}

  get path(): string {
    return writeLogPath(this.stateFile);
  }

  append(path: string, data: string): void {
    this.fd ??= this.open();
    appendRecord(this.fd, `${JSON.stringify([path, data])}\n`);
  }

  /** The state was saved as `base`: what the log held is in it now. */
  folded(base: string): void {
    this.close();
    this.base = base;
    removeIfPresent(this.path);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Continue the log of this save (a killed run's, replayed at load), or start a new one. */
  private open(): number {
    let current: string | undefined;
    try {
      current = logBase(readFileSync(this.path, 'utf8').split('\n', 1)[0]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (current === this.base) return openSync(this.path, constants.O_WRONLY | constants.O_APPEND);
    removeIfPresent(this.path); // a log of an older save, already folded in
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const fd = openSync(this.path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_APPEND, 0o600);
    appendRecord(fd, `${JSON.stringify({ base: this.base })}\n`);
    return fd;
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
