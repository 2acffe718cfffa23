/**
 * The `add_device` parameter parser of the vdisk handlers (vdev_parse_add_dev_params, spec
 * §5.2). Parameters are checked one at a time in the order written, and each in the kernel's
 * order, so the first fault decides the errno: an empty name, a name outside the handler's list
 * (vdisk_fileio has no list: an unknown name is only refused after its value parsed as a
 * number), a missing value, a third word, then the value — strings by their own rules, numbers
 * through kstrtoll (ERANGE beyond 2^63-1) and, but for numa_node_id, kstrtoull (no `-`), then
 * the per-parameter ranges. After the list: the size must be a whole number of blocks.
 */
import type { Kernel } from '../kernel.js';
import { kfail, noteFailure } from '../kernel-error.js';
import { kstrtoll, kstrtoull, toCInt } from '../numbers.js';
import { paramTokens } from '../tokenizer.js';
import { blockSizeOfShift, calcBlockShift } from './vdisk-geometry.js';
import { T10_DEV_ID_MAX } from './vdisk-identity.js';

/** Every name the parser knows (vdisk_fileio accepts them all, advertised or not). */
const NUMBER_PARAMS = new Set(['active', 'async', 'bind_alua_state', 'blocksize', 'cluster_mode', 'dif_static_app_tag',
  'dif_type', 'numa_node_id', 'nv_cache', 'o_direct', 'read_only', 'removable', 'rotational', 'thin_provisioned', 'tst',
  'write_through', 'dummy', 'size', 'size_mb', 'lb_per_pb_exp']);
/** DIF mode words in the order the kernel shows them. */
const DIF_MODE_WORDS = ['tgt', 'scst', 'dev_check', 'dev_store'];

interface ParsedDeviceParams {
  /** Lower-case parameter name → parsed value (numbers as the kernel keeps them). */
  values: Map<string, string | bigint>;
  /** blk_shift as parsed (undefined: the handler's default). */
  blockShift?: number;
}

function refuse(k: Kernel, message: string): never {
  k.log(`dev_vdisk: ***ERROR***: ${message}`);
  return kfail('EINVAL');
}

/** A number through one kstrto* parser, logging its failure as the kernel does. */
function parsed(k: Kernel, parser: (text: string) => bigint, label: string, text: string, device: string): bigint {
  return noteFailure(() => parser(text), (code) => k.log(`dev_vdisk: ***ERROR***: ${label}() for ${text} failed: ${code} (device ${device})`));
}

/** `tgt|scst|…`: words (case-insensitive) between `|`; one trailing `|` is allowed. Canonical form. */
function difMode(k: Kernel, value: string): string {
  const words = value.split('|');
  if (words.length > 1 && words[words.length - 1] === '') words.pop();
  const chosen = new Set<string>();
  for (const word of words) {
    const known = DIF_MODE_WORDS.find((w) => w === word.toLowerCase());
    if (!known) refuse(k, `Error parsing DIF mode ${value}`);
    chosen.add(known);
  }
  return DIF_MODE_WORDS.filter((w) => chosen.has(w)).join('|');
}

function stringParam(k: Kernel, device: string, name: string, value: string, values: Map<string, string | bigint>): void {
  if (name === 'filename') {
    if (values.has('filename')) refuse(k, `${name} specified more than once (device ${device})`);
    if (!value.startsWith('/')) refuse(k, `Filename ${value} must be global (device ${device})`);
  } else if (name === 'dif_filename') {
    if (!value.startsWith('/')) refuse(k, `DIF filename ${value} must be global (device ${device})`);
  } else if (name === 't10_dev_id') {
    if (Buffer.byteLength(value) > T10_DEV_ID_MAX) {
      k.log(`dev_vdisk: ***ERROR***: T10 device id is too long (max ${T10_DEV_ID_MAX} characters)`);
      refuse(k, `Failed to set ${value} t10_dev_id`);
    }
  } else if (name === 'dif_mode') {
    const previous = values.get('dif_mode');
    // Given twice, the modes add up.
    value = difMode(k, typeof previous === 'string' && previous !== '' ? `${previous}|${value}` : value);
  }
  values.set(name, value);
}

export function parseDeviceParams(k: Kernel, device: string, text: string, allowed: string[] | 'all'): ParsedDeviceParams {
  const result: ParsedDeviceParams = { values: new Map() };
  const { values } = result;
  for (const token of paramTokens(text)) {
    const rawName = token.next();
    if (rawName === '') refuse(k, `Syntax error at  (device ${device})`);
    const name = rawName.toLowerCase();
    if (allowed !== 'all' && !allowed.includes(name)) refuse(k, `Unknown parameter ${rawName} (device ${device})`);
    const value = token.next();
    if (value === '') refuse(k, `Parameter ${rawName} value missed for device ${device}`);
    if (token.next() !== '') refuse(k, `Too many parameter's ${rawName} values (device ${device})`);
    if (name === 'filename' || name === 'dif_filename' || name === 'dif_mode' || name === 't10_dev_id') {
      stringParam(k, device, name, value, values);
      continue;
    }
    const signed = parsed(k, kstrtoll, 'strtoll', value, device);
    if (name === 'numa_node_id') {
      // Kept in an int: 4294967295 reads as -1.
      const node = toCInt(signed);
      if (node < -1) kfail('EINVAL');
      values.set(name, BigInt(node));
      continue;
    }
    const number = parsed(k, kstrtoull, 'strtoull', value, device);
    if (!NUMBER_PARAMS.has(name)) refuse(k, `Unknown parameter ${rawName} (device ${device})`);
    if (name === 'dummy' && number > 1n) kfail('EINVAL');
    if (name === 'tst' && number > 1n) refuse(k, `Invalid TST value ${BigInt.asIntN(64, number)}`);
    if (name === 'blocksize') {
      const shift = calcBlockShift(k, number);
      if (shift < 9) refuse(k, `blocksize ${number} too small`);
      result.blockShift = shift;
    }
    values.set(name, number);
  }
  return result;
}

/** The size check after the list (a whole number of blocks), with the handler's defaults. */
export function checkSizeAgainstBlocks(k: Kernel, size: bigint, blockShift: number): void {
  if ((size & ((1n << BigInt(blockShift)) - 1n)) !== 0n) {
    refuse(k, `Device size ${BigInt.asIntN(64, size)} is not a multiple of the block size ${blockSizeOfShift(blockShift)}`);
  }
}
