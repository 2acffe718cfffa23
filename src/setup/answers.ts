/**
 * What the wizard asks, as one record, and the engine changes it stands for: the device, the
 * iSCSI driver on, the target (new and enabled, or an existing one), its LUN, who may log in (an
 * initiator group holding the LUN, or everyone through the default LUN set), the allowed portal
 * and the CHAP users. Both the prompts and the flags fill the same record; nothing here writes.
 */
import { basename } from 'node:path';
import type { Host } from '../system/host.js';
import {
  addChapUser, addDevice, addGroup, addInitiator, addLun, addTarget, allowPortal, batch, enableDriver, insertMedia, type Change,
} from '../edit/index.js';

export const DRIVER = 'iscsi';
/** The initiator group the wizard puts listed initiators and their LUN in. */
export const SETUP_GROUP = 'allowed';

export type StorageAnswer =
  | { kind: 'disk'; path: string }
  | { kind: 'file'; path: string; /** Bytes of a new sparse file; undefined: the file exists. */ create?: number }
  | { kind: 'null'; size?: number };

export interface DeviceOptions {
  oDirect?: boolean;
  blockSize4k?: boolean;
  readOnly?: boolean;
  writeThrough?: boolean;
}

export interface ChapAnswer {
  user: string;
  secret: string;
  /** Made here, so shown once at the end. */
  generated: boolean;
  /** Where the secret came from, for the initiator-side lines when it is not shown. */
  source: string;
  /** The user exists on the target already and keeps its secret (the one generated is dropped). */
  kept?: boolean;
}

export interface SetupAnswers {
  storage: StorageAnswer;
  handler: string;
  device: string;
  options: DeviceOptions;
  target: string;
  /** The target exists already: the LUN is added to it. */
  existingTarget: boolean;
  lun?: number;
  /** None: every initiator sees the LUN. */
  initiators: string[];
  portal?: string;
  chap?: ChapAnswer;
  mutualChap?: ChapAnswer;
  installService: boolean;
}

/** The handler a backing store calls for: blockio for block devices, fileio for files, vcdrom for ISO images. */
export function handlerFor(storage: StorageAnswer, isoImage = false): string {
  if (storage.kind === 'disk') return 'vdisk_blockio';
  if (storage.kind === 'null') return 'vdisk_nullio';
  return isoImage ? 'vcdrom' : 'vdisk_fileio';
}

/** An existing file that is a CD or DVD image: named `.iso`, or holding the ISO 9660 signature. */
export async function isIsoImage(host: Host, storage: StorageAnswer): Promise<boolean> {
  return storage.kind === 'file' && storage.create === undefined && (/\.iso$/i.test(storage.path) || (await host.storage.isIso9660(storage.path)));
}

/** The options a vcdrom has no use for: its media is read-only and its blocks are 2048 bytes. */
export const CDROM_FIXED: ReadonlyArray<keyof DeviceOptions> = ['oDirect', 'blockSize4k', 'writeThrough'];

/** A device name from the backing path: its last part without the extension, in SCST's characters. */
export function deviceNameFor(storage: StorageAnswer): string {
  if (storage.kind === 'null') return 'null0';
  const name = basename(storage.path).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_.-]/g, '_');
  return name === '' ? 'disk0' : name;
}

/** The device's creation parameters and attributes, by their SCST names. */
export function deviceAttributes(answers: Pick<SetupAnswers, 'storage' | 'handler' | 'options'>): Record<string, string> {
  const { storage, handler, options } = answers;
  const attributes: Record<string, string> = {};
  // A CD-ROM takes no creation parameter of these: read-only and 2048-byte blocks are its nature.
  if (handler === 'vcdrom') return attributes;
  if (storage.kind !== 'null') attributes.filename = storage.path;
  if (storage.kind === 'null' && storage.size !== undefined) attributes.size = String(storage.size);
  if (options.oDirect && handler === 'vdisk_fileio') Object.assign(attributes, { o_direct: '1', async: '1' });
  if (options.blockSize4k) attributes.blocksize = '4096';
  if (options.readOnly) attributes.read_only = '1';
  if (options.writeThrough && handler !== 'vdisk_nullio') attributes.write_through = '1';
  return attributes;
}

/** The engine changes of a setup, as one batch: one read, one plan, one executor run, one save. */
export function setupChange(answers: SetupAnswers): Change {
  const target = { driver: DRIVER, target: answers.target };
  const grouped = answers.initiators.length > 0;
  const changes: Change[] = [
    addDevice({ name: answers.device, handler: answers.handler, attributes: deviceAttributes(answers) }),
    enableDriver({ driver: DRIVER, enabled: true }),
  ];
  // A CD-ROM is created empty; the image is its media.
  if (answers.handler === 'vcdrom' && answers.storage.kind === 'file') changes.push(insertMedia({ name: answers.device, file: answers.storage.path }));
  if (!answers.existingTarget) changes.push(addTarget({ ...target, attributes: { enabled: '1' } }));
  if (grouped) {
    changes.push(addGroup({ ...target, group: SETUP_GROUP }));
    for (const initiator of answers.initiators) changes.push(addInitiator({ ...target, group: SETUP_GROUP, initiator }));
  }
  changes.push(addLun({ ...target, device: answers.device, ...(answers.lun === undefined ? {} : { lun: answers.lun }), ...(grouped ? { group: SETUP_GROUP } : {}) }));
  if (answers.portal !== undefined) changes.push(allowPortal({ ...target, portal: answers.portal }));
  if (answers.chap) changes.push(addChapUser({ ...target, direction: 'incoming', user: answers.chap.user, secret: answers.chap.secret, keepExisting: answers.chap.generated || answers.chap.kept === true }));
  if (answers.mutualChap) changes.push(addChapUser({ ...target, direction: 'outgoing', user: answers.mutualChap.user, secret: answers.mutualChap.secret, keepExisting: answers.mutualChap.generated || answers.mutualChap.kept === true }));
  const newFiles = answers.storage.kind === 'file' && answers.storage.create !== undefined ? [answers.storage.path] : [];
  return batch(`setup ${answers.target} ${answers.device}`, changes, { newFiles });
}
