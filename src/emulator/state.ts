/**
 * The emulated kernel's state: plain JSON-able data and nothing else. The sysfs tree is never
 * stored; it is generated from this state on every access (see tree/), so the two can never
 * disagree, and `toState`/`fromState` are a structured clone.
 *
 * Records keyed by object name are created with `Object.create(null)`-free plain objects; the
 * helpers in kernel.ts are the only code that adds or removes objects, so cross references
 * (device → its LUN exports, group order, counters) stay consistent.
 */

export type DaemonState = 'running' | 'stopped' | 'absent';

export interface HostFile {
  kind: 'file' | 'block' | 'dir';
  size?: number;
  /** What else holds a block device on the host (`mounted on /`, `LVM member`, `RAID member`):
   *  the setup wizard never offers it. */
  usedBy?: string;
  /** On a read-only file system: it opens for reading only (a read-write open fails EROFS). */
  readOnly?: boolean;
}

interface HostState {
  cpus: number;
  /** `SCST kver:` of the root `version` file. */
  kver: string;
  prDirectory: boolean;
  useRealFileSystem: boolean;
  hostFiles: Record<string, HostFile>;
  scsiDevices: Array<{ hctl: string; type: number; model?: string }>;
  hardwareTargets: string[];
  iscsiDaemon: DaemonState;
}

export interface CoreState {
  setupId: number;
  threads: number;
  maxTaskletCmd: number;
  pollUs: number;
  measureLatency: boolean;
  asyncLunReplace: boolean;
  forceGlobalSgvPool: number;
  clusterName: string;
  suspendCount: number;
  /** Result of the last completed non-read-only work (`last_sysfs_mgmt_res`). */
  lastMgmtRes: number;
  /** Works still "in flight" (debug EAGAIN mode); reads of last_sysfs_mgmt_res fail EAGAIN. */
  pendingWorks: number;
  /** Fault mode of CONFIG_SCST_DEBUG_SYSFS_EAGAIN: every write work answers EAGAIN at first. */
  debugSysfsEagain: boolean;
  /** Read-only works started in that mode (3 of every 4 answer EAGAIN). Absent in old states. */
  readOnlyWorks?: number;
  /** scst_calc_block_shift() has given its one-time WARNING since scst was loaded. */
  blockShiftWarned?: boolean;
  /** trace_level bitmasks, keyed by owner (`` = root, `handler:NAME`, `driver:NAME`). */
  traceLevels: Record<string, number>;
}

interface CounterState {
  /** Next copy-manager LUN (global, never rewound). */
  cmLun: number;
  /** Next automatically assigned rel_tgt_id (never rewound). */
  relTgtId: number;
  /** Last internal device id handed out (shown in attach/detach messages). */
  deviceId?: number;
  /** Free-form counters drivers keep (e.g. iSCSI tid). */
  driver: Record<string, number>;
}

/** A value a handler keeps per device; JSON-able scalars only. */
type AttrScalar = string | number | boolean | null;

export interface DeviceState {
  name: string;
  /** Handler name, or null for a pass-through SCSI device not bound yet. */
  handler: string | null;
  /** SCSI peripheral type (0 disk, 5 cd-rom, …). */
  scsiType: number;
  threadsNum: number;
  threadsPoolType: 'per_initiator' | 'shared';
  maxTgtDevCommands: number;
  numaNodeId: number;
  prFileName: string;
  prFileNameSet: boolean;
  /** Handler-specific values (vdisk: filename, size, blocksize, identities, flags). */
  attrs: Record<string, AttrScalar>;
  /** Names of attributes explicitly written or given at creation (for `[key]` rules). */
  setAttrs: string[];
  /** Next `exportN` number (never reused). */
  nextExport: number;
  /** exportN → the LUN that maps this device. */
  exports: Record<string, LunRef>;
  /** Device group holding this device, if any. */
  deviceGroup: string | null;
  /** Internal id of the SCST device (kernel messages only). */
  id?: number;
  /** Outstanding `block` requests (absent = 0). */
  blocked?: number;
}

export interface LunRef {
  driver: string;
  target: string;
  /** null for the target's default set. */
  group: string | null;
  lun: number;
}

export interface LunState {
  device: string;
  readOnly: boolean;
  /** The device's `exportN` number of this mapping. */
  exportId: number;
}

export interface InitiatorGroupState {
  name: string;
  luns: Record<string, LunState>;
  /** In insertion order (matching order). */
  initiators: string[];
  addrMethod: string;
  ioGroupingType: string;
  blackHole: number;
  cpuMask: string;
  /** Driver-specific values (iSCSI: per_sess_dedicated_tgt_threads). */
  driverData: Record<string, AttrScalar>;
}

export interface SessionState {
  /** Directory name (`IQN`, `IQN_1`, …). */
  name: string;
  initiator: string;
  /** Driver-specific values (iSCSI: sid, connections, negotiated keys). */
  driverData: Record<string, unknown>;
}

export interface TargetState {
  name: string;
  enabled: boolean;
  relTgtId: number;
  comment: string;
  forwardSrc: boolean;
  forwardDst: boolean;
  aenDisabled: boolean;
  addrMethod: string;
  ioGroupingType: string;
  blackHole: number;
  cpuMask: string;
  /** Hardware target (pre-existing, cannot be deleted through mgmt). */
  hardware: boolean;
  luns: Record<string, LunState>;
  /** Creation order matters (session → group matching). */
  groups: InitiatorGroupState[];
  sessions: Record<string, SessionState>;
  driverData: Record<string, unknown>;
}

export interface DriverState {
  name: string;
  targets: Record<string, TargetState>;
  driverData: Record<string, unknown>;
}

export interface TargetGroupMember {
  name: string;
  /** True when a local target of that name existed when it was added (a symlink). */
  local: boolean;
  /** Driver of the local target (for the link text). */
  driver: string | null;
  /** Remote ports only. */
  relTgtId: number;
}

export interface TargetGroupState {
  name: string;
  groupId: number;
  preferred: boolean;
  state: string;
  members: TargetGroupMember[];
}

export interface DeviceGroupState {
  name: string;
  devices: string[];
  targetGroups: TargetGroupState[];
}

export interface EmulatorState {
  format: 'scstadmin-ts-emulator';
  version: 1;
  host: HostState;
  modules: string[];
  core: CoreState;
  counters: CounterState;
  devices: Record<string, DeviceState>;
  drivers: Record<string, DriverState>;
  deviceGroups: DeviceGroupState[];
  /** Every kernel log line so far. */
  log: string[];
  /** Armed fault injections (kept in the state so `simulate fault` survives between commands). */
  faults?: Array<{ remaining: number; errno: string; pathIncludes?: string }>;
  /** Milliseconds every sysfs write waits (a slow kernel); kept like faults. Absent = none. */
  writeDelayMs?: number;
  /** Names this save of the state file; the write log beside it says which save it continues. */
  saveId?: string;
}
