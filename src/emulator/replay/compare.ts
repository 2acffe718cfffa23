/**
 * Comparing what the emulator does with what the recording shows: write errno/at, read
 * data/errno, list entries, tree dumps. Values the recordings mark as belonging to the recording
 * run (per-session thread pids, iSCSI sid, scst_local transport_id and host number, I/O
 * statistics after the recorded dd) are masked on both sides; everything else is exact.
 */
import { isSysfsError } from '../../sysfs/types.js';
import type { DirEntry } from '../../sysfs/types.js';
import type { Emulator } from '../emulator.js';
import type { RecordedEntry } from './recording.js';

const RUN_DEPENDENT_FILES = new Set(['thread_pid', 'sid', 'transport_id', 'host_no']);
const RUN_DEPENDENT_LINKS = new Set(['host']);
const IO_STATISTICS = /^(?:(?:read|write|bidi|none|unknown)_(?:cmd_count|io_count_kb|unaligned_cmd_count)|commands|[nrwb]\d+)$/;
const MASK = '<run-dependent>';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Mask a value when the file holds run-dependent data (only under sessions/ for I/O stats). */
export function maskValue(path: string, data: string | null | undefined): string | null | undefined {
  if (data === null || data === undefined) return data;
  const name = baseName(path);
  if (RUN_DEPENDENT_FILES.has(name)) return MASK;
  if (path.includes('/sessions/') && IO_STATISTICS.test(name)) return MASK;
  if (/\/targets\/|^targets\//.test(path) && IO_STATISTICS.test(name) && !path.includes('/luns/')) return MASK;
  return data;
}

function maskLinkTarget(path: string, target: string | undefined): string | undefined {
  return RUN_DEPENDENT_LINKS.has(baseName(path)) ? MASK : target;
}

export function octal(mode: number | undefined): string | undefined {
  return mode === undefined ? undefined : mode.toString(8).padStart(4, '0');
}

export interface Outcome {
  ok: boolean;
  expected?: unknown;
  got?: unknown;
}

export function same(expected: unknown, got: unknown): Outcome {
  const ok = JSON.stringify(expected) === JSON.stringify(got);
  return ok ? { ok } : { ok, expected, got };
}

/** The emulator's listing in the recording's form (octal modes, masked link targets). */
export function listEntries(entries: DirEntry[], dir: string): RecordedEntry[] {
  return normalizeRecordedList(entries.map((e) => ({ name: e.name, type: e.type, mode: octal(e.mode), target: e.target })), dir);
}

export function normalizeRecordedList(entries: RecordedEntry[], dir: string): RecordedEntry[] {
  return entries.map((e) => {
    const path = dir === '' ? e.name! : `${dir}/${e.name}`;
    const out: RecordedEntry = { name: e.name, type: e.type };
    if (e.type === 'file') out.mode = e.mode;
    if (e.type === 'link') out.target = maskLinkTarget(path, e.target);
    return out;
  });
}

/** The emulator's subtree in the recording's `tree` form (depth first, sorted per level). */
export async function dumpTree(emulator: Emulator, root: string, skipped: ReadonlySet<string>): Promise<RecordedEntry[]> {
  const out: RecordedEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await emulator.list(dir)) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.type === 'link') {
        out.push({ path, type: 'link', target: maskLinkTarget(path, entry.target) });
      } else if (entry.type === 'dir') {
        out.push(skipped.has(path) ? { path, type: 'dir', mode: '0755', skipped: true } : { path, type: 'dir', mode: '0755' });
        if (!skipped.has(path)) await walk(path);
      } else if (((entry.mode ?? 0) & 0o444) === 0) {
        out.push({ path, type: 'file', mode: octal(entry.mode), data: null });
      } else {
        try {
          out.push({ path, type: 'file', mode: octal(entry.mode), data: maskValue(path, await emulator.read(path)) });
        } catch (error) {
          if (!isSysfsError(error)) throw error;
          out.push({ path, type: 'file', mode: octal(entry.mode), data: null, errno: error.errno });
        }
      }
    }
  };
  await walk(root);
  return out;
}

export function normalizeRecordedTree(entries: RecordedEntry[]): RecordedEntry[] {
  return entries.map((e) => {
    const out: RecordedEntry = { path: e.path, type: e.type };
    if (e.type !== 'link') out.mode = e.mode;
    if (e.skipped) out.skipped = true;
    if (e.type === 'link') out.target = maskLinkTarget(e.path!, e.target);
    if (e.type === 'file') {
      out.data = maskValue(e.path!, e.data ?? null);
      if (e.errno) out.errno = e.errno;
    }
    return out;
  });
}

/** First differing entry of two trees, for --verbose. */
export function treeDifference(expected: RecordedEntry[], got: RecordedEntry[]): Outcome {
  const n = Math.max(expected.length, got.length);
  for (let i = 0; i < n; i++) {
    const result = same(expected[i], got[i]);
    if (!result.ok) return result;
  }
  return { ok: true };
}
