/**
 * The answers from flags (`setup --yes …`): every question has a flag; an answer with a safe
 * default takes it (the lowest free LUN, everyone may log in, no CHAP), the others — the storage
 * and the target — are named when missing, so a provisioning script learns every gap at once.
 */
import { badInput, UserError } from '../errors.js';
import { obtainSecret, checkTargetNames, type SecretSource } from '../edit/index.js';
import { byteSize } from '../emulator/simulation.js';
import type { Host } from '../system/host.js';
import { CDROM_FIXED, deviceNameFor, DRIVER, handlerFor, isIsoImage, type ChapAnswer, type DeviceOptions, type SetupAnswers, type StorageAnswer } from './answers.js';
import { freeDisks, type HostSurvey } from './host-survey.js';
import { setupMessages as msg } from './messages.js';

export interface SetupFlagValues {
  disk?: string;
  file?: string;
  size?: string;
  null?: boolean;
  handler?: string;
  'device-name'?: string;
  'o-direct'?: boolean;
  '4k-blocks'?: boolean;
  'read-only'?: boolean;
  'write-through'?: boolean;
  target?: string;
  lun?: number;
  initiator?: string[];
  portal?: string;
  'chap-user'?: string;
  'chap-secret-file'?: string;
  'generate-secret'?: boolean;
  'mutual-chap-user'?: string;
  'mutual-chap-secret-file'?: string;
  'generate-mutual-secret'?: boolean;
  'install-service'?: boolean;
}

/** The flag of each device option. */
const OPTION_FLAGS: Record<keyof DeviceOptions, string> = { oDirect: '--o-direct', blockSize4k: '--4k-blocks', readOnly: '--read-only', writeThrough: '--write-through' };

/** The flags whose answers are missing and have no safe default. */
export function missingFlags(flags: SetupFlagValues): string[] {
  const missing: string[] = [];
  if (flags.disk === undefined && flags.file === undefined && !flags.null) missing.push('--disk DEVICE | --file PATH [--size SIZE] | --null');
  if (flags.target === undefined) missing.push('--target IQN');
  if (flags['chap-user'] !== undefined && flags['chap-secret-file'] === undefined && !flags['generate-secret']) missing.push('--chap-secret-file FILE | --generate-secret');
  if (flags['mutual-chap-user'] !== undefined && flags['mutual-chap-secret-file'] === undefined && !flags['generate-mutual-secret']) missing.push('--mutual-chap-secret-file FILE | --generate-mutual-secret');
  return missing;
}

export async function answersFromFlags(flags: SetupFlagValues, host: Host, survey: HostSurvey): Promise<SetupAnswers> {
  const missing = missingFlags(flags);
  if (missing.length > 0) throw badInput(msg.missingAnswers(missing), { hint: msg.missingHint, code: 'SETUP_MISSING_ANSWERS' });
  const storage = await storageFromFlags(flags, host, survey);
  const device = flags['device-name'] ?? freeDeviceName(storage, survey);
  checkFree(storage, device, survey);
  const target = flags.target!;
  checkTargetNames(DRIVER, target);
  if (flags['mutual-chap-user'] !== undefined && flags['chap-user'] === undefined) throw badInput(msg.mutualNeedsChap, { object: '--mutual-chap-user', code: 'SETUP_MISSING_ANSWERS' });
  const chap = flags['chap-user'] === undefined ? undefined : await chapFromFlags(flags['chap-user'], flags['chap-secret-file'], flags['generate-secret']);
  const mutualChap = flags['mutual-chap-user'] === undefined ? undefined : await chapFromFlags(flags['mutual-chap-user'], flags['mutual-chap-secret-file'], flags['generate-mutual-secret']);
  const handler = flags.handler ?? handlerFor(storage, await isIsoImage(host, storage));
  const options: DeviceOptions = { oDirect: flags['o-direct'], blockSize4k: flags['4k-blocks'], readOnly: flags['read-only'], writeThrough: flags['write-through'] };
  if (handler === 'vcdrom') {
    const fixed = CDROM_FIXED.filter((option) => options[option]);
    if (fixed.length > 0) throw badInput(msg.cdromFixed(fixed.map((o) => OPTION_FLAGS[o])), { object: storage.kind === 'null' ? 'vcdrom' : storage.path, hint: msg.cdromFixedHint, code: 'SETUP_STORAGE' });
  }
  return {
    storage,
    handler,
    device,
    options,
    target,
    existingTarget: survey.targets.includes(target),
    ...(flags.lun === undefined ? {} : { lun: flags.lun }),
    initiators: flags.initiator ?? [],
    ...(flags.portal === undefined ? {} : { portal: flags.portal }),
    ...(chap ? { chap } : {}),
    ...(mutualChap ? { mutualChap } : {}),
    installService: flags['install-service'] ?? false,
  };
}

async function storageFromFlags(flags: SetupFlagValues, host: Host, survey: HostSurvey): Promise<StorageAnswer> {
  const given = [flags.disk !== undefined, flags.file !== undefined, flags.null === true].filter(Boolean).length;
  if (given > 1) throw badInput(msg.oneStorage, { object: '--disk/--file/--null', code: 'SETUP_STORAGE' });
  const size = flags.size === undefined ? undefined : byteSize(flags.size);
  if (flags.size !== undefined && size === undefined) throw badInput(`not a size: ${flags.size}`, { object: '--size', hint: 'a number of bytes, optionally with K, M, G or T (e.g. 10G)', code: 'SETUP_STORAGE' });
  if (flags.null) return { kind: 'null', ...(size === undefined ? {} : { size }) };
  if (flags.disk !== undefined) {
    if (!survey.disks.some((d) => d.path === flags.disk)) throw badInput(msg.notBlock, { object: flags.disk, code: 'SETUP_STORAGE' });
    return { kind: 'disk', path: flags.disk };
  }
  const path = flags.file!;
  const found = await host.storage.lookup(path);
  if (!found) {
    if (size === undefined) throw badInput(msg.fileMissing, { object: path, code: 'SETUP_STORAGE' });
    return { kind: 'file', path, create: size };
  }
  if (found.kind !== 'file') throw badInput(msg.notRegularFile, { object: path, code: 'SETUP_STORAGE' });
  // The same size again is a re-run of the same line; another size would be a resize.
  if (size !== undefined && found.size !== size) throw badInput(msg.sizeForExisting, { object: path, code: 'FILE_EXISTS' });
  return { kind: 'file', path };
}

/**
 * The device name for a backing store: from its path (`/srv/a/disk.img` → `disk`), with `_2`,
 * `_3`… added when another device has the name already. A path this naming exported before
 * keeps its device, so a re-run of the same setup finds it. A null device is always `null0`.
 */
export function freeDeviceName(storage: StorageAnswer, survey: HostSurvey): string {
  const base = deviceNameFor(storage);
  if (storage.kind === 'null') return base;
  const named = (name: string) => name === base || (name.startsWith(`${base}_`) && /^\d+$/.test(name.slice(base.length + 1)));
  const owner = survey.exported.get(storage.path);
  if (owner !== undefined) return named(owner) ? owner : base;
  const taken = new Set(survey.devices);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  return name;
}

/** A disk nothing holds; exported already only as this very device (a re-run of the same setup). */
export function checkFree(storage: StorageAnswer, device: string, survey: HostSurvey): void {
  if (storage.kind === 'null') return;
  const owner = survey.exported.get(storage.path);
  if (owner !== undefined && owner !== device) throw badInput(msg.diskNotFree(`already SCST device ${owner}`), { object: storage.path, hint: msg.diskNotFreeHint, code: 'SETUP_STORAGE' });
  if (storage.kind !== 'disk' || owner === device) return;
  if (!freeDisks(survey).some((d) => d.path === storage.path)) {
    const held = survey.disks.find((d) => d.path === storage.path)?.usedBy ?? msg.notBlock;
    throw badInput(msg.diskNotFree(held), { object: storage.path, hint: msg.diskNotFreeHint, code: 'SETUP_STORAGE' });
  }
}

async function chapFromFlags(user: string, file: string | undefined, generate: boolean | undefined): Promise<ChapAnswer> {
  const source: SecretSource = file !== undefined ? { kind: 'file', path: file } : { kind: 'generate' };
  const noTerminal = { readStdin: () => Promise.reject(new UserError('no secret source')), promptTwice: () => Promise.reject(new UserError('no secret source')) };
  const obtained = await obtainSecret(user, source, noTerminal);
  return { user, secret: obtained.secret, generated: obtained.generated && generate === true, source: file === undefined ? 'generated' : msg.secretInFile(file) };
}
