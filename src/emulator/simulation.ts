/**
 * The emulated host behind `--simulate[=STATE.json]`: its state lives in a JSON file between
 * commands. A missing file means a fresh default host; saving replaces the file atomically
 * (temporary file, fsync, rename) with mode 0600 so a crash never leaves half a state behind.
 * Each sysfs write is made durable at once in a log beside it (write-log.ts), as a kernel's
 * writes are, and folded into the file when it is saved.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.js';
import { badInput, EXIT, UserError } from '../errors.js';
import { NotRegularFileError, readRegularFile, refuseExistingNonRegular } from '../files/regular-file.js';
import { DanglingLinkError, resolveWriteTarget } from '../files/write-target.js';
import { ERRNO_NUMBERS, type Errno, type Sysfs } from '../sysfs/types.js';
import { Emulator, type EmulatorOptions } from './emulator.js';
import type { EmulatorState } from './state.js';
import { readWriteLog, WriteLog } from './write-log.js';
import { writeNamesIndex, type QuietTree } from './names-index.js';

export interface Simulation {
  emulator: Emulator;
  sysfs: Sysfs;
  /** Write the emulator's current state back to the file (folding in its write log). */
  save(): Promise<void>;
  /** Refuse, before anything is written, a state file that cannot be saved (read-only, a link to nothing). */
  checkWritable(): Promise<void>;
  /** Let go of the write log's descriptor (the state is being read again). */
  release(): void;
}

/** A state file saved before saves had an id: its log (if any) is continued under this one. */
const UNSAVED = 'unsaved';

/** Load STATE.json (and the writes a killed run logged on top of it), or start a default host when there is no file. */
export async function openSimulation(file: string): Promise<Simulation> {
  const state = await readState(file);
  const description = simulationDescription(file);
  const emulator = state ? Emulator.fromState(state, { description }) : new Emulator({ description });
  const base = state?.saveId ?? UNSAVED;
  await replayWrites(emulator, readWriteLog(file, base));
  return simulationOf(file, emulator, base);
}

/** The logged writes again, in order and without the host's write delay; each fails or succeeds as it did. */
async function replayWrites(emulator: Emulator, writes: Array<[string, string]>): Promise<void> {
  if (writes.length === 0) return;
  const delay = emulator.writeDelay();
  emulator.delayWrites(0);
  for (const [path, data] of writes) await emulator.write(path, data).catch(() => {});
  emulator.delayWrites(delay);
}

/** A fresh host with these options, saved to `file` at once (refuses to replace one unless `force`). */
export async function createSimulation(file: string, options: EmulatorOptions, force: boolean): Promise<Simulation> {
  if (!force && (await readState(file)) !== undefined) {
    throw badInput('a simulated host already exists', { object: file, hint: 'use --force to replace it, or simulate reset' });
  }
  const simulation = simulationOf(file, new Emulator({ ...options, description: simulationDescription(file) }), UNSAVED);
  await simulation.save();
  return simulation;
}

/** What messages call a simulated host: the emulator and the state file it lives in. */
function simulationDescription(file: string): string {
  return `emulator (${file})`;
}

function simulationOf(file: string, emulator: Emulator, base: string): Simulation {
  const log = new WriteLog(file, base);
  let writable: Promise<void> | undefined;
  const checkWritable = () => (writable ??= checkStateFileWritable(file));
  const write = async (path: string, data: string) => {
    await checkWritable();
    // Durable before the emulator acts on it: a write the run was killed in is at worst uncertain, as on a kernel.
    log.append(path, data);
    await emulator.write(path, data);
  };
  return {
    emulator,
    sysfs: sysfsView(emulator, write),
    checkWritable,
    release: () => log.close(),
    save: async () => {
      const saveId = randomUUID();
      const { saveId: _previous, ...state } = emulator.toState();
      // The id first: shell completion checks the names index against the file's first bytes.
      await writeStateFile(file, { saveId, ...state });
      log.folded(saveId);
      await writeNamesIndex(file, quietTree(emulator), saveId);
    },
  };
}

/** The emulator's tree read directly, so that indexing it counts no sysfs calls and starts no kernel step. */
function quietTree(emulator: Emulator): QuietTree {
  return {
    list: (dir) => {
      const node = emulator.resolve(dir, true);
      if (node.kind !== 'dir') throw new Error(`${dir} is not a directory`);
      return emulator.entriesOf(node);
    },
    read: (path) => {
      const node = emulator.resolve(path, true);
      if (node.kind !== 'file' || !node.show) throw new Error(`${path} cannot be read`);
      return node.show();
    },
  };
}

/**
 * The emulator as a plain Sysfs object of its own functions, not the class instance: callers
 * extend a Sysfs by spreading it (`{ ...sysfs, write }`), which drops prototype methods.
 */
function sysfsView(emulator: Emulator, write: Sysfs['write']): Sysfs {
  // hostPath: check-config asks the emulated host (not this machine) whether backing files exist.
  const view: Sysfs & Pick<Emulator, 'hostPath'> = {
    hostPath: (path) => emulator.hostPath(path),
    description: emulator.description,
    read: (path) => emulator.read(path),
    write,
    list: (path) => emulator.list(path),
    readlink: (path) => emulator.readlink(path),
    exists: (path) => emulator.exists(path),
  };
  return view;
}

/** The state in `file`, or undefined when there is none. Anything unreadable is bad input. */
async function readState(file: string): Promise<EmulatorState | undefined> {
  refuseEmptyName(file);
  let text: string;
  try {
    text = (await readRegularFile(file)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof NotRegularFileError) throw notAStateFile(error);
    throw badInput(`cannot read the simulation state: ${(error as Error).message}`, { object: file });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badInput(`not a simulation state file (${(error as Error).message})`, {
      object: file,
      hint: 'create a new host with: scstadmin-ts simulate create --force',
    });
  }
  if (!isEmulatorState(parsed)) {
    throw badInput('not a simulation state file (unknown format)', {
      object: file,
      hint: 'create a new host with: scstadmin-ts simulate create --force',
    });
  }
  return parsed;
}

function notAStateFile(error: NotRegularFileError): Error {
  return badInput(`is ${error.kind}, not a simulation state file`, { object: error.path });
}

function isEmulatorState(value: unknown): value is EmulatorState {
  const v = value as Partial<EmulatorState> | null;
  return typeof v === 'object' && v !== null && v.format === 'scstadmin-ts-emulator' && v.version === 1;
}

/** `--simulate=` with nothing after it would name the current directory. */
function refuseEmptyName(file: string): void {
  if (file.trim() === '') throw badInput('the simulation state file name is empty', { object: '--simulate', hint: 'give --simulate=STATE.json, or --simulate alone for the default file' });
}

/**
 * Where the state is saved: the file, or the file its symlink names. The rename of a save would
 * replace whatever is there (/dev/null, a pipe, a link), so only a regular file or nothing is
 * accepted, and a file the admin made read-only is left alone.
 */
async function stateFileTarget(file: string): Promise<string> {
  refuseEmptyName(file);
  let target: string;
  try {
    target = await resolveWriteTarget(file);
    await refuseExistingNonRegular(target);
  } catch (error) {
    if (error instanceof NotRegularFileError) throw notAStateFile(error);
    if (error instanceof DanglingLinkError) throw badInput(`is a symbolic link to ${error.target}, which does not exist; it is not replaced by a state file`, { object: file });
    throw error;
  }
  const mode = await stat(target).then((s) => s.mode, () => undefined);
  if (mode !== undefined && (mode & 0o222) === 0) {
    throw new UserError(`the simulation state file is read-only (mode ${(mode & 0o7777).toString(8).padStart(4, '0')}); it is not changed`, {
      object: file,
      hint: 'make it writable (chmod u+w) to change this host, or use another --simulate file',
      code: 'SIMULATION_READ_ONLY',
      exitCode: EXIT.FAILED,
    });
  }
  return target;
}

async function checkStateFileWritable(file: string): Promise<void> {
  await stateFileTarget(file);
}

/** Atomic replace (src/files/atomic-write.ts: sibling temporary file, fsync, rename), mode 0600. */
async function writeStateFile(file: string, state: EmulatorState): Promise<void> {
  const target = await stateFileTarget(file);
  try {
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await writeFileAtomic(target, `${JSON.stringify(state)}\n`, { mode: 0o600, fsync: true });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new UserError(`cannot save the simulated host: ${code ? `${code}: ` : ''}${message.replace(/^[A-Z]+: /, '').split(',')[0]}`, { object: file, code: 'SIMULATION_SAVE_FAILED', exitCode: EXIT.FAILED, cause: error });
  }
}

/** Open the host in `file`, apply one host-side change, save it; returns what `change` returns. */
export async function changeSimulation<T>(file: string, change: (emulator: Emulator) => T | Promise<T>): Promise<T> {
  const simulation = await openSimulation(file);
  const result = await change(simulation.emulator);
  await simulation.save();
  return result;
}

/** The options that recreate this host as it is after a reboot: same hardware, no SCST objects. */
function rebootOptions(state: EmulatorState): EmulatorOptions {
  const host = state.host;
  return {
    modules: [...state.modules],
    iscsiDaemon: host.iscsiDaemon,
    cpus: host.cpus,
    kver: host.kver,
    prDirectory: host.prDirectory,
    scsiDevices: host.scsiDevices.map((d) => ({ ...d })),
    hostFiles: { ...host.hostFiles },
    useRealFileSystem: host.useRealFileSystem,
    hardwareTargets: [...host.hardwareTargets],
  };
}

/** `simulate reset`: the same host rebooted — modules, daemon and files kept, configuration gone. */
export async function resetSimulation(file: string): Promise<Simulation> {
  const current = await openSimulation(file);
  const options = { ...rebootOptions(current.emulator.toState()), description: simulationDescription(file) };
  current.release();
  const simulation = simulationOf(file, new Emulator(options), UNSAVED);
  await simulation.save();
  return simulation;
}

/** An errno symbol as given on the command line (`EIO`, `eio`). */
export function parseErrnoName(text: string): Errno {
  const name = text.toUpperCase();
  if (Object.hasOwn(ERRNO_NUMBERS, name)) return name as Errno;
  throw badInput(`unknown errno ${text}`, { object: '--errno', hint: `one of ${Object.keys(ERRNO_NUMBERS).join(', ')}` });
}

const SIZE_UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/**
 * A size in bytes: a whole number with an optional binary unit (`512`, `64M`, `2G`, `1TiB`,
 * and so `truncate -s` sizes); undefined when `text` is not one.
 */
export function byteSize(text: string): number | undefined {
  const m = /^(\d+)\s*([KMGT]?)(?:i?B)?$/i.exec(text.trim());
  const bytes = m ? Number(m[1]) * SIZE_UNITS[m[2]!.toUpperCase()]! : NaN;
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** `--size` as given on the command line: a byte size or bad input. */
export function parseByteSize(text: string): number {
  const bytes = byteSize(text);
  if (bytes === undefined) {
    throw badInput(`not a size: ${text}`, { object: '--size', hint: 'a number of bytes, optionally with K, M, G or T (e.g. 64M)' });
  }
  return bytes;
}

const SCSI_TYPE_NAMES: Record<string, number> = { disk: 0, tape: 1, processor: 3, cdrom: 5, modisk: 7, changer: 8, raid: 12 };

/** A local SCSI device from the command line: `H:C:I:L` (a disk) or `H:C:I:L=TYPE` (number or name). */
export function parseScsiDevice(text: string): { hctl: string; type: number } {
  const m = /^(\d+:\d+:\d+:\d+)(?:=(\w+))?$/.exec(text.trim());
  const typeText = m?.[2]?.toLowerCase();
  const type = typeText === undefined ? 0 : /^\d+$/.test(typeText) ? Number(typeText) : SCSI_TYPE_NAMES[typeText];
  if (!m || type === undefined || type > 31) {
    throw badInput(`not a SCSI device: ${text}`, {
      object: '--scsi-device',
      hint: `H:C:I:L or H:C:I:L=TYPE, TYPE a SCSI type number or one of ${Object.keys(SCSI_TYPE_NAMES).join(', ')}`,
    });
  }
  return { hctl: m[1]!, type };
}
