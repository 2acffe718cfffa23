/**
 * The emulated SCST core: owns the state and the operations every part shares — the kernel
 * log, the async work / last_sysfs_mgmt_res model (spec §4), devices, LUN sets and their
 * `exportN` back links, targets, ini groups, sessions and host facts (backing files). Stores in
 * tree/, handlers/ and drivers/ call these so cross references stay consistent.
 */
import { realHostFile } from './host-files.js';
import { KernelError, kfail, negativeErrno } from './kernel-error.js';
import type { HandlerModel, ModuleModel, TargetDriverModel } from './models.js';
import { moduleModel } from './module-registry.js';
import type {
  DeviceState, EmulatorState, HostFile, InitiatorGroupState, LunRef, LunState, SessionState, TargetState,
} from './state.js';
import { negatableWildcardMatch } from './tokenizer.js';

/** Kernel log lines kept (like the kernel's ring buffer, older lines are dropped). */
const KERNEL_LOG_LIMIT = 5000;

/** Thread id shown in SCST's log prefix (varies per boot on a real host; fixed here). */
const LOG_TID = 1000;

export const SCST_MAX_LUN = 16383;

export function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

interface ModelCache {
  key: string;
  modules: ModuleModel[];
  handlers: Map<string, HandlerModel>;
  drivers: Map<string, TargetDriverModel>;
}

export class Kernel {
  /** Lines logged during the current sysfs call (attached to its error, if any). */
  private stepLog: string[] = [];
  private models?: ModelCache;

  constructor(readonly state: EmulatorState) {}

  // ---------------------------------------------------------------- log

  /** A message with SCST's `[tid]: ` prefix, e.g. `scst: Attached to …`. */
  log(message: string): void {
    this.raw(`[${LOG_TID}]: ${message}`);
  }

  /** A message without prefix (other subsystems, WARNING dumps). */
  raw(line: string): void {
    const log = this.state.log;
    log.push(line);
    // Trim in chunks so that a long run does not pay a copy per line.
    if (log.length > KERNEL_LOG_LIMIT + KERNEL_LOG_LIMIT / 5) log.splice(0, log.length - KERNEL_LOG_LIMIT);
    this.stepLog.push(line);
  }

  /** SCST's answer to a verb a mgmt file does not know: a log line and EINVAL. */
  unknownAction(verb: string): never {
    this.log(`scst: ***ERROR***: Unknown action "${verb}"`);
    return kfail('EINVAL');
  }

  /** A word a mgmt command needs (a name): missing → SCST's error line and EINVAL. */
  requireWord(word: string, messageWhenMissing: string): string {
    if (word !== '') return word;
    this.log(`scst: ***ERROR***: ${messageWhenMissing}`);
    return kfail('EINVAL');
  }

  beginStep(): void {
    this.stepLog = [];
  }

  stepLines(): string[] {
    return [...this.stepLog];
  }

  // ---------------------------------------------------------------- modules

  loadedModules(): ModuleModel[] {
    return this.staticModels().modules;
  }

  handlerModels(): HandlerModel[] {
    return [...this.staticModels().handlers.values(), ...this.runtimeHandlers()];
  }

  handlerModel(name: string): HandlerModel | undefined {
    return this.staticModels().handlers.get(name) ?? this.runtimeHandlers().find((h) => h.name === name);
  }

  /** Handlers that come and go with the host's state (scst_user devices), not with a module. */
  private runtimeHandlers(): HandlerModel[] {
    return this.loadedModules().flatMap((m) => m.runtimeHandlers?.(this) ?? []);
  }

  driverModels(): TargetDriverModel[] {
    return [...this.staticModels().drivers.values()];
  }

  driverModel(name: string): TargetDriverModel | undefined {
    return this.staticModels().drivers.get(name);
  }

  /** Models of the loaded modules, looked up once per module set (every sysfs call needs them). */
  private staticModels(): ModelCache {
    const key = this.state.modules.join(',');
    if (this.models?.key !== key) {
      const modules = this.state.modules.map((name) => moduleModel(name)).filter((m): m is ModuleModel => m !== undefined);
      this.models = {
        key,
        modules,
        handlers: new Map(modules.flatMap((m) => m.handlers).map((h) => [h.name, h])),
        drivers: new Map(modules.flatMap((m) => m.drivers).map((d) => [d.name, d])),
      };
    }
    return this.models;
  }

  // ---------------------------------------------------------------- async works (§4)

  /**
   * Run a store as an SCST sysfs work: its result (0 or -errno) becomes last_sysfs_mgmt_res
   * unless the work is read-only. Parse errors inside `fn` count as completed works too.
   */
  work<T>(fn: () => T, options: { readOnly?: boolean } = {}): T {
    if (options.readOnly) return this.readOnlyWork(fn);
    const core = this.state.core;
    let result: T;
    try {
      result = fn();
      core.lastMgmtRes = 0;
    } catch (error) {
      if (error instanceof KernelError) core.lastMgmtRes = negativeErrno(error.errno);
      if (!(error instanceof KernelError) || !core.debugSysfsEagain) throw error;
    }
    if (core.debugSysfsEagain) this.leaveWorkInFlight();
    return result!;
  }

  /**
   * A show SCST runs as a read-only work (vdisk `filename`, target statistics, session
   * `active_commands` and `dif_checks_failed`, root `trace_cmds`/`trace_mcmds`): it never touches
   * last_sysfs_mgmt_res. In debug EAGAIN mode SCST lets only every fourth read-only work
   * finish in time (one counter for all of them); the other reads fail with EAGAIN.
   */
  private readOnlyWork<T>(fn: () => T): T {
    const core = this.state.core;
    if (core.debugSysfsEagain) {
      core.readOnlyWorks = (core.readOnlyWorks ?? 0) + 1;
      if (core.readOnlyWorks % 4 !== 0) this.leaveWorkInFlight();
    }
    return fn();
  }

  /**
   * The caller sees EAGAIN while the work goes on "in the background": last_sysfs_mgmt_res
   * answers EAGAIN once more before the result is known.
   */
  private leaveWorkInFlight(): never {
    this.state.core.pendingWorks++;
    throw new KernelError('EAGAIN');
  }

  // ---------------------------------------------------------------- host

  /** A backing path as the emulated host sees it: virtual host files, then the real fs. */
  hostLookup(path: string): HostFile | undefined {
    const host = this.state.host;
    return host.hostFiles[path] ?? (host.useRealFileSystem ? realHostFile(path) : undefined);
  }

  allCpuMask(): string {
    const cpus = Math.max(1, this.state.host.cpus);
    return formatCpuMask((1n << BigInt(cpus)) - 1n);
  }

  // ---------------------------------------------------------------- devices

  device(name: string): DeviceState | undefined {
    return Object.hasOwn(this.state.devices, name) ? this.state.devices[name] : undefined;
  }

  addDevice(device: DeviceState): void {
    const counters = this.state.counters;
    device.id = counters.deviceId = (counters.deviceId ?? 0) + 1;
    this.state.devices[device.name] = device;
  }

  /** del_device: removes every LUN mapping the device, its DG membership, then the device. */
  removeDevice(name: string): void {
    const device = this.device(name);
    if (!device) return;
    for (const ref of Object.values(device.exports)) this.removeLun(ref);
    if (device.deviceGroup !== null) {
      const group = this.state.deviceGroups.find((g) => g.name === device.deviceGroup);
      if (group) group.devices = group.devices.filter((d) => d !== name);
    }
    delete this.state.devices[name];
  }

  newDevice(name: string, handler: string | null, scsiType: number, defaultThreads: number): DeviceState {
    return {
      name, handler, scsiType,
      threadsNum: defaultThreads,
      threadsPoolType: 'per_initiator',
      maxTgtDevCommands: 64,
      numaNodeId: -1,
      prFileName: `/var/lib/scst/pr/${name}`,
      prFileNameSet: false,
      attrs: record(),
      setAttrs: [],
      nextExport: 0,
      exports: record(),
      deviceGroup: null,
    };
  }

  // ---------------------------------------------------------------- targets

  target(driver: string, name: string): TargetState | undefined {
    const drv = this.state.drivers[driver];
    return drv && Object.hasOwn(drv.targets, name) ? drv.targets[name] : undefined;
  }

  /** Any target of that name over all drivers (ALUA target-group members). */
  findTarget(name: string): { driver: string; target: TargetState } | undefined {
    for (const [driver, drv] of Object.entries(this.state.drivers)) {
      if (Object.hasOwn(drv.targets, name)) return { driver, target: drv.targets[name]! };
    }
    return undefined;
  }

  ensureDriverState(driver: string): void {
    if (!this.state.drivers[driver]) {
      this.state.drivers[driver] = { name: driver, targets: record(), driverData: record() };
    }
  }

  createTarget(driver: string, name: string, options: { hardware?: boolean } = {}): TargetState {
    this.ensureDriverState(driver);
    const target: TargetState = {
      name,
      enabled: false,
      relTgtId: 0,
      comment: '',
      forwardSrc: false,
      forwardDst: false,
      aenDisabled: false,
      addrMethod: 'PERIPHERAL',
      ioGroupingType: 'auto',
      blackHole: 0,
      cpuMask: this.allCpuMask(),
      hardware: options.hardware ?? false,
      luns: record(),
      groups: [],
      sessions: record(),
      driverData: record(),
    };
    this.state.drivers[driver]!.targets[name] = target;
    return target;
  }

  /** Removes a target with its LUNs, groups and sessions, and its ALUA target-group links. */
  removeTarget(driver: string, name: string): void {
    const target = this.target(driver, name);
    if (!target) return;
    const silent = { silent: true };
    for (const lun of Object.keys(target.luns)) this.removeLun({ driver, target: name, group: null, lun: Number(lun) }, silent);
    for (const group of target.groups) {
      for (const lun of Object.keys(group.luns)) {
        this.removeLun({ driver, target: name, group: group.name, lun: Number(lun) }, silent);
      }
    }
    for (const dg of this.state.deviceGroups) {
      for (const tg of dg.targetGroups) tg.members = tg.members.filter((m) => !(m.local && m.name === name && m.driver === driver));
    }
    delete this.state.drivers[driver]!.targets[name];
  }

  /** Next free rel_tgt_id from the global counter (ids of enabled targets are skipped). */
  assignRelTgtId(): number {
    const used = new Set<number>();
    for (const drv of Object.values(this.state.drivers)) {
      for (const t of Object.values(drv.targets)) if (t.enabled && t.relTgtId) used.add(t.relTgtId);
    }
    let id = this.state.counters.relTgtId;
    while (used.has(id)) id = id >= 65535 ? 1 : id + 1;
    this.state.counters.relTgtId = id >= 65535 ? 1 : id + 1;
    return id;
  }

  // ---------------------------------------------------------------- LUN sets

  group(target: TargetState, name: string): InitiatorGroupState | undefined {
    return target.groups.find((g) => g.name === name);
  }

  lunSet(ref: Omit<LunRef, 'lun'>): Record<string, LunState> {
    const target = this.target(ref.driver, ref.target);
    if (!target) return kfail('ENOENT');
    if (ref.group === null) return target.luns;
    const group = this.group(target, ref.group);
    if (!group) return kfail('ENOENT');
    return group.luns;
  }

  addLun(ref: LunRef, deviceName: string, readOnly: boolean): void {
    const device = this.device(deviceName);
    if (!device) return kfail('EINVAL');
    const set = this.lunSet(ref);
    const exportId = device.nextExport++;
    set[String(ref.lun)] = { device: deviceName, readOnly, exportId };
    device.exports[String(exportId)] = { ...ref };
  }

  /** Unmap a LUN; `silent` when its whole set goes away (SCST then logs nothing per LUN). */
  removeLun(ref: LunRef, options: { silent?: boolean } = {}): void {
    const set = this.lunSet(ref);
    const lun = set[String(ref.lun)];
    if (!lun) return;
    delete set[String(ref.lun)];
    if (!options.silent) this.log(`scst: Removed LUN ${ref.lun} from group ${ref.group ?? ref.target} (target ${ref.target})`);
    const device = this.device(lun.device);
    if (device) delete device.exports[String(lun.exportId)];
  }

  // ---------------------------------------------------------------- sessions

  /** A session name not used in the target: NAME, NAME_1, NAME_2, … */
  freeSessionName(target: TargetState, base: string, taken: ReadonlySet<string> = new Set()): string {
    if (!Object.hasOwn(target.sessions, base) && !taken.has(base)) return base;
    for (let n = 1; ; n++) {
      const candidate = `${base}_${n}`;
      if (!Object.hasOwn(target.sessions, candidate) && !taken.has(candidate)) return candidate;
    }
  }

  createSession(target: TargetState, initiator: string, name = this.freeSessionName(target, initiator)): SessionState {
    const session: SessionState = { name, initiator, driverData: record() };
    target.sessions[name] = session;
    return session;
  }

  removeSession(target: TargetState, sessionName: string): void {
    delete target.sessions[sessionName];
  }

  /**
   * The ini group an initiator's session uses, or null for the target's default LUN set: the
   * first group (creation order) holding an entry (in the order added) that matches the name.
   * Every entry decides on its own, as SCST's `scst_find_tgt_acg_by_name_wild()` does: a
   * `!pattern` entry matches every name the pattern does not, and it does not veto another
   * entry of its group. Computed on demand, which is what SCST's re-evaluation after every
   * initiator change amounts to.
   */
  groupForInitiator(target: TargetState, initiator: string): InitiatorGroupState | null {
    return target.groups.find((group) => group.initiators.some((entry) => negatableWildcardMatch(entry, initiator))) ?? null;
  }

  sessionLuns(target: TargetState, session: SessionState): Record<string, LunState> {
    const group = this.groupForInitiator(target, session.initiator);
    return group ? group.luns : target.luns;
  }
}

/** Kernel `%*pb` bitmap text: 32-bit hex words, comma separated, leading zero words dropped. */
export function formatCpuMask(mask: bigint): string {
  const words: string[] = [];
  let rest = mask;
  do {
    words.unshift((rest & 0xffffffffn).toString(16));
    rest >>= 32n;
  } while (rest > 0n);
  return words.map((w, i) => (i === 0 ? w : w.padStart(8, '0'))).join(',');
}

