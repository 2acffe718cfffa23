/**
 * The extension points: a kernel module contributes device handlers and target drivers, each
 * described by a model object. The core (kernel.ts, tree/) owns the common sysfs layout and the
 * shared objects (devices, targets, LUN sets, groups, sessions); a model adds what is specific to
 * it: its mgmt grammar, its extra files, and hooks called at the points where the real kernel
 * calls into a handler or driver. See README.md for how to plug one in.
 */
import type { Kernel } from './kernel.js';
import type { Node } from './nodes.js';
import type { DeviceState, SessionState, TargetState } from './state.js';

export interface HandlerModel {
  name: string;
  /** SCSI peripheral type, shown in `handlers/H/type` with its description (scsi-types.ts). */
  scsiType: number;
  /** `handlers/H/type` text when it is not the standard one of scsiType (scsi-types.ts). */
  typeText?: string;
  /** Extra trace_level tokens (null: the handler has no trace_level file). */
  traceTokens: string[] | null;
  /** Help text of `handlers/H/mgmt`; undefined: the handler has no mgmt file. */
  mgmtUsage?(k: Kernel): string;
  /** Handle one mgmt write (already inside a work); throw KernelError to fail. */
  mgmt?(k: Kernel, data: string): void;
  /** Handler-specific files of a device bound to this handler. */
  deviceFiles(k: Kernel, device: DeviceState): Record<string, Node | (() => Node) | undefined>;
  /** Default threads_num (≥ 0 means the device has threads_num/threads_pool_type files). */
  defaultThreads: number;
  /** Devices of this handler are auto-added as copy-manager LUNs. */
  copyManagerAuto: boolean;
  /** The device is read-only as a whole (LUN read_only shows 1). */
  deviceReadOnly?(device: DeviceState): boolean;
}

export interface LoginOptions {
  driver?: string;
  address?: string;
  /** CHAP credentials the initiator presents (iSCSI targets with IncomingUser demand them). */
  chap?: { user: string; secret: string };
}

export interface TargetDriverModel {
  name: string;
  /** Prefix of the driver's own kernel messages (default: the driver name; iSCSI: `iscsi-scst`). */
  logPrefix?: string;
  /** Extra trace_level tokens (null: no trace_level file). */
  traceTokens: string[] | null;
  /** Targets have an `enabled` file. */
  hasEnabled: boolean;
  /** Sessions have `force_close`. */
  canCloseSession: boolean;
  /** DIF-capable (dif_capabilities files). */
  dif: boolean;
  /** Help text of the driver's mgmt; undefined: no mgmt file. */
  mgmtUsage?(k: Kernel): string;
  /**
   * `add_target NAME rest` (rest = the unparsed remainder). Must create the target through
   * `k.createTarget` or throw. Called inside a work.
   */
  addTarget?(k: Kernel, name: string, rest: string): void;
  /** Called before the core removes a target (`del_target`); throw to refuse (e.g. EBUSY). */
  beforeDelTarget?(k: Kernel, target: TargetState): void;
  /** Verbs other than add_target/del_target (iSCSI attributes, scst_local sessions). */
  mgmt?(k: Kernel, verb: string, lexerRest: string, data: string): void;
  /** Driver-level files besides mgmt/trace_level/targets. */
  driverFiles?(k: Kernel): Record<string, Node | (() => Node) | undefined>;
  /** Whether `targets/DRV/T` directories are visible (iSCSI hides them without a daemon). */
  targetsVisible?(k: Kernel): boolean;
  /** Files a target adds to the core set. */
  targetFiles?(k: Kernel, target: TargetState): Record<string, Node | (() => Node) | undefined>;
  /** Files a session adds to the core set. */
  sessionFiles?(k: Kernel, target: TargetState, session: SessionState): Record<string, Node | (() => Node) | undefined>;
  /** Driver part of enabling/disabling a target (after the core rel_tgt_id checks). */
  setTargetEnabled?(k: Kernel, target: TargetState, enabled: boolean): void;
  /** Driver-specific attributes of an ini group (iSCSI: per_sess_dedicated_tgt_threads). */
  groupFiles?(k: Kernel, target: TargetState, group: string): Record<string, Node | (() => Node) | undefined>;
  /** Close a session (force_close); default removes it at once. */
  closeSession?(k: Kernel, target: TargetState, session: SessionState): void;
  /** An initiator logs in (host control); return the session. Default: `k.createSession`. */
  login?(k: Kernel, target: TargetState, initiator: string, options: LoginOptions): SessionState;
  /** An initiator logs out (host control). Default: `k.removeSession`. */
  logout?(k: Kernel, target: TargetState, session: SessionState): void;
  /** iscsi-scstd state changed (host control). */
  daemonChanged?(k: Kernel, previous: string, next: string): void;
}

/** What loading a kernel module adds. */
export interface ModuleModel {
  name: string;
  /** Modules that must be loaded first. */
  requires: string[];
  /** Other names modprobe finds it by (modules.alias): `crc32c` for crc32c_generic. */
  aliases?: string[];
  handlers: HandlerModel[];
  /** Handlers that come and go at run time (scst_user registers one per user-space device). */
  runtimeHandlers?(k: Kernel): HandlerModel[];
  drivers: TargetDriverModel[];
  /** Objects the module creates at load (scst_local's default target, hardware targets…). */
  onLoad?(k: Kernel): void;
  /** Refuse unloading (throw KernelError EBUSY) while objects are in use; clean up otherwise. */
  onUnload?(k: Kernel): void;
}
