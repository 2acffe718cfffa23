/**
 * The files of a vdisk device (spec §5.5, §5.6), declared as one table: per attribute, its mode
 * for each of the four handlers (absent = no such file), how it reads (value and `[key]` rule)
 * and how a write is checked and applied.
 */
import type { Kernel } from '../kernel.js';
import { kfail } from '../kernel-error.js';
import { type FileNode, MODE_RO, MODE_RW, MODE_WO, keyed } from '../nodes.js';
import { kstrtoul, kstrtoull } from '../numbers.js';
import type { DeviceState } from '../state.js';
import { chompOne } from '../tokenizer.js';
import { T10_DEV_ID_MAX } from './vdisk-identity.js';
import { recordUsn } from './vdisk-usn-index.js';

export type VdiskKind = 'fileio' | 'blockio' | 'nullio' | 'vcdrom';

export const NULLIO_DEFAULT_SIZE = 2748779069440;

interface AttrSpec {
  name: string;
  modes: Partial<Record<VdiskKind, number>>;
  show: (dev: DeviceState, kind: VdiskKind) => string;
  store?: (k: Kernel, dev: DeviceState, data: string, kind: VdiskKind) => void;
  /** SCST shows it through a read-only sysfs work (spec §4 item 5). */
  readOnlyWork?: true;
}

const RO = MODE_RO;
const RW = MODE_RW;
const WO = MODE_WO;

export const num = (dev: DeviceState, name: string): number => Number(dev.attrs[name] ?? 0);
const text = (dev: DeviceState, name: string): string => String(dev.attrs[name] ?? '');
const wasSet = (dev: DeviceState, name: string): boolean => dev.setAttrs.includes(name);

function markSet(dev: DeviceState, name: string): void {
  if (!dev.setAttrs.includes(name)) dev.setAttrs.push(name);
}

/** A 0/1 flag shown with `[key]` when it differs from its default. */
function flag(name: string, defaultValue: number, modes: AttrSpec['modes'], store?: AttrSpec['store']): AttrSpec {
  return { name, modes, show: (dev) => keyed(num(dev, name), num(dev, name) !== defaultValue), store };
}

/** Writes that accept exactly 0 or 1. */
function zeroOrOne(name: string): AttrSpec['store'] {
  return (_k, dev, data) => {
    const value = kstrtoul(data);
    if (value > 1) kfail('EINVAL');
    dev.attrs[name] = value;
  };
}

/** Writes that take any number and store whether it is non-zero. */
function anyNumberAsFlag(name: string): AttrSpec['store'] {
  return (_k, dev, data) => {
    dev.attrs[name] = kstrtoul(data) === 0 ? 0 : 1;
  };
}

/** Inquiry strings: the text up to the first newline, at most `max` characters. */
function inquiryString(name: string, max: number, label: string, logChange?: string): AttrSpec['store'] {
  return (k, dev, data) => {
    const value = data.split('\n')[0]!;
    if (value.length > max) {
      k.log(`dev_vdisk: ***ERROR***: ${label} is too long (max ${max + (name === 'prod_id' ? 1 : 0)} characters)`);
      kfail('EINVAL');
    }
    dev.attrs[name] = value;
    markSet(dev, name);
    if (logChange) k.log(`dev_vdisk: ${logChange} for device ${dev.name} changed to ${value}`);
  };
}

function hexId(name: string, lengths: number[], firstDigit?: (digits: string) => boolean): AttrSpec {
  return {
    name,
    modes: { fileio: RW, blockio: RW, nullio: RW, vcdrom: RW },
    show: (dev) => (text(dev, name) === '' ? '\n' : keyed(text(dev, name), true)),
    store: (_k, dev, data) => {
      let value = data.trim();
      if (value === '') {
        dev.attrs[name] = '';
        return;
      }
      if (/^0x/i.test(value)) value = value.slice(2);
      if (!/^[0-9a-fA-F]+$/.test(value) || !lengths.includes(value.length)) kfail('EINVAL');
      if (firstDigit && !firstDigit(value)) kfail('EINVAL');
      dev.attrs[name] = `0x${value}`;
    },
  };
}

/** A new size in bytes for blockio/nullio: a multiple of the block size. */
function resize(k: Kernel, dev: DeviceState, bytes: bigint): void {
  k.work(() => {
    if (bytes % BigInt(num(dev, 'blocksize')) !== 0n) kfail('EINVAL');
    dev.attrs.size = Number(bytes);
    markSet(dev, 'size');
  });
}

/** Re-read the backing store size (fileio/blockio `resync_size`, activation, media change). */
export function probeBackingSize(k: Kernel, path: string, blockDevice: boolean): number {
  const entry = k.hostLookup(path);
  if (!entry) {
    k.log(`dev_vdisk: ***ERROR***: opening ${path} failed: -2`);
    return kfail('ENOENT');
  }
  if (entry.kind === 'dir') {
    k.log(`dev_vdisk: ***ERROR***: opening ${path} failed: -22`);
    return kfail('EINVAL');
  }
  if (blockDevice && entry.kind !== 'block') {
    k.log(`dev_vdisk: ***ERROR***: bdev_open_by_path(${path}) failed: -15`);
    return kfail('ENOTBLK');
  }
  return entry.size ?? 0;
}

const ALL = { fileio: RW, blockio: RW, nullio: RW, vcdrom: RW };

const ATTRIBUTES: AttrSpec[] = [
  {
    name: 'size',
    modes: { fileio: RO, blockio: RW, nullio: RW, vcdrom: RO },
    show: (dev, kind) => keyed(num(dev, 'size'), kind !== 'nullio' || num(dev, 'size') !== NULLIO_DEFAULT_SIZE),
    store: (k, dev, data) => resize(k, dev, kstrtoull(data)),
  },
  {
    name: 'size_mb',
    modes: { fileio: RO, blockio: RW, nullio: RW, vcdrom: RO },
    show: (dev) => `${Math.floor(num(dev, 'size') / 1048576)}\n`,
    store: (k, dev, data) => resize(k, dev, kstrtoull(data) * 1048576n),
  },
  flag('blocksize', 512, { fileio: RO, blockio: RO, nullio: RO }),
  {
    name: 'opt_trans_len',
    modes: { fileio: RW, blockio: RW, nullio: RW },
    show: (dev) => keyed(num(dev, 'opt_trans_len'), wasSet(dev, 'opt_trans_len')),
    store: (_k, dev, data) => {
      const value = kstrtoul(data);
      if (value % num(dev, 'blocksize') !== 0) kfail('EINVAL');
      dev.attrs.opt_trans_len = value;
      markSet(dev, 'opt_trans_len');
    },
  },
  flag('read_only', 0, { fileio: RO, blockio: RO, nullio: RO }),
  flag('write_through', 0, { fileio: RO, blockio: RO }),
  flag('nv_cache', 0, { fileio: RO, blockio: RO }),
  flag('o_direct', 0, { fileio: RO }),
  flag('async', 0, { fileio: RW }, zeroOrOne('async')),
  {
    name: 'thin_provisioned',
    modes: { fileio: RO, blockio: RO },
    show: (dev) => keyed(num(dev, 'thin_provisioned'), wasSet(dev, 'thin_provisioned')),
  },
  flag('tst', 1, { fileio: RO, blockio: RO, nullio: RO, vcdrom: RO }),
  flag('rotational', 1, { fileio: RO, blockio: RO, nullio: RO }),
  flag('removable', 0, { fileio: RO, blockio: RO, nullio: RO }),
  flag('expl_alua', 0, { fileio: RW, blockio: RW }, anyNumberAsFlag('expl_alua')),
  flag('active', 1, { fileio: RW, blockio: RW }, (k, dev, data, kind) => {
    k.work(() => {
      const value = kstrtoul(data);
      if (value > 1) kfail('EINVAL');
      if (value === 1 && num(dev, 'active') === 0) {
        dev.attrs.size = probeBackingSize(k, text(dev, 'filename'), kind === 'blockio');
      }
      dev.attrs.active = value;
    });
  }),
  {
    name: 'bind_alua_state',
    modes: { fileio: RW, blockio: RW },
    show: (dev, kind) => keyed(num(dev, 'bind_alua_state'), num(dev, 'bind_alua_state') !== (kind === 'blockio' ? 1 : 0)),
    store: anyNumberAsFlag('bind_alua_state'),
  },
  {
    name: 'filename',
    modes: { fileio: RW, blockio: RW, vcdrom: RW },
    show: (dev) => (dev.attrs.filename == null ? 'none\n\n' : `${text(dev, 'filename')}\n[key]\n\n`),
    readOnlyWork: true,
    store: (k, dev, data, kind) => k.work(() => (kind === 'vcdrom' ? changeMedia(k, dev, data) : changeFilename(k, dev, data))),
  },
  flag('cluster_mode', 0, { fileio: RW, blockio: RW, nullio: RW }, (k, dev, data) => {
    k.work(() => zeroOrOne('cluster_mode')!(k, dev, data, 'fileio'));
  }),
  {
    name: 'resync_size',
    modes: { fileio: WO, blockio: WO },
    show: () => '',
    store: (k, dev, _data, kind) => k.work(() => {
      if (num(dev, 'active') === 0 || dev.attrs.filename == null) kfail('EMEDIUMTYPE');
      const size = probeBackingSize(k, text(dev, 'filename'), kind === 'blockio');
      if (size === num(dev, 'size')) {
        k.log(`dev_vdisk: Size of virtual disk ${dev.name} remained the same`);
        return;
      }
      dev.attrs.size = size - (size % num(dev, 'blocksize'));
      k.log(`dev_vdisk: New size of SCSI target virtual disk ${dev.name} (${geometry(dev)})`);
    }),
  },
  { name: 'sync', modes: { fileio: WO, blockio: WO }, show: () => '', store: () => {} },
  flag('dummy', 0, { nullio: RO }),
  flag('read_zero', 0, { nullio: RW }, zeroOrOne('read_zero')),
  flag('lb_per_pb_exp', 1, { fileio: RW, blockio: RW }, zeroOrOne('lb_per_pb_exp')),
  {
    name: 't10_vend_id', modes: ALL, show: (dev) => keyed(text(dev, 't10_vend_id'), wasSet(dev, 't10_vend_id')),
    store: inquiryString('t10_vend_id', 8, 'Vendor id'),
  },
  {
    name: 'vend_specific_id', modes: ALL, show: (dev) => keyed(text(dev, 'vend_specific_id'), wasSet(dev, 'vend_specific_id')),
    store: inquiryString('vend_specific_id', 128, 'Vendor specific id'),
  },
  {
    name: 'prod_id', modes: ALL, show: (dev) => keyed(text(dev, 'prod_id'), wasSet(dev, 'prod_id')),
    store: inquiryString('prod_id', 16, 'Product id'),
  },
  {
    name: 'prod_rev_lvl', modes: ALL, show: (dev) => keyed(text(dev, 'prod_rev_lvl'), wasSet(dev, 'prod_rev_lvl')),
    store: inquiryString('prod_rev_lvl', 4, 'Product revision level'),
  },
  {
    name: 'scsi_device_name', modes: ALL, show: (dev) => keyed(text(dev, 'scsi_device_name'), text(dev, 'scsi_device_name') !== ''),
    store: inquiryString('scsi_device_name', 256, 'SCSI device name'),
  },
  {
    name: 't10_dev_id', modes: ALL, show: (dev) => keyed(text(dev, 't10_dev_id'), wasSet(dev, 't10_dev_id')),
    store: (k, dev, data, kind) => {
      if (num(dev, 'cluster_mode') === 1) kfail('EPERM');
      if (chompOne(data).length > T10_DEV_ID_MAX) {
        k.log(`dev_vdisk: ***ERROR***: T10 device id is too long (max ${T10_DEV_ID_MAX} characters)`);
        kfail('EINVAL');
      }
      inquiryString('t10_dev_id', T10_DEV_ID_MAX, 'T10 device id', 'T10 device id')!(k, dev, data, kind);
    },
  },
  {
    name: 'usn', modes: ALL, show: (dev) => keyed(text(dev, 'usn'), wasSet(dev, 'usn')),
    store: (k, dev, data, kind) => {
      inquiryString('usn', 20, 'USN', 'USN')!(k, dev, data, kind);
      recordUsn(k, String(dev.attrs.usn), dev.name);
    },
  },
  hexId('eui64_id', [16, 24, 32]),
  hexId('naa_id', [16, 32], (digits) => (digits.length === 16 ? '235'.includes(digits[0]!) : digits[0] === '6')),
  {
    name: 'inq_vend_specific', modes: ALL, show: (dev) => keyed(text(dev, 'inq_vend_specific'), text(dev, 'inq_vend_specific') !== ''),
    store: (_k, dev, data) => {
      const value = chompOne(data);
      if (Buffer.byteLength(value) > 160) kfail('EINVAL');
      dev.attrs.inq_vend_specific = value;
    },
  },
];

/** `fs=64MB, bs=512, nblocks=131072, cyln=64` of SCST's attach/resize messages. */
export function geometry(dev: DeviceState): string {
  const size = num(dev, 'size');
  const bs = num(dev, 'blocksize') || 512;
  const mb = Math.floor(size / 1048576);
  const nblocks = Math.floor(size / bs);
  return `fs=${mb}MB, bs=${bs}, nblocks=${nblocks}, cyln=${Math.floor(nblocks / 2048)}`;
}

/** fileio/blockio `filename`: only while inactive; absolute path required. */
function changeFilename(k: Kernel, dev: DeviceState, data: string): void {
  if (num(dev, 'active') === 1) {
    k.log(`dev_vdisk: ***ERROR***: vdev ${dev.name}: can't change the filename because the device is still active`);
    kfail('EINVAL');
  }
  const path = data.trim();
  if (path === '' || !path.startsWith('/')) kfail('EINVAL');
  dev.attrs.filename = path;
}

/** vcdrom `filename`: a path inserts media, an empty value ejects it. */
function changeMedia(k: Kernel, dev: DeviceState, data: string): void {
  const path = data.trim();
  if (path === '') {
    dev.attrs.filename = null;
    dev.attrs.size = 0;
    k.log(`dev_vdisk: Removed media from SCSI target virtual cdrom ${dev.name}`);
    return;
  }
  if (!path.startsWith('/')) kfail('EINVAL');
  const size = probeBackingSize(k, path, false);
  dev.attrs.filename = path;
  dev.attrs.size = size;
  k.log(`dev_vdisk: Changed SCSI target virtual cdrom ${dev.name} (file="${path}", ${geometry(dev)})`);
}

function difFiles(dev: DeviceState): Record<string, FileNode> {
  const type = num(dev, 'dif_type');
  const mode = text(dev, 'dif_mode');
  if (type === 0 || mode === '') return {};
  const files: Record<string, FileNode> = {
    dif_mode: { kind: 'file', mode: RO, show: () => keyed(mode, true) },
    dif_type: { kind: 'file', mode: RO, show: () => keyed(type, true) },
    dif_static_app_tag: {
      kind: 'file', mode: RW,
      show: () => keyed(`0x${BigInt(num(dev, 'dif_static_app_tag')).toString(16)}`, num(dev, 'dif_static_app_tag') !== 0),
      store: (data) => { dev.attrs.dif_static_app_tag = Number(kstrtoull(data)); },
    },
  };
  if (dev.attrs.dif_filename) {
    files.dif_filename = { kind: 'file', mode: RO, show: () => keyed(text(dev, 'dif_filename'), true) };
  }
  return files;
}

/**
 * The file set of a device is fixed at creation (thin provisioning and DIF cannot change
 * later), so it is made once per device; the files themselves read the device on each access.
 */
const fileSets = new WeakMap<DeviceState, Record<string, () => FileNode>>();

export function vdiskDeviceFiles(k: Kernel, kind: VdiskKind, dev: DeviceState): Record<string, () => FileNode> {
  let files = fileSets.get(dev);
  if (!files) fileSets.set(dev, (files = buildFileSet(k, kind, dev)));
  return files;
}

function buildFileSet(k: Kernel, kind: VdiskKind, dev: DeviceState): Record<string, () => FileNode> {
  // Makers, not nodes: a lookup of one file of a device should not build all thirty-odd.
  const files: Record<string, () => FileNode> = {};
  for (const spec of ATTRIBUTES) {
    const mode = spec.modes[kind];
    if (mode === undefined) continue;
    const store = spec.store;
    const show = (): string => spec.show(dev, kind);
    files[spec.name] = () => ({
      kind: 'file',
      mode,
      show: spec.readOnlyWork ? () => k.work(show, { readOnly: true }) : show,
      store: store ? (data) => store(k, dev, data, kind) : undefined,
    });
  }
  if (num(dev, 'thin_provisioned') === 1) {
    files.gen_tp_soft_threshold_reached_UA = () => ({ kind: 'file', mode: WO, store: () => {} });
  }
  for (const [name, node] of Object.entries(difFiles(dev))) files[name] = () => node;
  return files;
}
