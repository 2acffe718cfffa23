/** User-facing texts of the declarative engine, kept apart from the logic. */
import { count } from '../ui/units.js';

export const lockMessages = {
  cannotCreate: (path: string, reason: string) => `cannot create the lock file ${path}: ${reason}`,
  held: (pid: number, command: string, since: string) =>
    `another scstadmin-ts run holds the lock: PID ${pid} (${command || 'unknown command'})${since ? ` since ${since}` : ''}`,
  noFlock: (reason: string) => `util-linux flock is needed to take the lock (${reason})`,
  heldUnknown: (path: string) => `another scstadmin-ts run holds the lock ${path}`,
  heldHint: 'wait for it to finish, or pass --wait SECONDS to wait for it',
  pathHint: 'run as root, or choose writable places with --lock-file and --state-dir',
};

export const journalMessages = {
  found: (pid: number, command: string, started: string, applied: number, total: number) =>
    `an interrupted run left a journal: PID ${pid} (${command}) started ${started} applied ${applied} of ${total} writes`,
  dryRunKeeps: 'the next apply rolls it back (or finishes it with --resume); this plan assumes it stays',
  pending: (run: { journal: string; pid: number; command: string; started: string; begun: number; total: number; undone: number; resumable: boolean }) =>
    `an interrupted run is pending: PID ${run.pid} (${run.command}) started ${run.started} had begun ${run.begun} of ${run.total} writes${run.undone > 0 ? `, ${run.undone} of them undone by a rollback that could not finish` : ''} (journal ${run.journal}); ` +
    `the next apply, reload, start, stop or clear-config first rolls ${run.undone > 0 ? 'the rest' : 'them'} back${run.resumable ? ` (with --resume: writes the other ${run.total - run.begun} instead)` : ''}`,
  planAsLeft: 'this plan is made against the host as that run left it',
  cannotFinishRollback: (pid: number, command: string, left: string[], journal: string) =>
    `the rollback of the interrupted run PID ${pid} (${command}) could not finish; left to undo: ${left.join('; ')}; the journal ${journal} is kept, and the next run tries the rest again`,
  cannotFinishRollbackHint: 'fix what makes the undo fail (`scstadmin-ts diff` shows the host), then run again; remove the journal by hand only once the host is known to be consistent',
  noResumeAfterRollback: 'a rollback of the interrupted run has begun; it can only be rolled back, not resumed',
  noResumeAfterRollbackHint: 'run again without --resume',
  unreadable: (path: string, reason: string) => `the journal ${path} cannot be read: ${reason}`,
  unreadableHint: 'inspect it; remove it by hand once the host is known to be consistent',
  cannotWrite: (path: string, reason: string) => `cannot write the journal ${path}: ${reason}`,
  otherTree: (path: string, journalTree: string, tree: string) => `the interrupted run of ${path} wrote to ${journalTree}, not to ${tree}`,
  otherTreeHint: 'recover it against that tree, or use another --state-dir for this one',
};

export const executorMessages = {
  rolledBack: (writes: number) => `rolled back ${count(writes, 'applied write')}; the host is as it was before`,
  rollbackIncomplete: (failed: string[], journal?: string) =>
    `rollback incomplete, these undo writes failed (left to undo): ${failed.join('; ')}${journal ? `; the journal ${journal} is kept: the next apply (or any run that changes SCST) finishes the rollback` : ''}`,
  rollbackHint: 'fix what made the undo fail, then run apply again; `scstadmin-ts diff` shows what differs now',
  journalFailed: (reason: string, next: string) => `cannot write the journal: ${reason} (before: ${next}); nothing more was written`,
  changedSinceConfirm: 'the host changed while the confirmation was pending; nothing was applied',
  changedHint: 'run the command again',
};

export const applyMessages = {
  noTty: 'this plan removes or re-creates objects and needs confirmation, but there is no terminal to ask on',
  noTtyHint: 'review it with `scstadmin-ts plan`, then pass --yes',
  confirm: (writes: number, destructive: number) => `Apply ${count(writes, 'write')}, ${destructive} of them removing or re-creating something?`,
  aborted: 'aborted; nothing was changed',
  heldOnly: (held: number) => `Nothing applied: ${held} change${held === 1 ? ' needs' : 's need'} --force (see the plan above); the host does not match the file.`,
  heldAfterApply: (held: number) => `${count(held, 'change')} held back: ${held === 1 ? 'it needs' : 'they need'} --force (see the plan above); the host does not match the file yet.`,
  emptyWithPrune: 'the file configures nothing; with --prune that would remove the whole configuration',
  emptyWithPruneHint: 'to remove everything, use: scstadmin-ts clear-config --force',
};

/** What a plan says about what it leaves alone or cannot do. */
export const planMessages = {
  badIscsiName: (problem: string) => `${problem}; initiators (RFC 3720) will not log in to it`,
  notInFile: (what?: string) => `${what ? `${what} ` : ''}is not in the file (--prune removes it)`,
  selfCreatedKept: (driver: string) => `is created by the ${driver} module itself, not in the file; left alone (a file that lists it configures it)`,
  copyManagerLunsKept: (n: number) => `${n === 1 ? '1 LUN' : `${n} LUNs`} not in the file: the copy manager maps each vdisk device by itself; left alone (they go with their device)`,
  valueNotInFile: (name: string, value: string) => `${name} ${value} is not in the file (--prune resets it to the default)`,
  resetToDefault: (name: string, value: string, fallback: string) => `reset ${name} ${value} → ${fallback === '' ? '(empty)' : fallback} (the default; not in the file)`,
  createParamNotInFile: (name: string, value: string) => `${name} ${value} is not in the file (--prune --force re-creates it with the default)`,
  lunParamNotInFile: (name: string, value: string) => `${name} ${value} is not in the file (--prune --force re-maps it with the default)`,
  lunParamsDropped: (device: string, values: string) => `re-map device ${device} without ${values} (not in the file)`,
  lunParamsDiffer: (names: string) => `${names} on the host is not in the file; re-mapping the LUN interrupts its I/O`,
  hardwareKept: 'is a hardware target, not in the file; hardware targets are never removed',
  noSuchAttribute: (name: string) => `has no attribute "${name}" on this host`,
  noSuchAttributeHint: 'check the spelling, or whether the module that provides it is loaded',
  notLoaded: 'is not loaded on this host',
  notLoadedHint: 'load its kernel module first (scstadmin-ts modules load …)',
  daemonAbsent: 'its user-space daemon (iscsi-scstd) is not running',
  daemonAbsentHint: 'start it first: scstadmin-ts daemon start',
  noHardwareTarget: 'does not exist, and this driver cannot create targets (hardware target)',
  noHardwareTargetHint: 'check the port name, or whether the adapter and its driver are loaded',
  undefinedDevice: (device: string) => `uses device ${device}, which neither the file nor the host defines`,
  undefinedDeviceHint: 'define it in a HANDLER section',
};
