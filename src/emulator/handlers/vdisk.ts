/**
 * The `scst_vdisk` module: vdisk_fileio, vdisk_blockio, vdisk_nullio and vcdrom (spec §5.1–5.6).
 * The four share one device namespace and one delete routine; each has its own parameter list,
 * defaults and files.
 */
import type { Kernel } from '../kernel.js';
import { KernelError, kfail, negativeErrno } from '../kernel-error.js';
import type { HandlerModel } from '../models.js';
import { registerModule } from '../module-registry.js';
import { refuseFixedName } from '../nodes.js';
import { assignCopyManagerLun } from '../modules/scst-core.js';
import type { DeviceState } from '../state.js';
import { Lexer, chompOne } from '../tokenizer.js';
import type { Errno } from '../../sysfs/types.js';
import { toCInt } from '../numbers.js';
import { NULLIO_DEFAULT_SIZE, type VdiskKind, num, openFailure, probeBackingSize, staticAppTag, vdiskDeviceFiles } from './vdisk-attributes.js';
import { blockShift, blockSizeOfShift, fileSize, geometry, setFileSize } from './vdisk-geometry.js';
import { generatedIdentity } from './vdisk-identity.js';
import { checkSizeAgainstBlocks, parseDeviceParams } from './vdisk-params.js';
import { recordUsn, usnHolder } from './vdisk-usn-index.js';

const VDISK_NAME_MAX = 64;
const HANDLER_DIR_FILES = ['mgmt', 'type', 'trace_level'];
const PR_DIRECTORY = '/var/lib/scst/pr';
/** Where DIF tags go when dev_store is asked for without a dif_filename (SCST_VAR_DIR/dif_tags). */
const DIF_TAGS_DIRECTORY = '/var/lib/scst/dif_tags';
/** Default of scst_vdisk's `num_threads` module parameter. */
const FILEIO_THREADS = 8;

const FILEIO_PARAMS = ['active', 'async', 'bind_alua_state', 'blocksize', 'cluster_mode', 'dif_filename', 'dif_mode',
  'dif_static_app_tag', 'dif_type', 'filename', 'numa_node_id', 'nv_cache', 'o_direct', 'read_only', 'removable',
  'rotational', 'thin_provisioned', 'tst', 't10_dev_id', 'write_through'];
const BLOCKIO_PARAMS = FILEIO_PARAMS.filter((p) => p !== 'async' && p !== 'o_direct');
const NULLIO_PARAMS = ['blocksize', 'cluster_mode', 'dif_mode', 'dif_static_app_tag', 'dif_type', 'dummy',
  'numa_node_id', 'read_only', 'removable', 'rotational', 'size', 'size_mb', 'tst', 't10_dev_id'];
const VCDROM_PARAMS = ['tst'];

interface VdiskHandlerSpec {
  kind: VdiskKind;
  name: string;
  scsiType: number;
  advertised: string[];
  /** fileio's parser accepts every known name; the others only their advertised list. */
  accepts: string[] | 'all';
  defaultThreads: number;
  t10VendId: string;
  needsFile: boolean;
}

const SPECS: VdiskHandlerSpec[] = [
  { kind: 'fileio', name: 'vdisk_fileio', scsiType: 0, advertised: FILEIO_PARAMS, accepts: 'all',
    defaultThreads: FILEIO_THREADS, t10VendId: 'SCST_FIO', needsFile: true },
  { kind: 'blockio', name: 'vdisk_blockio', scsiType: 0, advertised: BLOCKIO_PARAMS, accepts: BLOCKIO_PARAMS,
    defaultThreads: 1, t10VendId: 'SCST_BIO', needsFile: true },
  { kind: 'nullio', name: 'vdisk_nullio', scsiType: 0, advertised: NULLIO_PARAMS, accepts: NULLIO_PARAMS,
    defaultThreads: 1, t10VendId: 'SCST_FIO', needsFile: false },
  { kind: 'vcdrom', name: 'vcdrom', scsiType: 5, advertised: VCDROM_PARAMS, accepts: VCDROM_PARAMS,
    defaultThreads: FILEIO_THREADS, t10VendId: 'SCST_FIO', needsFile: false },
];
const VDISK_HANDLERS = new Set(SPECS.map((s) => s.name));
const isVdiskHandler = (handler: string | null): boolean => handler !== null && VDISK_HANDLERS.has(handler);

function usage(spec: VdiskHandlerSpec): string {
  return 'Usage: echo "add_device device_name [parameters]" >mgmt\n' +
    '       echo "del_device device_name" >mgmt\n' +
    '\nwhere parameters are one or more param_name=value pairs separated by \';\'\n' +
    `\nThe following parameters available: ${spec.advertised.join(', ')}\n\n`;
}

function flagWords(spec: VdiskHandlerSpec, dev: DeviceState): string {
  const words: string[] = [];
  if (num(dev, 'read_only')) words.push('READ_ONLY');
  if (num(dev, 'write_through')) words.push('WRITE_THROUGH');
  if (num(dev, 'nv_cache')) words.push('NV_CACHE');
  if (num(dev, 'o_direct')) words.push('O_DIRECT');
  if (spec.kind === 'nullio') words.push('NULLIO');
  if (spec.kind === 'blockio') words.push('BLOCKIO');
  if (num(dev, 'removable')) words.push('REMOVABLE');
  if (num(dev, 'rotational')) words.push('ROTATIONAL');
  if (num(dev, 'thin_provisioned')) words.push('THIN_PROVISIONED');
  if (num(dev, 'dummy')) words.push('DUMMY');
  return words.join(', ');
}

function newVdisk(k: Kernel, spec: VdiskHandlerSpec, name: string): DeviceState {
  const dev = k.newDevice(name, spec.name, spec.scsiType, spec.defaultThreads);
  const identity = generatedIdentity(name, k.state.core.setupId);
  const cdrom = spec.kind === 'vcdrom';
  Object.assign(dev.attrs, {
    filename: null, size: spec.kind === 'nullio' ? NULLIO_DEFAULT_SIZE : 0, blocksize: cdrom ? 2048 : 512,
    read_only: cdrom ? 1 : 0, write_through: 0, nv_cache: 0, o_direct: 0, async: 0, removable: cdrom ? 1 : 0,
    rotational: 1, thin_provisioned: 0, tst: 1, active: 1, bind_alua_state: spec.kind === 'blockio' ? 1 : 0,
    cluster_mode: 0, expl_alua: 0, opt_trans_len: 524288, lb_per_pb_exp: 1, dummy: 0, read_zero: 0,
    dif_mode: '', dif_type: 0, dif_static_app_tag: 0, dif_filename: null,
    t10_vend_id: spec.t10VendId, prod_rev_lvl: '3110', scsi_device_name: '', eui64_id: '', naa_id: '',
    inq_vend_specific: '', ...identity,
  });
  return dev;
}

/** Parameters stored in one-bit fields of struct scst_vdisk_dev (dummy and tst are range-checked first). */
const ONE_BIT_FIELDS = new Set(['read_only', 'write_through', 'nv_cache', 'o_direct', 'removable', 'rotational',
  'thin_provisioned', 'active', 'bind_alua_state', 'cluster_mode', 'dummy', 'lb_per_pb_exp']);

/**
 * Store parsed parameters as struct scst_vdisk_dev keeps them, then the checks made after the
 * list: the size in whole blocks (every handler), write options on a read-only fileio device,
 * a file name for fileio and blockio — in that order.
 */
function applyParams(k: Kernel, spec: VdiskHandlerSpec, dev: DeviceState, parsed: ReturnType<typeof parseDeviceParams>): void {
  for (const [name, value] of parsed.values) {
    if (name === 'numa_node_id') dev.numaNodeId = Number(value);
    // file_size is a loff_t set from an unsigned long long: size_mb is multiplied without an
    // overflow check, so both wrap instead of failing.
    else if (name === 'size_mb') setFileSize(dev, (value as bigint) * 1048576n);
    else if (name === 'size') setFileSize(dev, value as bigint);
    else if (name === 'blocksize') dev.attrs.blocksize = blockSizeOfShift(parsed.blockShift!);
    // async is set with !!value; the other flags are one-bit fields that keep the low bit
    // (read_only=2 clears it, 0x11 sets it).
    else if (name === 'async') dev.attrs[name] = value === 0n ? 0 : 1;
    else if (typeof value === 'bigint' && ONE_BIT_FIELDS.has(name)) dev.attrs[name] = Number(value & 1n);
    // dif_type is an int; dif_static_app_tag is kept whole until attach narrows it.
    else if (name === 'dif_type') dev.attrs[name] = toCInt(value as bigint);
    else if (name === 'dif_static_app_tag') difAppTags.set(dev, value as bigint);
    else if (typeof value === 'bigint') dev.attrs[name] = Number(value);
    else dev.attrs[name] = value;
    if (name === 't10_dev_id' || name === 'thin_provisioned' || name === 'size' || name === 'size_mb') {
      dev.setAttrs.push(name === 'size_mb' ? 'size' : name);
    }
  }
  checkSizeAgainstBlocks(k, fileSize(dev), blockShift(dev));
  if (spec.kind === 'fileio' && num(dev, 'read_only') && (num(dev, 'write_through') || num(dev, 'nv_cache'))) {
    k.log(`dev_vdisk: ***ERROR***: Write options on read only device ${dev.name}`);
    kfail('EINVAL');
  }
  if (spec.needsFile && dev.attrs.filename == null) {
    k.log(`dev_vdisk: ***ERROR***: File name required (device ${dev.name})`);
    kfail('EINVAL');
  }
}

/** dif_static_app_tag as given to add_device, until attach stores it for the DIF type. */
const difAppTags = new WeakMap<DeviceState, bigint>();

/**
 * The handler's attach() (vdisk_attach), in its order: DIF type and mode, dev_check only on
 * blockio, the DIF tag file opened if the device is active, the DIF parameters, the static app
 * tag, o_direct without async, then the backing store's size. Any failure is logged as the
 * core's "attach() failed" and is the add_device errno.
 */
function attach(k: Kernel, spec: VdiskHandlerSpec, dev: DeviceState): void {
  try {
    attachChecks(k, spec, dev);
  } catch (error) {
    if (error instanceof KernelError) {
      k.log(`scst: ***ERROR***: New device handler's ${spec.name} attach() failed: ${negativeErrno(error.errno)}`);
    }
    throw error;
  }
}

function attachChecks(k: Kernel, spec: VdiskHandlerSpec, dev: DeviceState): void {
  const difType = num(dev, 'dif_type');
  const difMode = String(dev.attrs.dif_mode ?? '');
  const modeWords = difMode === '' ? [] : difMode.split('|');
  if (difType === 0 && (difMode !== '' || dev.attrs.dif_filename != null)) {
    k.log(`dev_vdisk: ***ERROR***: Device ${dev.name} cannot have DIF TYPE 0 if DIF MODE is not NONE or DIF FILENAME is not NULL`);
    kfail('EINVAL');
  }
  if (modeWords.includes('dev_check') && spec.kind !== 'blockio') {
    k.log(`dev_vdisk: ***ERROR***: dev_check supported only for BLOCKIO devices (dev ${dev.name})!`);
    kfail('EINVAL');
  }
  if (modeWords.includes('dev_store') && dev.attrs.dif_filename == null) dev.attrs.dif_filename = `${DIF_TAGS_DIRECTORY}/${dev.name}.dif`;
  if (num(dev, 'active') && dev.attrs.dif_filename != null) {
    const path = String(dev.attrs.dif_filename);
    const errno = openFailure(k, path, num(dev, 'read_only') === 1);
    if (errno) {
      k.log(`dev_vdisk: ***ERROR***: filp_open(${path}) failed: ${negativeErrno(errno)}`);
      kfail(errno);
    }
  }
  if (difType < 0 || difType > 3) {
    k.log(`scst: ***ERROR***: DIF type ${difType} not supported`);
    kfail('EINVAL');
  }
  if (difMode === '' && difType !== 0) {
    k.log(`scst: ***ERROR***: With DIF mode 0 DIF type must be 0 (dev ${dev.name})`);
    kfail('EINVAL');
  }
  const appTag = difAppTags.get(dev) ?? 0n;
  if (difType !== 2) dev.attrs.dif_static_app_tag = staticAppTag(difType, appTag);
  else if (appTag !== 0n) k.log(`dev_vdisk: ***WARNING***: Device ${dev.name}: static app tag is ignored for DIF mode 2`);
  if (num(dev, 'o_direct') && !num(dev, 'async')) {
    k.log(`dev_vdisk: ***ERROR***: ${dev.attrs.filename ?? '(null)'}: using o_direct without setting async is not supported`);
    kfail('EINVAL');
  }
  if (!spec.needsFile || !num(dev, 'active')) return;
  const filename = String(dev.attrs.filename);
  // The size probe reads files and block devices alike (vdisk_reexamine).
  setFileSize(dev, BigInt(probeBackingSize(k, filename, false)));
}

/**
 * What registering the device with the copy manager does right after attach (vdisk_attach_tgt
 * → vdisk_open_fd): the backing store is opened, read-write unless the device is read-only,
 * as a block device with the device as exclusive holder for blockio. A failure tears the new
 * device down again.
 */
function attachCopyManager(k: Kernel, spec: VdiskHandlerSpec, dev: DeviceState): void {
  if (!spec.needsFile || !num(dev, 'active')) return;
  const filename = String(dev.attrs.filename);
  const entry = k.hostLookup(filename);
  let errno: Errno | undefined;
  if (spec.kind === 'blockio' && entry?.kind !== 'block') {
    errno = 'ENOTBLK';
    k.log(`dev_vdisk: ***ERROR***: bdev_open_by_path(${filename}) failed: -15`);
    k.log(`dev_vdisk: ***ERROR***: opening ${filename} failed: -15`);
  } else if (spec.kind === 'blockio' && blockDeviceHolder(k, filename) !== undefined) {
    errno = 'EBUSY';
  } else if (spec.kind === 'fileio') {
    errno = openFailure(k, filename, num(dev, 'read_only') === 1);
    if (errno) k.log(`dev_vdisk: ***ERROR***: filp_open(${filename}) failed: ${negativeErrno(errno)}`);
  }
  if (!errno) return;
  k.log(`dev_vdisk: Attached SCSI target virtual disk ${dev.name} (file="${filename}", ${geometry(dev)})`);
  k.log(`scst: ***ERROR***: Device handler's ${spec.name} attach_tgt() failed: ${negativeErrno(errno)}`);
  k.log(`dev_vdisk: Detached virtual device ${dev.name} ("${filename}")`);
  kfail(errno);
}

/**
 * The vdisk_blockio device holding a block device open exclusively. Every active blockio
 * device has it open from its registration on: the copy manager maps each device at once.
 */
function blockDeviceHolder(k: Kernel, path: string): DeviceState | undefined {
  return Object.values(k.state.devices).find((d) => d.handler === 'vdisk_blockio' && d.attrs.filename === path && num(d, 'active') === 1);
}

/**
 * add_device in the kernel's order: the handler's own checks (a vdisk name taken → EEXIST,
 * name too long, a generated usn in use), the parameters, then registration with the core
 * (illegal characters, the PR directory, a device of any handler with that name), attach and
 * the copy manager's open of the backing store.
 */
function addDevice(k: Kernel, spec: VdiskHandlerSpec, lexer: Lexer): void {
  const name = k.requireWord(lexer.next(), 'Device name required');
  const existing = k.device(name);
  if (existing && isVdiskHandler(existing.handler)) kfail('EEXIST');
  if (Buffer.byteLength(name) > VDISK_NAME_MAX) {
    k.log(`dev_vdisk: ***ERROR***: Name ${name} is too long (max allowed ${VDISK_NAME_MAX})`);
    kfail('EINVAL');
  }
  const dev = newVdisk(k, spec, name);
  const usnOwner = usnHolder(k, String(dev.attrs.usn), isVdiskHandler);
  if (usnOwner !== undefined) {
    k.log(`dev_vdisk: ***ERROR***: New usn ${String(dev.attrs.usn)} conflicts with one of dev ${usnOwner}`);
    kfail('EEXIST');
  }
  applyParams(k, spec, dev, parseDeviceParams(k, name, lexer.rest(), spec.accepts));
  k.log(`dev_vdisk: Registering virtual ${spec.name} device ${name} (${flagWords(spec, dev)})`);
  for (const illegal of ['/', '.']) {
    if (!name.includes(illegal)) continue;
    k.log(`scst: ***ERROR***: Dev name ${name} contains illegal character '${illegal}'`);
    kfail('EINVAL');
  }
  if (!k.state.host.prDirectory) {
    k.log(`scst: ***ERROR***: PR file name ${PR_DIRECTORY}/${name} parent directory doesn't exist`);
    kfail('ENOENT');
  }
  if (existing) {
    // Another handler's device holds the name in devices/: the sysfs directory cannot be made.
    k.log(`scst: ***ERROR***: Can't add device ${name} to sysfs`);
    kfail('EEXIST');
  }
  // The handler directory links each device by name beside its own files.
  refuseFixedName(name, HANDLER_DIR_FILES);
  attach(k, spec, dev);
  attachCopyManager(k, spec, dev);
  k.addDevice(dev);
  recordUsn(k, String(dev.attrs.usn), name);
  if (spec.kind === 'vcdrom') k.log(`dev_vdisk: Attached empty SCSI target virtual cdrom ${name}`);
  else k.log(`dev_vdisk: Attached SCSI target virtual disk ${name} (file="${dev.attrs.filename ?? 'none'}", ${geometry(dev)})`);
  assignCopyManagerLun(k, name);
  k.log(`scst: Attached to virtual device ${name} (id ${dev.id})`);
}

function delDevice(k: Kernel, lexer: Lexer): void {
  const name = k.requireWord(lexer.next(), 'Device name required');
  const extra = lexer.next();
  if (extra !== '') {
    k.log(`scst: ***ERROR***: Syntax error on "${extra}"`);
    kfail('EINVAL');
  }
  const dev = k.device(name);
  if (!dev || !isVdiskHandler(dev.handler)) {
    k.log(`dev_vdisk: ***ERROR***: Device ${name} not found`);
    kfail('EINVAL');
  }
  const id = dev.id;
  const file = dev.attrs.filename ?? 'none';
  k.removeDevice(name);
  k.log(`scst: Detached from virtual device ${name} (id ${id})`);
  k.log(`dev_vdisk: Detached virtual device ${name} ("${file}")`);
  k.log(`dev_vdisk: Virtual device ${name} unregistered`);
}

function handlerModel(spec: VdiskHandlerSpec): HandlerModel {
  return {
    name: spec.name,
    scsiType: spec.scsiType,
    traceTokens: ['order'],
    defaultThreads: spec.defaultThreads,
    copyManagerAuto: true,
    mgmtUsage: () => usage(spec),
    mgmt: (k, data) => {
      const lexer = new Lexer(chompOne(data));
      const verb = lexer.next();
      switch (verb.toLowerCase()) {
        case 'add_device': return addDevice(k, spec, lexer);
        case 'del_device': return delDevice(k, lexer);
        default:
          return k.unknownAction(verb);
      }
    },
    deviceFiles: (k, dev) => vdiskDeviceFiles(k, spec.kind, dev),
    deviceReadOnly: (dev) => num(dev, 'read_only') === 1,
  };
}

registerModule({
  name: 'scst_vdisk',
  requires: ['scst'],
  handlers: SPECS.map(handlerModel),
  drivers: [],
});
