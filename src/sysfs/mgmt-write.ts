/**
 * Writing to SCST: mgmt commands and attribute values, with the asynchronous result protocol
 * of spec scst-sysfs §4. A store that runs as a background work may fail with EAGAIN while the
 * work goes on; the outcome then appears in the global `last_sysfs_mgmt_res` (EAGAIN while any
 * work is active, else the last result as a negative errno or 0). SCST.pm treats every non-zero
 * result as "EAGAIN"; we turn it into the real errno so the admin learns what failed.
 */
import { EXIT, UserError, badInput } from '../errors.js';
import { SysfsError, ERRNO_NUMBERS, isSysfsError, type Errno, type Sysfs } from './types.js';
import type { MgmtLine } from './mgmt-command.js';
import { MAX_MGMT_LINE_BYTES } from './mgmt-command.js';
import { asyncMessages, tokenMessages } from './messages.js';

const LAST_RESULT_PATH = 'last_sysfs_mgmt_res';

export interface WaitOptions {
  /** Poll interval while the result is not ready (default 1000 ms, as SCST.pm). */
  pollIntervalMs?: number;
  /** Give up after this long (default 300 s: well above the 31 s iSCSI daemon timeout). */
  timeoutMs?: number;
  /** Called before every wait, with the time waited so far (for a TTY spinner). */
  onProgress?: (waitedMs: number) => void;
  /** How to wait; tests pass an instant clock so no test depends on time. */
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_POLL_INTERVAL_MS = 1000;
const DEFAULT_TIMEOUT_MS = 300_000;

/** Write one mgmt command (built by `mgmtCommand`) and wait for its result. */
export async function writeMgmt(sysfs: Sysfs, path: string, command: MgmtLine, options: WaitOptions = {}): Promise<void> {
  await writeAndSettle(sysfs, path, command, options);
}

/**
 * Write an attribute value (one line; a newline is added, which every SCST store accepts).
 * Values may hold blanks (`comment`, `prod_id`, a CHAP user file), never line breaks.
 */
export async function writeAttribute(sysfs: Sysfs, path: string, value: string, options: WaitOptions = {}): Promise<void> {
  checkAttributeValue(value, path);
  await writeAndSettle(sysfs, path, `${value}\n`, options);
}

/**
 * Write an attribute's exact bytes: the value, bare or with one newline (SCST.pm writes device
 * and target attributes bare). The value passes the same check as in `writeAttribute`.
 */
export async function writeAttributeBytes(sysfs: Sysfs, path: string, data: string, options: WaitOptions = {}): Promise<void> {
  checkAttributeValue(data.endsWith('\n') ? data.slice(0, -1) : data, path);
  await writeAndSettle(sysfs, path, data, options);
}

/**
 * The one check of an attribute value: one line without control characters, short enough for
 * one write. `object` names the object in the message (default: the path). Planners call it too,
 * to refuse a bad value before the first write.
 */
export function checkAttributeValue(value: string, path: string, object: string = path): void {
  const name = path.split('/').pop() ?? path;
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) throw badInput(tokenMessages.attributeNewline(name), { object, code: 'ATTR_VALUE' });
  }
  const bytes = Buffer.byteLength(`${value}\n`, 'utf8');
  if (bytes > MAX_MGMT_LINE_BYTES + 1) throw badInput(tokenMessages.attributeTooLong(name, bytes, MAX_MGMT_LINE_BYTES + 1), { object, code: 'ATTR_VALUE' });
}

async function writeAndSettle(sysfs: Sysfs, path: string, data: string, options: WaitOptions): Promise<void> {
  try {
    await sysfs.write(path, data);
    return;
  } catch (error) {
    if (!isSysfsError(error, 'EAGAIN') || error.at === 'open') throw error;
  }
  const result = await waitForMgmtResult(sysfs, options);
  if (result !== 0) throw new SysfsError(errnoForResult(result), 'write', path, 'io', [], data);
}

/**
 * Poll `last_sysfs_mgmt_res` until it stops answering EAGAIN; returns the number it holds
 * (0 or a negative errno). Reads retry the same way, so this also serves reads that EAGAIN.
 */
async function waitForMgmtResult(sysfs: Sysfs, options: WaitOptions = {}): Promise<number> {
  const text = await readSettled(sysfs, LAST_RESULT_PATH, options);
  const match = /^\s*(-?\d+)\s*$/.exec(text);
  if (!match) throw new UserError(asyncMessages.unreadable(text), { object: LAST_RESULT_PATH, code: 'SYSFS_ASYNC', exitCode: EXIT.FAILED });
  return Number(match[1]);
}

/** Read a file, retrying while SCST answers EAGAIN (a read-only work still running). */
export async function readSettled(sysfs: Sysfs, path: string, options: WaitOptions = {}): Promise<string> {
  const interval = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sleep = options.sleep ?? defaultSleep;
  let waited = 0;
  for (;;) {
    try {
      return await sysfs.read(path);
    } catch (error) {
      if (!isSysfsError(error, 'EAGAIN')) throw error;
    }
    if (waited >= timeout) {
      throw new UserError(asyncMessages.timeout(Math.round(timeout / 1000)), {
        object: path,
        hint: asyncMessages.timeoutHint,
        code: 'SYSFS_TIMEOUT',
        exitCode: EXIT.FAILED,
      });
    }
    options.onProgress?.(waited);
    await sleep(interval);
    waited += interval;
  }
}

const ERRNO_BY_NUMBER = new Map<number, Errno>(
  (Object.entries(ERRNO_NUMBERS) as Array<[Errno, number]>).map(([name, number]) => [number, name]),
);

/** `-16` → `EBUSY`; numbers outside our table become EIO (the write failed, reason unknown). */
export function errnoForResult(result: number): Errno {
  return ERRNO_BY_NUMBER.get(Math.abs(result)) ?? 'EIO';
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
