/**
 * Replays a recording against a fresh emulator configured like the recording machine (2 CPUs,
 * the recorded kernel release, no real file system) and compares every write, read, list and
 * tree step. Shell steps drive the emulated host (host-steps.ts).
 */
import { isSysfsError } from '../../sysfs/types.js';
import { Emulator, type EmulatorOptions } from '../emulator.js';
import {
  dumpTree, listEntries, normalizeRecordedList, normalizeRecordedTree, maskValue, same, treeDifference, type Outcome,
} from './compare.js';
import { applyShellStep, type HostContext } from './host-steps.js';
import type { Recording, Step } from './recording.js';

/** Recordings that are not step replays (70 documents the Perl tool; see its README). */
export const NOT_REPLAYED = new Set(['70-scstadmin-perl.jsonl']);

/** The recording machine: 2 CPUs; Debian's kernel release unless the recording says otherwise. */
const RECORDING_CPUS = 2;
export const RECORDING_KVER = '6.1.0-56-amd64';

/** Setups that differ from the default boot, as the recordings' README describes them. */
const FILE_SETUP: Record<string, EmulatorOptions> = {
  '50-daemon-absent.jsonl': { iscsiDaemon: 'absent' },
};
/** Notes that start a separate boot with other modules (50: the last records). */
const REBOOT_NOTES: Record<string, EmulatorOptions> = {
  'scst, scst_vdisk, scst_local loaded; iscsi_scst NOT loaded': { modules: ['scst', 'scst_vdisk', 'scst_local'] },
};

interface StepResult {
  index: number;
  step: Step;
  outcome: Outcome;
}

interface FileResult {
  file: string;
  compared: number;
  matched: number;
  mismatches: StepResult[];
  /** Shell steps the emulated host refused (e.g. a login the emulator rejected). */
  hostErrors: string[];
  /**
   * Failed writes whose kernel log lines differ from the recording's (thread ids and kernel pointers aside). For
   * information only: logs are the source of the tool's messages, not part of conformance.
   */
  logDifferences: Array<{ index: number; path: string; expected: string[]; got: string[] }>;
}

/**
 * Log lines without what differs from boot to boot: the emitting thread's id, session ids and
 * kernel pointers (`%p` prints a per-boot hash of the address, 16 hex digits).
 */
function withoutRunDependentParts(lines: readonly string[]): string[] {
  return lines.map((line) => line
    .replace(/^\[\d+\]: /, '')
    .replace(/\(id \d+\)/, '(id N)')
    .replace(/(user space event )[0-9a-f]{16}\b/, '$1PTR'));
}

function baseOptions(kver: string): EmulatorOptions {
  return { cpus: RECORDING_CPUS, kver, useRealFileSystem: false, prDirectory: true };
}

async function compareStep(emulator: Emulator, step: Step): Promise<Outcome | undefined> {
  switch (step.op) {
    case 'write': {
      let got: { errno: string | null; at?: string } = { errno: null };
      try {
        await emulator.write(step.path, step.data);
      } catch (error) {
        if (!isSysfsError(error)) throw error;
        got = error.at === 'open' ? { errno: error.errno, at: 'open' } : { errno: error.errno };
      }
      const expected = step.at === 'open' ? { errno: step.errno, at: 'open' } : { errno: step.errno };
      return same(expected, got);
    }
    case 'read': {
      let got: { errno: string | null; data: string | null | undefined };
      try {
        got = { errno: null, data: maskValue(step.path, await emulator.read(step.path)) };
      } catch (error) {
        if (!isSysfsError(error)) throw error;
        got = { errno: error.errno, data: null };
      }
      return same({ errno: step.errno, data: maskValue(step.path, step.data) }, got);
    }
    case 'list': {
      let got: unknown;
      try {
        got = { errno: null, entries: listEntries(await emulator.list(step.path), step.path) };
      } catch (error) {
        if (!isSysfsError(error)) throw error;
        got = { errno: error.errno, entries: null };
      }
      const entries = step.entries === null ? null : normalizeRecordedList(step.entries, step.path);
      return same({ errno: step.errno ?? null, entries }, got);
    }
    case 'tree': {
      const expected = normalizeRecordedTree(step.entries);
      const skipped = new Set(step.entries.filter((e) => e.skipped).map((e) => e.path!));
      try {
        return treeDifference(expected, await dumpTree(emulator, step.path, skipped));
      } catch (error) {
        if (!isSysfsError(error)) throw error;
        return { ok: false, expected: `${expected.length} entries`, got: `${error.op} ${error.path}: ${error.errno}` };
      }
    }
    default:
      return undefined;
  }
}

/**
 * After a force_close the replayed initiator reconnects (the iSCSI driver models that); follow
 * its session to the new directory name so that a later logout finds it.
 */
function followReconnect(ctx: HostContext, step: Step): void {
  if (step.op !== 'write' || !step.path.endsWith('/force_close')) return;
  const match = /^targets\/iscsi\/([^/]+)\/sessions\/[^/]+\/force_close$/.exec(step.path);
  const target = match ? ctx.emulator.core.target('iscsi', match[1]!) : undefined;
  if (!target || !ctx.initiator) return;
  const session = Object.values(target.sessions).find((s) => s.initiator === ctx.initiator);
  if (session) ctx.sessions.set(target.name, session.name);
}

const ATTACH_MESSAGE = /Attached SCSI target virtual disk .* \(file="(\/[^"]+)", fs=(\d+)MB/;

/**
 * Backing files the recording host already had: a successful attach names them in the kernel
 * log, but no shell step created them (20 and 40 reuse files of the earlier scenarios).
 */
function preexistingBackingFiles(recording: Recording): Map<string, number> {
  const created = recording.steps.filter((s) => s.op === 'shell').map((s) => (s as { cmd: string }).cmd).join('\n');
  const files = new Map<string, number>();
  for (const step of recording.steps) {
    if (step.op !== 'write' || step.errno !== null) continue;
    for (const line of step.log ?? []) {
      const match = ATTACH_MESSAGE.exec(line);
      if (match && !created.includes(match[1]!) && !files.has(match[1]!)) files.set(match[1]!, Number(match[2]) * 1048576);
    }
  }
  return files;
}

export async function replayRecording(recording: Recording, kver = RECORDING_KVER): Promise<FileResult> {
  const options = { ...baseOptions(kver), ...FILE_SETUP[recording.name] };
  const ctx: HostContext = { emulator: new Emulator(options), sessions: new Map() };
  for (const [path, size] of preexistingBackingFiles(recording)) ctx.emulator.addHostFile(path, { kind: 'file', size });
  const result: FileResult = { file: recording.name, compared: 0, matched: 0, mismatches: [], hostErrors: [], logDifferences: [] };
  for (const [index, step] of recording.steps.entries()) {
    if (step.op === 'note' && REBOOT_NOTES[step.text]) {
      ctx.emulator = new Emulator({ ...baseOptions(kver), ...REBOOT_NOTES[step.text] });
      ctx.sessions.clear();
      continue;
    }
    if (step.op === 'shell') {
      try {
        applyShellStep(ctx, step.cmd, step.out);
      } catch (error) {
        result.hostErrors.push(`step ${index + 1} (${step.cmd}): ${error instanceof Error ? error.message : String(error)}`);
      }
      continue;
    }
    const logBefore = ctx.emulator.kernelLog().length;
    const outcome = await compareStep(ctx.emulator, step);
    if (!outcome) continue;
    // Cases written from the source carry no log lines: only recorded ones are compared.
    if (step.op === 'write' && step.errno !== null && step.log !== undefined) {
      const expected = withoutRunDependentParts(step.log ?? []);
      const got = withoutRunDependentParts(ctx.emulator.kernelLog().slice(logBefore));
      if (JSON.stringify(expected) !== JSON.stringify(got)) result.logDifferences.push({ index: index + 1, path: step.path, expected, got });
    }
    followReconnect(ctx, step);
    result.compared++;
    if (outcome.ok) result.matched++;
    else result.mismatches.push({ index: index + 1, step, outcome });
  }
  return result;
}
