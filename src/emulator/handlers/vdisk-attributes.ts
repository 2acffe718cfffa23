/**
 * The files of a vdisk device (spec §5.5, §5.6), declared as one table: per attribute, its mode
 * for each of the four handlers (absent = no such file), how it reads (value and `[key]` rule)
 * and how a write is checked and applied.
 */
import type { Kernel } from '../kernel.js';
import type { Errno } from '../../sysfs/types.js';
import { kfail, negativeErrno, noteFailure } from '../kernel-error.js';
import { type FileNode, MODE_RO, MODE_RW, MODE_WO, keyed } from '../nodes.js';
import { firstFifteen, isKernelSpace, kstrtol, kstrtoull, scanDecimal, toCInt, toCUint } from '../numbers.js';
import type { DeviceState } from '../state.js';
import { chompOne } from '../tokenizer.js';
import { T10_DEV_ID_MAX } from './vdisk-identity.js';
import { recordUsn } from './vdisk-usn-index.js';
import { blockMask, fileSize, geometry, setFileSize, shownSize } from './vdisk-geometry.js';

export { geometry };

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

/** `kstrtol` and then `val != !!val` → EINVAL: exactly 0 or 1, `-0` and `0x1` included. */
function zeroOrOne(name: string, input: (data: string) => string = (data) => data): AttrSpec['store'] {
  return (_k, dev, data) => {
    const value = kstrtol(input(data));
    if (value !== 0 && value !== 1) kfail('EINVAL');
    dev.attrs[name] = value;
  };
}

/** `kstrtoul` and `!!value`: any unsigned number, stored as whether it is non-zero. */
function anyNumberAsFlag(name: string, input: (data: string) => string = (data) => data): AttrSpec['store'] {
  return (_k, dev, data) => {
    dev.attrs[name] = kstrtoull(input(data)) === 0n ? 0 : 1;
  };
}

/**
 * Inquiry strings: the bytes up to the first newline, at most `max` of them. The refusal names
 * the limit as each store prints it: some print the buffer size (`max` + 1), some `max`.
 */
function inquiryString(name: string, max: number, label: string, options: { shownMax?: number; logChange?: string } = {}): AttrSpec['store'] {
  return (k, dev, data) => {
    const value = data.split('\n')[0]!;
    if (Buffer.byteLength(value) > max) {
      k.log(`dev_vdisk: ***ERROR***: ${label} is too long (max ${options.shownMax ?? max} characters)`);
      kfail('EINVAL');
    }
    dev.attrs[name] = value;
    markSet(dev, name);
    if (options.logChange) k.log(`dev_vdisk: ${options.logChange} for device ${dev.name} changed to ${value}`);
  };
}

/** The kernel's isspace() trim at both ends of a store buffer. */
function trimKernelSpace(data: string): string {
  let start = 0;
  let end = data.length;
  while (start < end && isKernelSpace(data[start])) start++;
  while (end > start && isKernelSpace(data[end - 1])) end--;
  return data.slice(start, end);
}

/**
 * eui64_id / naa_id: blanks trimmed at both ends, a lower-case `0x` dropped, then hex digits of
 * an allowed length (empty clears). `leadOk` judges the character where the digits start, as
 * the kernel looks at it before converting — the string's end counts as allowed, a blank left
 * behind a stripped `0x` does not.
 */
function hexId(name: string, lengths: number[], leadOk?: (lead: string, length: number) => boolean): AttrSpec {
  return {
    name,
    modes: { fileio: RW, blockio: RW, nullio: RW, vcdrom: RW },
    show: (dev) => (text(dev, name) === '' ? '\n' : keyed(text(dev, name), true)),
    store: (_k, dev, data) => {
      let start = 0;
      let end = data.length;
      while (start < end && isKernelSpace(data[start])) start++;
      while (end > start && isKernelSpace(data[end - 1])) end--;
      if (end - start >= 2 && data.startsWith('0x', start)) start += 2;
      const digits = data.slice(start, end);
      if (!lengths.includes(digits.length)) kfail('EINVAL');
      if (leadOk && !leadOk(data[start] ?? '', digits.length)) kfail('EINVAL');
      if (!/^[0-9a-fA-F]*$/.test(digits)) kfail('EINVAL');
      dev.attrs[name] = digits === '' ? '' : `0x${digits.toLowerCase()}`;
    },
  };
}

const U64_MAX = (1n << 64n) - 1n;

/**
 * blockio/nullio `size` and `size_mb` (vdev_size_process_store, run as a work): the text is
 * read with `sscanf("%lld")` — blanks skipped, base 10, junk after the digits ignored, no
 * overflow check — then shifted (20 for `size_mb`, refused if it would not fit 64 bits) and
 * must be a whole number of blocks.
 */
function resize(k: Kernel, dev: DeviceState, data: string, shift: 0 | 20): void {
  k.work(() => {
    const scanned = scanDecimal(data);
    if (!scanned || scanned.bits > U64_MAX >> BigInt(shift)) kfail('EINVAL');
    const bytes = scanned.bits << BigInt(shift);
    if ((bytes & blockMask(dev)) !== 0n) kfail('EINVAL');
    setFileSize(dev, bytes);
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

/** Opening a file as vdev_open_fd does (read-only or read-write, never created): the errno, if it fails. */
export function openFailure(k: Kernel, path: string, readOnly: boolean): Errno | undefined {
  const entry = k.hostLookup(path);
  if (!entry) return 'ENOENT';
  if (readOnly) return undefined;
  if (entry.kind === 'dir') return 'EISDIR';
  return entry.readOnly ? 'EROFS' : undefined;
}

const ALL = { fileio: RW, blockio: RW, nullio: RW, vcdrom: RW };

const ATTRIBUTES: AttrSpec[] = [
  {
    name: 'size',
    modes: { fileio: RO, blockio: RW, nullio: RW, vcdrom: RO },
    show: (dev, kind) => keyed(shownSize(dev, 0), kind !== 'nullio' || fileSize(dev) !== BigInt(NULLIO_DEFAULT_SIZE)),
    store: (k, dev, data) => resize(k, dev, data, 0),
  },
  {
    name: 'size_mb',
    modes: { fileio: RO, blockio: RW, nullio: RW, vcdrom: RO },
    show: (dev) => `${shownSize(dev, 20)}\n`,
    store: (k, dev, data) => resize(k, dev, data, 20),
  },
  flag('blocksize', 512, { fileio: RO, blockio: RO, nullio: RO }),
  {
    name: 'opt_trans_len',
    modes: { fileio: RW, blockio: RW, nullio: RW },
    // An unsigned int shown with %d; the check uses the whole unsigned long first.
    show: (dev) => keyed(toCInt(BigInt(num(dev, 'opt_trans_len'))), wasSet(dev, 'opt_trans_len')),
    store: (_k, dev, data) => {
      const value = kstrtoull(data);
      if ((value & blockMask(dev)) !== 0n) kfail('EINVAL');
      dev.attrs.opt_trans_len = toCUint(value);
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
      const value = kstrtol(data);
      if (value !== 0 && value !== 1) kfail('EINVAL');
      if (value === 1 && num(dev, 'active') === 0) activate(k, dev, kind);
      dev.attrs.active = value;
    });
  }),
  {
    name: 'bind_alua_state',
    modes: { fileio: RW, blockio: RW },
    show: (dev, kind) => keyed(num(dev, 'bind_alua_state'), num(dev, 'bind_alua_state') !== (kind === 'blockio' ? 1 : 0)),
    // Copied into a 16-byte buffer first: only the first 15 characters are parsed.
    store: anyNumberAsFlag('bind_alua_state', firstFifteen),
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
      if (BigInt(size) === fileSize(dev)) {
        k.log(`dev_vdisk: Size of virtual disk ${dev.name} remained the same`);
        return;
      }
      setFileSize(dev, BigInt(size));
      k.log(`dev_vdisk: New size of SCSI target virtual disk ${dev.name} (${geometry(dev)})`);
    }),
  },
  { name: 'sync', modes: { fileio: WO, blockio: WO }, show: () => '', store: () => {} },
  flag('dummy', 0, { nullio: RO }),
  // Copied into a 16-byte buffer first: only the first 15 characters are parsed.
  flag('read_zero', 0, { nullio: RW }, zeroOrOne('read_zero', firstFifteen)),
  flag('lb_per_pb_exp', 1, { fileio: RW, blockio: RW }, zeroOrOne('lb_per_pb_exp')),
  {
    name: 't10_vend_id', modes: ALL, show: (dev) => keyed(text(dev, 't10_vend_id'), wasSet(dev, 't10_vend_id')),
    store: inquiryString('t10_vend_id', 8, 'T10 vendor id', { shownMax: 9 }),
  },
  {
    name: 'vend_specific_id', modes: ALL, show: (dev) => keyed(text(dev, 'vend_specific_id'), wasSet(dev, 'vend_specific_id')),
    store: inquiryString('vend_specific_id', 128, 'Vendor specific id'),
  },
  {
    name: 'prod_id', modes: ALL, show: (dev) => keyed(text(dev, 'prod_id'), wasSet(dev, 'prod_id')),
    store: inquiryString('prod_id', 16, 'Product id', { shownMax: 17 }),
  },
  {
    name: 'prod_rev_lvl', modes: ALL, show: (dev) => keyed(text(dev, 'prod_rev_lvl'), wasSet(dev, 'prod_rev_lvl')),
    store: inquiryString('prod_rev_lvl', 4, 'Product revision level', { shownMax: 5 }),
  },
  {
    name: 'scsi_device_name', modes: ALL, show: (dev) => keyed(text(dev, 'scsi_device_name'), text(dev, 'scsi_device_name') !== ''),
    // "namel": the kernel's own spelling in this message.
    store: inquiryString('scsi_device_name', 256, 'SCSI device namel', { shownMax: 257 }),
  },
  {
    name: 't10_dev_id', modes: ALL, show: (dev) => keyed(text(dev, 't10_dev_id'), wasSet(dev, 't10_dev_id')),
    store: (k, dev, data, kind) => {
      if (num(dev, 'cluster_mode') === 1) kfail('EPERM');
      if (chompOne(data).length > T10_DEV_ID_MAX) {
        k.log(`dev_vdisk: ***ERROR***: T10 device id is too long (max ${T10_DEV_ID_MAX} characters)`);
        kfail('EINVAL');
      }
      inquiryString('t10_dev_id', T10_DEV_ID_MAX, 'T10 device id', { logChange: 'T10 device id' })!(k, dev, data, kind);
    },
  },
  {
    name: 'usn', modes: ALL, show: (dev) => keyed(text(dev, 'usn'), wasSet(dev, 'usn')),
    store: (k, dev, data, kind) => {
      inquiryString('usn', 20, 'USN', { logChange: 'USN' })!(k, dev, data, kind);
      recordUsn(k, String(dev.attrs.usn), dev.name);
    },
  },
  hexId('eui64_id', [0, 16, 24, 32]),
  // NAA types 2, 3, 5 (8 bytes) and 6 (16 bytes).
  hexId('naa_id', [0, 16, 32], (lead, length) => lead === '' || (length === 32 ? lead === '6' : '235'.includes(lead))),
  {
    name: 'inq_vend_specific', modes: ALL, show: (dev) => keyed(text(dev, 'inq_vend_specific'), text(dev, 'inq_vend_specific') !== ''),
    store: (_k, dev, data) => {
      const value = chompOne(data);
      if (Buffer.byteLength(value) > 160) kfail('EINVAL');
      dev.attrs.inq_vend_specific = value;
    },
  },
];

/** fileio/blockio `filename`: only while inactive; absolute path required. */
function changeFilename(k: Kernel, dev: DeviceState, data: string): void {
  if (num(dev, 'active') === 1) {
    k.log(`dev_vdisk: ***ERROR***: vdev ${dev.name}: can't change the filename because the device is still active`);
    kfail('EINVAL');
  }
  const path = trimKernelSpace(data);
  if (path === '') {
    k.log('dev_vdisk: ***ERROR***: Filename is missing');
    kfail('EINVAL');
  }
  if (!path.startsWith('/')) {
    k.log(`dev_vdisk: ***ERROR***: Path "${path}" is not absolute`);
    kfail('EINVAL');
  }
  dev.attrs.filename = path;
  k.log(`dev_vdisk: vdev ${dev.name}: changed filename into "${path}"`);
}

/** vcdrom `filename`: a path inserts media, an empty value ejects it. */
function changeMedia(k: Kernel, dev: DeviceState, data: string): void {
  const path = trimKernelSpace(data);
  if (path === '') {
    dev.attrs.filename = null;
    dev.attrs.size = 0;
    k.log(`dev_vdisk: Removed media from SCSI target virtual cdrom ${dev.name}`);
    return;
  }
  if (!path.startsWith('/')) {
    k.log(`dev_vdisk: ***ERROR***: File path "${path}" is not absolute`);
    kfail('EINVAL');
  }
  const size = probeBackingSize(k, path, false);
  dev.attrs.filename = path;
  setFileSize(dev, BigInt(size));
  k.log(`dev_vdisk: Changed SCSI target virtual cdrom ${dev.name} (file="${path}", ${geometry(dev)})`);
}

/**
 * `active` 0 → 1 (vdisk_activate_dev): the copy manager's LUN holds the device, so the backing
 * store is opened again at once — read-write unless the device is read-only, a block device
 * for blockio — and its size re-read. A failure leaves the device inactive.
 */
function activate(k: Kernel, dev: DeviceState, kind: VdiskKind): void {
  const path = text(dev, 'filename');
  const readOnly = num(dev, 'read_only') === 1;
  const entry = k.hostLookup(path);
  const errno: Errno | undefined = kind === 'blockio'
    ? (!entry ? 'ENOENT' : entry.kind !== 'block' ? 'ENOTBLK' : undefined)
    : openFailure(k, path, readOnly);
  if (errno) {
    const code = negativeErrno(errno);
    if (kind !== 'blockio') k.log(`dev_vdisk: ***ERROR***: filp_open(${path}) failed: ${code}`);
    k.log(`dev_vdisk: ***ERROR***: vdev ${dev.name}: Unable to open FD: rd_only=${Number(readOnly)}, rc=${code}`);
    k.log(`dev_vdisk: ***ERROR***: dev ${dev.name}: Activating failed`);
    kfail(errno);
  }
  // The size is re-read; a directory opened read-only fails that check with only a warning.
  if (entry!.kind !== 'dir') setFileSize(dev, BigInt(entry!.size ?? 0));
}

/**
 * The static app tag as the core keeps it (scst_dev_set_dif_static_app_tag_combined): the low
 * 16 bits, plus a 32-bit reference tag above them for DIF type 3.
 */
export function staticAppTag(difType: number, value: bigint): number {
  return Number(value & (difType === 3 ? 0xFFFFFFFFFFFFn : 0xFFFFn));
}

function difFiles(k: Kernel, dev: DeviceState): Record<string, FileNode> {
  const type = num(dev, 'dif_type');
  const mode = text(dev, 'dif_mode');
  if (type === 0 || mode === '') return {};
  const files: Record<string, FileNode> = {
    dif_mode: { kind: 'file', mode: RO, show: () => keyed(mode, true) },
    dif_type: { kind: 'file', mode: RO, show: () => keyed(type, true) },
    dif_static_app_tag: {
      kind: 'file', mode: RW,
      show: () => keyed(`0x${num(dev, 'dif_static_app_tag').toString(16)}`, num(dev, 'dif_static_app_tag') !== 0),
      store: (data) => {
        const value = noteFailure(() => kstrtoull(data),
          (code) => k.log(`scst: ***ERROR***: strtoul() for ${data} failed: ${code} (device ${dev.name})`));
        dev.attrs.dif_static_app_tag = staticAppTag(type, value);
        k.log(`scst: APP TAG for device ${dev.name} changed to ${num(dev, 'dif_static_app_tag').toString(16)}`);
      },
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
  for (const [name, node] of Object.entries(difFiles(k, dev))) files[name] = () => node;
  return files;
}
