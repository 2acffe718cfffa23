/**
 * The emulated host behind `--simulate[=STATE.json]`: its state lives in a JSON file between
 * commands. A missing file means a fresh default host; saving replaces the file atomically
 * (temporary file, fsync, rename) with mode 0600 so a crash never leaves half a state behind.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { badInput } from '../errors.js';
import { NotRegularFileError, readRegularFile, refuseExistingNonRegular } from '../files/regular-file.js';
import { ERRNO_NUMBERS, type Errno, type Sysfs } from '../sysfs/types.js';
import { Emulator, type EmulatorOptions } from './emulator.js';
import type { EmulatorState } from './state.js';

export interface Simulation {
  emulator: Emulator;
  sysfs: Sysfs;
  /** Write the emulator's current state back to the file. */
  save(): Promise<void>;
}

/** Load STATE.json, or start a default host when the file does not exist yet. */
export async function openSimulation(file: string): Promise<Simulation> {
  const state = await readState(file);
  const description = simulationDescription(file);
  const emulator = state ? Emulator.fromState(state, { description }) : new Emulator({ description });
  return simulationOf(file, emulator);
}

/** A fresh host with these options, saved to `file` at once (refuses to replace one unless `force`). */
export async function createSimulation(file: string, options: EmulatorOptions, force: boolean): Promise<Simulation> {
  if (!force && (await readState(file)) !== undefined) {
    throw badInput('a simulated host already exists', { object: file, hint: 'use --force to replace it, or simulate reset' });
  }
  const simulation = simulationOf(file, new Emulator({ ...options, description: simulationDescription(file) }));
  await simulation.save();
  return simulation;
}

/** What messages call a simulated host: the emulator and the state file it lives in. */
function simulationDescription(file: string): string {
  return `emulator (${file})`;
}

function simulationOf(file: string, emulator: Emulator): Simulation {
  return { emulator, sysfs: sysfsView(emulator), save: () => writeStateFile(file, emulator.toState()) };
}

/**
 * The emulator as a plain Sysfs object of its own functions, not the class instance: callers
 * extend a Sysfs by spreading it (`{ ...sysfs, write }`), which drops prototype methods.
 */
function sysfsView(emulator: Emulator): Sysfs {
  // hostPath: check-config asks the emulated host (not this machine) whether backing files exist.
  const view: Sysfs & Pick<Emulator, 'hostPath'> = {
    hostPath: (path) => emulator.hostPath(path),
    description: emulator.description,
    read: (path) => emulator.read(path),
    write: (path, data) => emulator.write(path, data),
    list: (path) => emulator.list(path),
    readlink: (path) => emulator.readlink(path),
    exists: (path) => emulator.exists(path),
  };
  return view;
}

/** The state in `file`, or undefined when there is none. Anything unreadable is bad input. */
async function readState(file: string): Promise<EmulatorState | undefined> {
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

/**
 * Atomic replace (write-file-atomic: sibling temporary file, fsync, rename), mode 0600. The
 * rename would replace whatever is at `file` (/dev/null, a pipe, a socket), so only a regular
 * file or nothing is accepted there, before anything is written.
 */
async function writeStateFile(file: string, state: EmulatorState): Promise<void> {
  await refuseExistingNonRegular(file).catch((error: unknown) => {
    throw error instanceof NotRegularFileError ? notAStateFile(error) : error;
  });
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, `${JSON.stringify(state)}\n`, { mode: 0o600, fsync: true });
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
  const simulation = simulationOf(file, new Emulator(options));
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
