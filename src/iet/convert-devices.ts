/**
 * IET LUNs → SCST devices (ietd-conf.md §3.3, §3.4, §4 pitfalls 1, 2, 5–11): one device per
 * backing store, handler by Type, caching that keeps IET's write-through default, identity
 * attributes where SCST can express them, and refusals where the result would corrupt data.
 */
import { dict, type AttrValues, type Handler } from '../model/types.js';
import { validateValue } from '../model/validate.js';
import type { Report, SourceLocation } from './findings.js';
import type { HostProbe } from './host.js';
import type { IetLun, IetTarget } from './ietd-conf.js';
import type { IoType, LunOptions } from './lun-options.js';
import { deviceBase, DeviceNames } from './device-names.js';
import { MSG } from './messages.js';

export interface DeviceOptions {
  skipBrokenLuns?: boolean;
  splitSharedPaths?: boolean;
  blockioWriteBack?: boolean;
  noUsnPadding?: boolean;
  truncateUsn?: boolean;
  keepIetInquiry?: boolean;
  /** The files come from another machine: paths cannot be inspected. */
  offline?: boolean;
}

export interface MappedLun {
  lun: number;
  device: string;
}

export const IET_NULLIO_DEFAULT_BYTES = 64 * 1024 ** 3;
const USN_PADDED_WIDTH = 16;
const USN_MAX = 20;
// Characters SCST's add_device parameter string splits on, or scst.conf cannot carry.
const PARAM_UNSAFE = /[\s;#"{}]/;

type At = Required<SourceLocation>;

interface StoreRecord {
  device: string;
  signature: Signature;
  at: At;
}

interface Signature {
  type: IoType;
  ioMode: string;
  blockSize?: number;
  scsiId?: string;
  scsiSn?: string;
}

const HANDLER: Record<IoType, string> = { fileio: 'vdisk_fileio', blockio: 'vdisk_blockio', nullio: 'vdisk_nullio' };

export class DeviceConverter {
  readonly handlers: Record<string, Handler> = dict();
  readonly names = new DeviceNames();
  private readonly stores = new Map<string, StoreRecord>();
  private readonly scsiIds = new Map<string, { device: string; at: At }>();
  private readonly scsiSns = new Map<string, { device: string; at: At }>();

  constructor(
    private readonly report: Report,
    private readonly host: HostProbe,
    private readonly options: DeviceOptions,
  ) {}

  /** The LUNs of `target` that SCST will serve, each with its device. */
  convertTarget(target: IetTarget): MappedLun[] {
    const mapped: MappedLun[] = [];
    for (const lun of target.luns) {
      const device = this.convertLun(target, lun);
      if (device !== undefined) mapped.push({ lun: lun.number, device });
    }
    return mapped;
  }

  /** A vdisk_nullio `dummy 1` device for LUN 0 of `target` (pitfall 3). */
  placeholder(target: IetTarget): string {
    const { name } = this.names.take(`${deviceBase(target.name)}_lun0_dummy`);
    this.addDevice('vdisk_nullio', name, { dummy: ['1'] });
    return name;
  }

  private convertLun(target: IetTarget, lun: IetLun): string | undefined {
    if (!lun.options) {
      const rejection = lun.rejection ?? { code: 'IET_LUN_UNKNOWN_OPTION', reason: 'rejected' };
      return this.broken(lun, rejection.code, rejection.reason);
    }
    const options = lun.options;
    const construct = lun.text;
    let store: string | undefined;
    let blockSize = options.blockSize;
    if (options.type !== 'nullio') {
      const path = options.path as string;
      if (PARAM_UNSAFE.test(path)) {
        this.report.error({ code: 'IET_PATH_UNREPRESENTABLE', treatment: 'refused', at: lun.at, construct, message: MSG.pathUnrepresentable('Path', path) });
        return undefined;
      }
      const checked = this.inspectPath(lun, options, path);
      if (checked === 'broken') return undefined;
      store = checked.store;
      blockSize = checked.blockSize;
    }
    if (options.scsiId !== undefined && PARAM_UNSAFE.test(options.scsiId)) {
      this.report.error({ code: 'IET_SCSI_ID_UNREPRESENTABLE', treatment: 'refused', at: lun.at, construct, message: MSG.pathUnrepresentable('ScsiId', options.scsiId) });
      return undefined;
    }
    const signature: Signature = { type: options.type, ioMode: options.ioMode ?? 'wt', blockSize: options.blockSize, scsiId: options.scsiId, scsiSn: options.scsiSn };
    if (store !== undefined) {
      const shared = this.shared(lun, store, signature);
      if (shared !== undefined) return shared === false ? undefined : shared;
    }
    const attributes = this.attributes(lun, options, blockSize);
    if (!attributes) return undefined;
    const { name, renamed } = this.names.take(`${deviceBase(target.name)}_${lun.number}`);
    if (renamed) {
      this.report.info({ code: 'IET_DEVICE_RENAMED', treatment: 'faithful', at: lun.at, construct, message: MSG.deviceRenamed(name, `${deviceBase(target.name)}_${lun.number}`) });
    }
    if (!this.uniqueIdentity(lun, name, options)) return undefined;
    this.addDevice(HANDLER[options.type], name, attributes);
    if (store !== undefined) this.stores.set(store, { device: name, signature, at: lun.at });
    this.identityFinding(lun, options);
    this.report.info({ code: 'IET_CARRIED', treatment: 'faithful', at: lun.at, construct, message: `LUN ${lun.number} carried as device ${name} (${HANDLER[options.type]})` });
    return name;
  }

  /** Host checks IET made when it opened the store; 'broken' when IET would have refused the LUN. */
  private inspectPath(lun: IetLun, options: LunOptions, path: string): 'broken' | { store: string; blockSize?: number } {
    const kind = this.options.offline ? undefined : this.host.kind(path);
    if (kind === undefined || kind === 'missing') {
      if (kind === 'missing') this.report.warning({ code: 'IET_PATH_NOT_FOUND', treatment: 'approx', at: lun.at, construct: lun.text, message: MSG.pathNotFound(path) });
      if (options.type === 'blockio' && options.blockSize === undefined) this.blockSizeUnknown(lun, path);
      return { store: path, blockSize: options.blockSize };
    }
    if (kind === 'other') return this.broken(lun, 'IET_PATH_NOT_FILE_OR_DEVICE', MSG.notRegularOrBlock(path)) ?? 'broken';
    if (options.type === 'blockio' && kind === 'file') return this.broken(lun, 'IET_BLOCKIO_ON_FILE', MSG.blockioOnFile(path)) ?? 'broken';
    const store = this.host.realpath(path) ?? path;
    if (options.type !== 'blockio') return { store, blockSize: options.blockSize };
    const deviceSize = this.host.logicalBlockSize(path);
    if (options.blockSize !== undefined) {
      if (deviceSize !== undefined && options.blockSize < deviceSize) {
        return this.broken(lun, 'IET_LUN_BAD_VALUE', MSG.blockSizeBelowDevice(options.blockSize, deviceSize)) ?? 'broken';
      }
      return { store, blockSize: options.blockSize };
    }
    if (deviceSize === undefined) {
      this.blockSizeUnknown(lun, path);
      return { store };
    }
    this.report.info({ code: 'IET_BLOCKSIZE_FROM_DEVICE', treatment: 'faithful', at: lun.at, construct: lun.text, message: MSG.blockSizeFromDevice(deviceSize) });
    return { store, blockSize: deviceSize };
  }

  /** IET took a blockio LUN's block size from the device; SCST needs it written, and here it is not known. */
  private blockSizeUnknown(lun: IetLun, path: string): void {
    this.report.warning({ code: 'IET_BLOCKSIZE_UNKNOWN', treatment: 'approx', at: lun.at, construct: lun.text, message: MSG.blockSizeUnknown(path) });
  }

  /** A LUN IET did not serve: an error, or (with --skip-broken-luns) left out as IET did. Always undefined. */
  private broken(lun: IetLun, code: string, reason: string): undefined {
    if (this.options.skipBrokenLuns) {
      this.report.warning({ code, treatment: 'dropped', at: lun.at, construct: lun.text, message: MSG.lunSkipped(lun.number, reason) });
    } else {
      this.report.error({ code, treatment: 'refused', at: lun.at, construct: lun.text, message: `${MSG.lunRejected(lun.number, reason)}; ${MSG.lunRejectedHint}` });
    }
    return undefined;
  }

  /** Device name when the store is already a device; false when refused; undefined to create one. */
  private shared(lun: IetLun, store: string, signature: Signature): string | false | undefined {
    const earlier = this.stores.get(store);
    if (!earlier) return undefined;
    const differing = (Object.keys(signature) as Array<keyof Signature>).filter((k) => signature[k] !== earlier.signature[k]);
    if (differing.length === 0) {
      this.report.info({ code: 'IET_SHARED_PATH_ONE_DEVICE', treatment: 'faithful', at: lun.at, construct: lun.text, message: MSG.sharedPath(earlier.device, earlier.at) });
      if (signature.type === 'blockio') {
        // IET's blockio opened its device exclusively, so this second LUN cannot have come up there.
        this.report.warning({ code: 'IET_SHARED_BLOCKIO', treatment: 'approx', at: lun.at, construct: lun.text, message: MSG.sharedBlockio(earlier.at) });
      }
      this.identityFinding(lun, { scsiSn: signature.scsiSn });
      return earlier.device;
    }
    if (!this.options.splitSharedPaths) {
      this.report.error({ code: 'IET_SHARED_PATH_CONFLICT', treatment: 'refused', at: lun.at, construct: lun.text, message: MSG.sharedPathConflict(earlier.at, differing) });
      return false;
    }
    this.report.warning({ code: 'IET_SHARED_PATH_SPLIT', treatment: 'approx', at: lun.at, construct: lun.text, message: MSG.sharedPathSplit(earlier.at, differing) });
    return undefined;
  }

  private attributes(lun: IetLun, options: LunOptions, blockSize: number | undefined): AttrValues | undefined {
    const attrs: AttrValues = dict();
    const at = lun.at;
    const construct = lun.text;
    if (options.path !== undefined) attrs.filename = [options.path];
    if (blockSize !== undefined) attrs.blocksize = [String(blockSize)];
    if (options.type === 'nullio') {
      const bytes = options.blocks !== undefined ? options.blocks * (options.blockSize ?? 512) : IET_NULLIO_DEFAULT_BYTES;
      attrs.size = [String(bytes)];
      if (options.blocks === undefined) this.report.info({ code: 'IET_NULLIO_SIZE', treatment: 'faithful', at, construct, message: MSG.nullioSize(bytes, true) });
    } else if (options.ioMode === 'ro') {
      // SCST refuses write options on a read-only device (pitfall 2).
      attrs.read_only = ['1'];
    } else if (options.type === 'fileio') {
      if (options.ioMode !== 'wb') attrs.write_through = ['1'];
    } else if (this.options.blockioWriteBack) {
      this.report.warning({ code: 'IET_BLOCKIO_WCE_CHANGES', treatment: 'approx', at, construct, message: MSG.blockioWriteBack });
    } else {
      attrs.write_through = ['1'];
      if (options.ioMode === 'wb') this.report.warning({ code: 'IET_BLOCKIO_WB_IGNORED', treatment: 'faithful', at, construct, message: MSG.blockioWbIgnored });
      else this.report.info({ code: 'IET_BLOCKIO_WRITE_THROUGH', treatment: 'approx', at, construct, message: MSG.blockioWt });
    }
    if (options.scsiId !== undefined) {
      attrs.t10_dev_id = [options.scsiId];
      this.report.info({ code: 'IET_SCSI_ID_APPROX', treatment: 'approx', at, construct, message: MSG.scsiIdApprox });
    }
    if (options.scsiSn !== undefined) {
      const usn = this.usn(lun, options.scsiSn);
      if (usn === undefined) return undefined;
      attrs.usn = [usn];
    }
    if (this.options.keepIetInquiry) {
      attrs.t10_vend_id = ['IET'];
      attrs.prod_id = ['VIRTUAL-DISK'];
    }
    for (const [name, values] of Object.entries(attrs)) {
      // The usn's leading blanks are deliberate (IET's right-aligned serial), so only its text is checked.
      const value = name === 'usn' ? (values[0] as string).trimStart() : (values[0] as string);
      const problem = validateValue('device', HANDLER[options.type], name, value).find((p) => p.severity === 'error');
      if (problem) {
        this.report.error({ code: 'IET_VALUE_UNREPRESENTABLE', treatment: 'refused', at, construct, message: problem.message });
        return undefined;
      }
    }
    return attrs;
  }

  private usn(lun: IetLun, sn: string): string | undefined {
    const at = lun.at;
    const construct = lun.text;
    if (sn.length <= USN_PADDED_WIDTH) {
      if (this.options.noUsnPadding) return sn;
      if (sn.length < USN_PADDED_WIDTH) this.report.info({ code: 'IET_USN_PADDED', treatment: 'faithful', at, construct, message: MSG.usnPadded });
      return sn.padStart(USN_PADDED_WIDTH, ' ');
    }
    if (sn.length <= USN_MAX) {
      this.report.warning({ code: 'IET_USN_UNPADDED', treatment: 'approx', at, construct, message: MSG.usnUnpadded });
      return sn;
    }
    if (this.options.truncateUsn) {
      this.report.warning({ code: 'IET_USN_TRUNCATED', treatment: 'approx', at, construct, message: MSG.usnTruncated });
      return sn.slice(0, USN_MAX);
    }
    this.report.error({ code: 'IET_USN_TOO_LONG', treatment: 'refused', at, construct, message: MSG.usnTooLong(sn.length) });
    return undefined;
  }

  /** The same ScsiId/ScsiSN on two different stores makes initiators merge two disks (pitfall 6). */
  private uniqueIdentity(lun: IetLun, device: string, options: LunOptions): boolean {
    let ok = true;
    const check = (value: string | undefined, seen: Map<string, { device: string; at: At }>, code: string, message: (v: string, at: At) => string): void => {
      if (value === undefined) return;
      const earlier = seen.get(value);
      if (earlier && earlier.device !== device) {
        this.report.error({ code, treatment: 'refused', at: lun.at, construct: lun.text, message: message(value, earlier.at) });
        ok = false;
        return;
      }
      seen.set(value, { device, at: lun.at });
    };
    check(options.scsiId, this.scsiIds, 'IET_SCSI_ID_DUPLICATE', MSG.scsiIdDuplicate);
    check(options.scsiSn, this.scsiSns, 'IET_SCSI_SN_DUPLICATE', MSG.scsiSnDuplicate);
    return ok;
  }

  private identityFinding(lun: IetLun, options: Pick<LunOptions, 'scsiSn'>): void {
    const serialKept = options.scsiSn !== undefined && options.scsiSn.length <= USN_PADDED_WIDTH && !this.options.noUsnPadding;
    const pages = serialKept ? 'VPD page 0x83' : 'VPD pages 0x83 and 0x80';
    this.report.warning({ code: 'IET_IDENTITY_CHANGES', treatment: 'approx', at: lun.at, construct: lun.text, message: MSG.identityChanges(lun.number, pages) });
  }

  private addDevice(handler: string, name: string, attributes: AttrValues): void {
    this.handlers[handler] ??= { name: handler, attributes: dict(), devices: dict() };
    (this.handlers[handler] as Handler).devices[name] = { name, handler, attributes };
  }
}
