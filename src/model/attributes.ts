/**
 * What SCST's attributes are: one table per object kind, declared the way nvmetcli declares its
 * object model, so that the planner, check-config, the live reader and the IET converter all
 * ask the same question and get the same answer.
 *
 * API (keep it small):
 * - `attributeSpec(kind, owner, name)` → the spec of one attribute, or undefined when the table
 *   does not know it. `owner` is the handler name for `device`/`handler`, the driver name for
 *   `driver`/`target`/`group`/`lun`, and ignored for the other kinds. Numbered instances of a
 *   multi-valued attribute (`IncomingUser1`, `allowed_portal2`) resolve to the base spec.
 * - `attributeSpecs(kind, owner)` → every attribute the table knows for that object.
 * - `creationParams(kind, owner)` → the names passed in `add_device` / `add_target` / LUN `add`,
 *   exactly what the kernel's mgmt help advertises (the Perl tool splits a body with this list).
 * - `dynamicAttributes(kind, owner)` → the names added value by value through the driver's mgmt
 *   file (`add_attribute` / `add_target_attribute`).
 * - `isKnownOwner(kind, owner)` → whether the table describes that handler or driver completely;
 *   for out-of-tree handlers and drivers unknown attributes are expected, not mistakes.
 *
 * Sources: the sysfs reference (§1, §2.5, §5.2, §5.5, §6.2–6.4); values are the kernel's texts.
 */

export type ObjectKind =
  | 'root' | 'handler' | 'device' | 'driver' | 'target' | 'group' | 'lun'
  | 'alua' | 'deviceGroup' | 'targetGroup' | 'tgMember';

/** How a value is written and checked. Numbers are kernel texts (`0x10`, `010` is octal). */
export type ValueType =
  /** kstrtoul/kstrtol, base 0; `min`/`max` inclusive. */
  | { kind: 'number'; min?: number; max?: number; signed?: boolean }
  /** iSCSI daemon numbers: plain decimal in range. */
  | { kind: 'decimal'; min: number; max: number }
  /** `0` or `1`. */
  | { kind: 'flag' }
  | { kind: 'enum'; values: readonly string[]; caseSensitive: boolean }
  | { kind: 'text'; maxLength?: number }
  /** An absolute path. */
  | { kind: 'path' }
  /** Comma list of `None`/`CRC32C` without blanks. */
  | { kind: 'digest' }
  /** `name secret` (CHAP). */
  | { kind: 'chapUser' }
  /** An address or wildcard pattern, one token. */
  | { kind: 'portal' }
  /** Kernel hex bitmap, e.g. `ff` or `ffffffff,ffffffff`. */
  | { kind: 'cpuMask' }
  /** `auto`, `this_group_only`, `never` or a positive group number. */
  | { kind: 'ioGrouping' }
  /** EUI-64 style id: optional 0x and 16/24/32 hex digits, or empty. */
  | { kind: 'eui64' }
  /** NAA id: 16 hex digits starting 2/3/5, or 32 starting 6, or empty. */
  | { kind: 'naa' }
  /** `|`-separated subset of tgt, scst, dev_check, dev_store. */
  | { kind: 'difMode' }
  /** A logical block size: 0 (meaning 512) or at least 512; not a power of two is rounded down. */
  | { kind: 'blockSize' };

export interface AttributeSpec {
  name: string;
  type: ValueType;
  /** May be given at creation (`add_device`, `add_target`, LUN `add` parameter). */
  create: boolean;
  /** Its sysfs file (or the driver's dynamic-attribute verbs) can change it afterwards. */
  writable: boolean;
  /** The kernel's default text, where there is one. */
  default?: string;
  /** When the kernel marks it `[key]` (so scstadmin saves it), in words. */
  key?: string;
  /** Several values at once, one statement per value in scst.conf. */
  multi?: boolean;
  /** Added/removed value by value through the driver's mgmt file. */
  dynamic?: boolean;
  /** Holds a CHAP secret: never printed unless asked for. */
  secret?: boolean;
  /** The kernel refuses some changes while the target is enabled. */
  needsDisabledTarget?: boolean;
  /** Anything an admin must know that the type cannot say. */
  note?: string;
}

type Opt = Partial<Omit<AttributeSpec, 'name' | 'type'>>;

function rw(name: string, type: ValueType, opt: Opt = {}): AttributeSpec {
  return { name, type, create: false, writable: true, ...opt };
}
function ro(name: string, type: ValueType, opt: Opt = {}): AttributeSpec {
  return { name, type, create: false, writable: false, ...opt };
}

const FLAG: ValueType = { kind: 'flag' };
const TEXT: ValueType = { kind: 'text' };
const UINT: ValueType = { kind: 'number', min: 0 };
const YES_NO: ValueType = { kind: 'enum', values: ['Yes', 'No'], caseSensitive: true };
const dec = (min: number, max: number): ValueType => ({ kind: 'decimal', min, max });

// --- SCST core (files in the SCST root) -----------------------------------------------------

const ROOT: AttributeSpec[] = [
  rw('setup_id', UINT, { default: '0x0', key: 'not 0' }),
  rw('threads', { kind: 'number', min: 1, signed: true }, { key: 'differs from the module parameter' }),
  rw('max_tasklet_cmd', UINT, { default: '10', key: 'not 10' }),
  rw('poll_us', UINT, { default: '0', key: 'not 0' }),
  rw('suspend', { kind: 'number', signed: true }, { default: '0', key: 'never', note: 'a runtime control, not configuration' }),
  rw('measure_latency', FLAG, { default: '0', key: 'never' }),
  rw('async_lun_replace', FLAG, { default: '0', key: 'never' }),
  rw('force_global_sgv_pool', UINT, { default: '0', key: 'not 0' }),
  rw('cluster_name', { kind: 'text', maxLength: 63 }, { default: '', key: 'when set' }),
  ro('version', TEXT),
  ro('last_sysfs_mgmt_res', TEXT),
  ro('trace_cmds', TEXT),
  ro('trace_mcmds', TEXT),
  rw('trace_level', TEXT, { key: 'never', note: 'never saved or compared' }),
];

// --- Devices ---------------------------------------------------------------------------------

/** Files every SCST device has (core), whatever its handler. */
const DEVICE_CORE: AttributeSpec[] = [
  ro('type', TEXT),
  rw('max_tgt_dev_commands', UINT, { key: 'differs from the handler default (64 for vdisk)' }),
  rw('numa_node_id', { kind: 'number', min: -1, signed: true }, { default: '-1', key: 'not -1' }),
  rw('threads_num', UINT, { key: 'differs from the handler default' }),
  rw('threads_pool_type', { kind: 'enum', values: ['per_initiator', 'shared'], caseSensitive: true }, { default: 'per_initiator', key: 'differs from the handler default' }),
  rw('pr_file_name', { kind: 'path' }, { key: 'explicitly set' }),
  rw('pr_state', TEXT, { key: 'never', note: 'persistent-reservation state, not configuration' }),
  rw('block', TEXT, { key: 'never', note: 'a runtime control, not configuration' }),
  ro('dif_mode', { kind: 'difMode' }, { key: 'not None' }),
  ro('dif_type', { kind: 'number', min: 0, max: 3 }, { key: 'not 0' }),
  rw('dif_static_app_tag', UINT, { default: '0', key: 'not 0' }),
  ro('dif_filename', { kind: 'path' }),
];

type Access = 'RO' | 'RW' | 'WO' | '-';
/** The vdisk attribute table (§5.5): access per handler, in the order fileio, blockio, nullio, vcdrom. */
const VDISK_ROWS: Array<[string, ValueType, [Access, Access, Access, Access], Opt]> = [
  ['size', UINT, ['RO', 'RW', 'RW', 'RO'], { key: 'always, except nullio at its default' }],
  ['size_mb', UINT, ['RO', 'RW', 'RW', 'RO'], { key: 'never' }],
  ['blocksize', { kind: 'blockSize' }, ['RO', 'RO', 'RO', '-'], { default: '512', key: 'not 512', note: '0 means 512; not a power of two is rounded down' }],
  ['opt_trans_len', UINT, ['RW', 'RW', 'RW', '-'], { default: '524288', key: 'once written' }],
  ['read_only', FLAG, ['RO', 'RO', 'RO', '-'], { default: '0', key: 'not 0' }],
  ['write_through', FLAG, ['RO', 'RO', '-', '-'], { default: '0', key: 'not 0' }],
  ['nv_cache', FLAG, ['RO', 'RO', '-', '-'], { default: '0', key: 'not 0' }],
  ['o_direct', FLAG, ['RO', '-', '-', '-'], { default: '0', key: 'not 0', note: 'needs async=1' }],
  ['async', FLAG, ['RW', '-', '-', '-'], { default: '0', key: '1' }],
  ['thin_provisioned', FLAG, ['RO', 'RO', '-', '-'], { default: '0', key: 'given at creation' }],
  ['tst', { kind: 'number', min: 0, max: 1 }, ['RO', 'RO', 'RO', 'RO'], { default: '1', key: 'not 1' }],
  ['rotational', FLAG, ['RO', 'RO', 'RO', '-'], { default: '1', key: 'not 1' }],
  ['removable', FLAG, ['RO', 'RO', 'RO', '-'], { default: '0', key: 'not 0' }],
  ['expl_alua', UINT, ['RW', 'RW', '-', '-'], { default: '0', key: 'not 0' }],
  ['active', FLAG, ['RW', 'RW', '-', '-'], { default: '1', key: 'not 1' }],
  ['bind_alua_state', UINT, ['RW', 'RW', '-', '-'], { key: 'differs from the handler default (fileio 0, blockio 1)' }],
  ['filename', { kind: 'path' }, ['RW', 'RW', '-', 'RW'], { key: 'when a file is set', note: 'fileio/blockio: writable only while active=0; vcdrom: writing inserts media' }],
  ['cluster_mode', FLAG, ['RW', 'RW', 'RW', '-'], { default: '0', key: '1' }],
  ['resync_size', TEXT, ['WO', 'WO', '-', '-'], { note: 'write-only trigger' }],
  ['sync', TEXT, ['WO', 'WO', '-', '-'], { note: 'write-only trigger' }],
  ['dummy', FLAG, ['-', '-', 'RO', '-'], { default: '0', key: 'not 0' }],
  ['read_zero', FLAG, ['-', '-', 'RW', '-'], { default: '0', key: 'not 0' }],
  ['lb_per_pb_exp', FLAG, ['RW', 'RW', '-', '-'], { default: '1', key: 'not 1' }],
  ['t10_vend_id', { kind: 'text', maxLength: 8 }, ['RW', 'RW', 'RW', 'RW'], { key: 'once written' }],
  ['vend_specific_id', { kind: 'text', maxLength: 128 }, ['RW', 'RW', 'RW', 'RW'], { key: 'once written' }],
  ['prod_id', { kind: 'text', maxLength: 16 }, ['RW', 'RW', 'RW', 'RW'], { key: 'once written' }],
  ['prod_rev_lvl', { kind: 'text', maxLength: 4 }, ['RW', 'RW', 'RW', 'RW'], { key: 'once written' }],
  ['scsi_device_name', { kind: 'text', maxLength: 256 }, ['RW', 'RW', 'RW', 'RW'], { key: 'not empty' }],
  ['t10_dev_id', { kind: 'text', maxLength: 25 }, ['RW', 'RW', 'RW', 'RW'], { key: 'once written', note: 'refused in cluster_mode' }],
  ['usn', { kind: 'text', maxLength: 20 }, ['RW', 'RW', 'RW', 'RW'], { key: 'once written' }],
  ['eui64_id', { kind: 'eui64' }, ['RW', 'RW', 'RW', 'RW'], { key: 'not empty' }],
  ['naa_id', { kind: 'naa' }, ['RW', 'RW', 'RW', 'RW'], { key: 'not empty' }],
  ['inq_vend_specific', { kind: 'text', maxLength: 160 }, ['RW', 'RW', 'RW', 'RW'], { key: 'not empty' }],
];

/** Creation parameters exactly as each vdisk handler's mgmt help advertises them (§5.2). */
const VDISK_CREATE: Record<string, readonly string[]> = {
  vdisk_fileio: ['active', 'async', 'bind_alua_state', 'blocksize', 'cluster_mode', 'dif_filename', 'dif_mode', 'dif_static_app_tag', 'dif_type', 'filename', 'numa_node_id', 'nv_cache', 'o_direct', 'read_only', 'removable', 'rotational', 'thin_provisioned', 'tst', 't10_dev_id', 'write_through'],
  vdisk_blockio: ['active', 'bind_alua_state', 'blocksize', 'cluster_mode', 'dif_filename', 'dif_mode', 'dif_static_app_tag', 'dif_type', 'filename', 'numa_node_id', 'nv_cache', 'read_only', 'removable', 'rotational', 'thin_provisioned', 'tst', 't10_dev_id', 'write_through'],
  vdisk_nullio: ['blocksize', 'cluster_mode', 'dif_mode', 'dif_static_app_tag', 'dif_type', 'dummy', 'numa_node_id', 'read_only', 'removable', 'rotational', 'size', 'size_mb', 'tst', 't10_dev_id'],
  vcdrom: ['tst'],
};
const VDISK_HANDLERS = ['vdisk_fileio', 'vdisk_blockio', 'vdisk_nullio', 'vcdrom'] as const;

/** Pass-through handlers: devices are SCSI addresses H:C:I:L, no creation parameters. */
export const PASSTHROUGH_HANDLERS: readonly string[] = [
  'dev_disk', 'dev_disk_perf', 'dev_tape', 'dev_tape_perf', 'dev_cdrom', 'dev_changer',
  'dev_processor', 'dev_raid', 'dev_modisk', 'dev_modisk_perf',
];

function vdiskDeviceSpecs(handler: (typeof VDISK_HANDLERS)[number]): AttributeSpec[] {
  const column = VDISK_HANDLERS.indexOf(handler);
  const create = new Set(VDISK_CREATE[handler]);
  const specs = new Map<string, AttributeSpec>();
  for (const spec of DEVICE_CORE) specs.set(spec.name, { ...spec, create: create.has(spec.name) });
  for (const [name, type, access, opt] of VDISK_ROWS) {
    const a = access[column];
    if (a === '-' && !create.has(name)) continue;
    specs.set(name, { name, type, create: create.has(name), writable: a === 'RW' || a === 'WO', ...opt });
  }
  // Creation parameters that have no file of their own until used (DIF) still need a spec.
  for (const name of create) {
    if (!specs.has(name)) specs.set(name, { name, type: TEXT, create: true, writable: false });
  }
  return [...specs.values()];
}

// --- Targets, groups, LUNs --------------------------------------------------------------------

const ADDR_METHOD: ValueType = { kind: 'enum', values: ['PERIPHERAL', 'FLAT', 'LUN'], caseSensitive: false };

/** Attributes shared by targets and initiator groups (§2.5). */
const ACCESS_CONTROL: AttributeSpec[] = [
  rw('addr_method', ADDR_METHOD, { default: 'PERIPHERAL', key: 'not PERIPHERAL' }),
  rw('io_grouping_type', { kind: 'ioGrouping' }, { default: 'auto', key: 'not auto' }),
  rw('black_hole', { kind: 'number', min: 0, max: 4 }, { default: '0', key: 'never' }),
  rw('cpu_mask', { kind: 'cpuMask' }, { key: 'not the all-CPUs mask' }),
];

const TARGET_CORE: AttributeSpec[] = [
  ...ACCESS_CONTROL,
  rw('rel_tgt_id', { kind: 'number', min: 0, max: 65535 }, {
    default: '0', key: 'not 0', needsDisabledTarget: true,
    note: '0, or an id another enabled target uses, only while the target is disabled',
  }),
  rw('enabled', FLAG, { key: 'never (saved anyway)' }),
  rw('comment', TEXT, { default: '', key: 'when set' }),
  rw('forward_src', FLAG, { default: '0', key: '1' }),
  rw('forward_dst', FLAG, { default: '0', key: '1' }),
  rw('forwarding', FLAG, { default: '0', key: '1', note: 'alias of forward_dst' }),
  rw('aen_disabled', FLAG, { default: '0', key: '1' }),
  ro('sg_tablesize', UINT),
  ro('hw_target', FLAG),
  ro('dif_capabilities', TEXT),
  rw('dif_checks_failed', TEXT, { key: 'never' }),
];

const ISCSI_SESSION_KEY = 'applies to sessions negotiated later';
const ISCSI_TARGET: AttributeSpec[] = [
  ro('tid', UINT),
  rw('InitialR2T', YES_NO, { default: 'No', key: 'not the default', note: ISCSI_SESSION_KEY }),
  rw('ImmediateData', YES_NO, { default: 'Yes', key: 'not the default', note: ISCSI_SESSION_KEY }),
  rw('MaxRecvDataSegmentLength', dec(512, 1048576), { default: '1048576', key: 'not the default', note: ISCSI_SESSION_KEY }),
  rw('MaxXmitDataSegmentLength', dec(512, 1048576), { default: '1048576', key: 'not the default', note: ISCSI_SESSION_KEY }),
  rw('MaxBurstLength', dec(512, 1048576), { default: '1048576', key: 'not the default', note: ISCSI_SESSION_KEY }),
  rw('FirstBurstLength', dec(512, 1048576), { default: '65536', key: 'not the default', note: ISCSI_SESSION_KEY }),
  rw('MaxOutstandingR2T', dec(1, 65535), { default: '32', key: 'not the default', note: ISCSI_SESSION_KEY }),
  rw('HeaderDigest', { kind: 'digest' }, { default: 'None', key: 'not the default', note: ISCSI_SESSION_KEY }),
  rw('DataDigest', { kind: 'digest' }, { default: 'None', key: 'not the default', note: ISCSI_SESSION_KEY }),
  rw('RDMAExtensions', YES_NO, { default: 'No', key: 'not the default', note: ISCSI_SESSION_KEY }),
  rw('QueuedCommands', dec(1, 2048), { default: '32', key: 'not the default' }),
  rw('RspTimeout', dec(2, 65535), { default: '90', key: 'not the default' }),
  rw('NopInInterval', dec(0, 65535), { default: '30', key: 'not the default' }),
  rw('NopInTimeout', dec(2, 65535), { default: '30', key: 'not the default' }),
  rw('MaxSessions', dec(0, 65535), { default: '0', key: 'not the default' }),
  rw('per_portal_acl', FLAG, { default: '0', key: '1' }),
  rw('redirect', TEXT, { default: '', key: 'when set' }),
  rw('alias', TEXT, { default: '', key: 'when set' }),
  rw('IncomingUser', { kind: 'chapUser' }, { multi: true, dynamic: true, secret: true, key: 'always' }),
  rw('OutgoingUser', { kind: 'chapUser' }, { multi: true, dynamic: true, secret: true, key: 'always', note: 'at most one; delete the old one before adding another' }),
  rw('allowed_portal', { kind: 'portal' }, { multi: true, dynamic: true, key: 'always' }),
];

const ISCSI_DRIVER: AttributeSpec[] = [
  rw('enabled', FLAG, { default: '0', key: 'never (saved anyway)' }),
  rw('iSNSServer', TEXT, { default: '', key: 'when set' }),
  rw('isns_entity_name', TEXT, { default: '', key: 'never' }),
  rw('link_local', FLAG, { default: '1', key: 'not 1' }),
  rw('internal_portal', TEXT, { default: '', key: 'when set' }),
  rw('IncomingUser', { kind: 'chapUser' }, { multi: true, dynamic: true, secret: true, key: 'always' }),
  rw('OutgoingUser', { kind: 'chapUser' }, { multi: true, dynamic: true, secret: true, key: 'always', note: 'at most one; delete the old one before adding another' }),
  ro('version', TEXT),
  ro('open_state', { kind: 'enum', values: ['closed', 'open', 'closing'], caseSensitive: true }),
  rw('trace_level', TEXT, { key: 'never' }),
];

interface DriverTable {
  driver: AttributeSpec[];
  target: AttributeSpec[];
  group: AttributeSpec[];
  targetCreate: readonly string[];
  /** The table lists every attribute this driver has. */
  complete: boolean;
  /**
   * Targets the kernel module creates by itself when it loads (not through mgmt): a file that
   * does not mention them is silent about them, not asking for their removal.
   */
  selfCreated?: readonly string[];
}

const DRIVERS: Record<string, DriverTable> = {
  iscsi: {
    driver: ISCSI_DRIVER,
    target: [...TARGET_CORE, ...ISCSI_TARGET],
    group: [...ACCESS_CONTROL, rw('per_sess_dedicated_tgt_threads', FLAG, { default: '0', key: '1' })],
    targetCreate: [],
    complete: true,
  },
  copy_manager: {
    driver: [rw('allow_not_connected_copy', FLAG, { default: '0', key: 'not 0' }), ro('dif_capabilities', TEXT)],
    target: TARGET_CORE.filter((s) => s.name !== 'enabled'),
    group: [],
    targetCreate: [],
    complete: true,
    selfCreated: ['copy_manager_tgt'],
  },
  scst_local: {
    driver: [ro('stats', TEXT), ro('version', TEXT), rw('trace_level', TEXT, { key: 'never' })],
    target: [
      ...TARGET_CORE.filter((s) => s.name !== 'enabled'),
      rw('phys_transport_version', UINT, { default: '0x0', key: 'not 0' }),
      rw('scsi_transport_version', UINT, { default: '0xbe0', key: 'not the default' }),
      { ...ro('session_name', TEXT), create: true, multi: true, note: 'sessions of the target; used only when the target is created' },
    ],
    group: ACCESS_CONTROL,
    targetCreate: ['session_name'],
    complete: true,
    // the module's add_default_tgt parameter (on by default), with its session scst_local_host
    selfCreated: ['scst_local_tgt'],
  },
  qla2x00t: {
    driver: [],
    target: [
      ...TARGET_CORE,
      { ...ro('node_name', TEXT), create: true, note: 'NPIV targets only' },
      { ...ro('parent_host', TEXT), create: true, note: 'NPIV targets only' },
    ],
    group: ACCESS_CONTROL,
    targetCreate: ['node_name', 'parent_host'],
    complete: false,
  },
};

const LUN: AttributeSpec[] = [{ ...ro('read_only', FLAG), create: true, default: '0', key: 'the LUN or its device is read-only' }];

// --- ALUA -------------------------------------------------------------------------------------

const TARGET_GROUP: AttributeSpec[] = [
  rw('group_id', { kind: 'number', min: 1, max: 65535 }, { key: 'always' }),
  rw('preferred', FLAG, { default: '0', key: '1' }),
  rw('state', { kind: 'enum', values: ['active', 'nonoptimized', 'standby', 'unavailable', 'offline', 'transitioning'], caseSensitive: true }, { default: 'active', key: 'always' }),
];
const TG_MEMBER: AttributeSpec[] = [rw('rel_tgt_id', { kind: 'number', min: 1, max: 65535 }, { key: 'always', note: 'remote (other node) members only' })];

const HANDLER: AttributeSpec[] = [rw('trace_level', TEXT, { key: 'never' }), ro('type', TEXT)];

// --- Lookups ----------------------------------------------------------------------------------

const VDISK_TABLES = new Map<string, AttributeSpec[]>(VDISK_HANDLERS.map((h) => [h, vdiskDeviceSpecs(h)]));

function table(kind: ObjectKind, owner: string | undefined): { specs: readonly AttributeSpec[]; known: boolean } {
  switch (kind) {
    case 'root':
      return { specs: ROOT, known: true };
    case 'handler': {
      const known = owner !== undefined && (VDISK_TABLES.has(owner) || PASSTHROUGH_HANDLERS.includes(owner));
      return { specs: known ? HANDLER : [], known };
    }
    case 'device': {
      const vdisk = owner === undefined ? undefined : VDISK_TABLES.get(owner);
      if (vdisk) return { specs: vdisk, known: true };
      return { specs: DEVICE_CORE, known: owner !== undefined && PASSTHROUGH_HANDLERS.includes(owner) };
    }
    case 'driver': {
      const d = owner === undefined ? undefined : DRIVERS[owner];
      return { specs: d?.driver ?? [], known: d?.complete ?? false };
    }
    case 'target': {
      const d = owner === undefined ? undefined : DRIVERS[owner];
      return { specs: d?.target ?? TARGET_CORE, known: d?.complete ?? false };
    }
    case 'group': {
      const d = owner === undefined ? undefined : DRIVERS[owner];
      return { specs: d?.group ?? ACCESS_CONTROL, known: d?.complete ?? false };
    }
    case 'lun':
      return { specs: LUN, known: true };
    case 'alua':
      // No in-tree ALUA directory attribute is settable; keep an open mind for newer kernels.
      return { specs: [], known: false };
    case 'deviceGroup':
      return { specs: [], known: false };
    case 'targetGroup':
      return { specs: TARGET_GROUP, known: true };
    case 'tgMember':
      return { specs: TG_MEMBER, known: true };
  }
}

export function attributeSpecs(kind: ObjectKind, owner?: string): readonly AttributeSpec[] {
  return table(kind, owner).specs;
}

export function attributeSpec(kind: ObjectKind, owner: string | undefined, name: string): AttributeSpec | undefined {
  const specs = table(kind, owner).specs;
  const direct = specs.find((s) => s.name === name);
  if (direct) return direct;
  // `IncomingUser1`, `allowed_portal2`: extra instances of a multi-valued attribute.
  const numbered = /^(\D+?)\d+$/.exec(name);
  if (numbered) {
    const base = specs.find((s) => s.name === numbered[1]);
    if (base?.multi) return base;
  }
  return undefined;
}

export function isKnownOwner(kind: ObjectKind, owner?: string): boolean {
  return table(kind, owner).known;
}

export function creationParams(kind: 'device' | 'target' | 'lun', owner?: string): readonly string[] {
  if (kind === 'lun') return ['read_only'];
  if (owner === undefined) return [];
  if (kind === 'device') return VDISK_CREATE[owner] ?? [];
  return DRIVERS[owner]?.targetCreate ?? [];
}

/**
 * Handlers whose devices the copy manager maps by itself when they are created (SCST's
 * auto_cm_assignment, on by default): a LUN of copy_manager_tgt for each, numbered by the kernel.
 */
export function copyManagerMapsAutomatically(handler: string): boolean {
  return (VDISK_HANDLERS as readonly string[]).includes(handler);
}

/** A target the driver's module creates by itself when it loads (scst_local's `scst_local_tgt`). */
export function isSelfCreatedTarget(driver: string, target: string): boolean {
  return DRIVERS[driver]?.selfCreated?.includes(target) ?? false;
}

export function dynamicAttributes(kind: 'driver' | 'target', owner?: string): string[] {
  return attributeSpecs(kind, owner).filter((s) => s.dynamic).map((s) => s.name);
}

export function isPassthroughHandler(handler: string): boolean {
  return PASSTHROUGH_HANDLERS.includes(handler);
}

export function knownHandlers(): string[] {
  return [...VDISK_HANDLERS, ...PASSTHROUGH_HANDLERS];
}

export function knownDrivers(): string[] {
  return Object.keys(DRIVERS);
}

/** A secret-bearing attribute, whatever object it sits on (for masking output). */
export function isSecretAttribute(name: string): boolean {
  return /^(IncomingUser|OutgoingUser)\d*$/.test(name);
}
