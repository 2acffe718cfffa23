/**
 * Carrying out a setup: the engine's exact plan first (a dry run of the one batch change), then —
 * once confirmed — the new sparse backing file (never over an existing path), the batch through
 * the one executor and the save to the config file, the service if asked for, and what the
 * initiator side runs to connect. A failed run removes the file it created, so nothing is left.
 */
import { open, unlink } from 'node:fs/promises';
import { confPath } from '../conf/index.js';
import { badInput } from '../errors.js';
import { runEdit, type EditResult } from '../edit/index.js';
import { openRunTree } from '../plan/cli.js';
import { renderPlan, runPaths, type Plan } from '../plan/index.js';
import { SimulationKernel } from '../system/emulated-host.js';
import type { Host } from '../system/host.js';
import type { Sysfs } from '../sysfs/types.js';
import { setupChange, type SetupAnswers } from './answers.js';
import { setupMessages as msg } from './messages.js';

export interface SetupRunFlags {
  simulate?: string;
  'sysfs-root'?: string;
  config?: string;
  'lock-file'?: string;
  'state-dir'?: string;
}

/**
 * The writes the setup would make, as the executor would make them (nothing is written): on
 * the host's tree, or on `projection`, the tree as it will be once the host steps are taken.
 */
export async function previewSetup(flags: SetupRunFlags, answers: SetupAnswers, projection?: Sysfs): Promise<Plan> {
  if (!projection) return (await execute(flags, answers, true)).plan;
  const result = await runEdit(projection, setupChange(answers), { ...runPaths({ lockFile: flags['lock-file'], stateDir: flags['state-dir'] }), dryRun: true });
  return result.plan;
}

export function planLines(plan: Plan): string[] {
  return renderPlan(plan, { writes: false, showSecrets: false });
}

/** Creates the backing file if asked, runs the batch and saves the file. */
export async function applySetup(host: Host, flags: SetupRunFlags, answers: SetupAnswers): Promise<EditResult> {
  const created = answers.storage.kind === 'file' && answers.storage.create !== undefined ? await createSparseFile(host, answers.storage.path, answers.storage.create) : undefined;
  try {
    return await execute(flags, answers, false);
  } catch (error) {
    if (created) await created.remove();
    throw error;
  }
}

async function execute(flags: SetupRunFlags, answers: SetupAnswers, dryRun: boolean): Promise<EditResult> {
  const { sysfs, simulationFile, close } = await openRunTree(flags);
  try {
    return await runEdit(sysfs, setupChange(answers), {
      ...runPaths({ simulationFile, lockFile: flags['lock-file'], stateDir: flags['state-dir'] }),
      dryRun,
      saveTo: dryRun ? undefined : confPath(flags.config),
    });
  } finally {
    await close();
  }
}

/**
 * A new sparse file of `size` bytes, only where nothing is: `wx` fails on any existing path, so
 * no file is ever truncated. On an emulated host the file is the host's own.
 */
async function createSparseFile(host: Host, path: string, size: number): Promise<{ remove(): Promise<void> }> {
  if (await host.storage.lookup(path)) throw badInput(msg.pathExists, { object: path, code: 'FILE_EXISTS' });
  if (host.kernel instanceof SimulationKernel) {
    const kernel = host.kernel;
    await kernel.withEmulator(async (emulator) => emulator.addHostFile(path, { kind: 'file', size }));
    return { remove: () => kernel.withEmulator(async (emulator) => emulator.removeHostFile(path)) };
  }
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw badInput(code === 'EEXIST' ? msg.pathExists : msg.cannotCreate((error as Error).message), { object: path, code: 'FILE_EXISTS' });
  }
  try {
    await handle.truncate(size);
  } finally {
    await handle.close();
  }
  return { remove: () => unlink(path).catch(() => undefined) };
}
