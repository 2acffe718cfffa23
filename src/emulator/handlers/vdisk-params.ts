/**
 * The `add_device` parameter parser of the vdisk handlers (spec §5.2): which names each handler
 * takes, how each value is parsed, and the checks made after parsing.
 */
import type { Kernel } from '../kernel.js';
import { kfail } from '../kernel-error.js';
import { kstrtoll, kstrtoull } from '../numbers.js';
import { MissingValueError, parseParams } from '../tokenizer.js';
import { T10_DEV_ID_MAX } from './vdisk-identity.js';

const STRING_PARAMS = new Set(['filename', 'dif_filename', 'dif_mode', 't10_dev_id']);
/** Every name the parser knows (vdisk_fileio accepts them all, advertised or not). */
const ALL_PARAMS = new Set(['active', 'async', 'bind_alua_state', 'blocksize', 'cluster_mode', 'dif_filename',
  'dif_mode', 'dif_static_app_tag', 'dif_type', 'filename', 'numa_node_id', 'nv_cache', 'o_direct', 'read_only',
  'removable', 'rotational', 'thin_provisioned', 'tst', 't10_dev_id', 'write_through', 'dummy', 'size', 'size_mb',
  'lb_per_pb_exp']);
const DIF_MODE_WORDS = ['tgt', 'scst', 'dev_check', 'dev_store'];

interface ParsedDeviceParams {
  /** Lower-case parameter name → parsed value. */
  values: Map<string, string | bigint>;
}

function logged(k: Kernel, message: string): never {
  k.log(`dev_vdisk: ***ERROR***: ${message}`);
  return kfail('EINVAL');
}

function numberValue(k: Kernel, device: string, name: string, text: string): bigint {
  let signed: bigint;
  try {
    signed = kstrtoll(text);
  } catch (error) {
    k.log(`dev_vdisk: ***ERROR***: strtoll() for ${text} failed: -22 (device ${device})`);
    throw error;
  }
  if (name === 'numa_node_id') return signed;
  try {
    return kstrtoull(text);
  } catch (error) {
    k.log(`dev_vdisk: ***ERROR***: strtoull() for ${text} failed: -22 (device ${device})`);
    throw error;
  }
}

/** Rounded down to a power of two, as scst_calc_block_shift does (with a kernel WARNING). */
function blockSize(k: Kernel, value: bigint): bigint {
  if (value === 0n) return 512n;
  if (value < 512n) kfail('EINVAL');
  let size = 1n;
  while (size * 2n <= value) size *= 2n;
  if (size !== value) {
    k.raw('------------[ cut here ]------------');
    k.raw(`1 << ${size.toString(2).length - 1} != ${value}`);
    k.raw('WARNING: CPU: 0 PID: 1000 at scst/src/scst_lib.c:12403 scst_calc_block_shift+0x6a/0xb0 [scst]');
    k.raw('---[ end trace 0000000000000000 ]---');
  }
  return size;
}

export function parseDeviceParams(k: Kernel, device: string, text: string, allowed: string[] | 'all'): ParsedDeviceParams {
  const values = new Map<string, string | bigint>();
  let params;
  try {
    params = parseParams(text);
  } catch (error) {
    if (error instanceof MissingValueError) {
      k.log(`dev_vdisk: ***ERROR***: Parameter ${error.param} value missed for device ${device}`);
    }
    throw error;
  }
  for (const { name: rawName, value } of params) {
    const name = rawName.toLowerCase();
    const known = allowed === 'all' ? ALL_PARAMS.has(name) : allowed.includes(name);
    if (!known) logged(k, `Unknown parameter ${rawName} (device ${device})`);
    if (STRING_PARAMS.has(name)) {
      if (name === 'filename') {
        if (values.has('filename')) kfail('EINVAL');
        if (!value.startsWith('/')) logged(k, `Filename ${value} must be global (device ${device})`);
      }
      if (name === 'dif_filename' && !value.startsWith('/')) kfail('EINVAL');
      if (name === 't10_dev_id' && value.length > T10_DEV_ID_MAX) kfail('EINVAL');
      if (name === 'dif_mode') {
        for (const word of value.split('|')) if (!DIF_MODE_WORDS.includes(word.toLowerCase())) kfail('EINVAL');
      }
      values.set(name, value);
      continue;
    }
    let number = numberValue(k, device, name, value);
    if (name === 'blocksize') number = blockSize(k, number);
    if (name === 'tst' && number > 1n) kfail('EINVAL');
    if (name === 'dummy' && number > 1n) kfail('EINVAL');
    if (name === 'numa_node_id' && number < -1n) kfail('EINVAL');
    values.set(name, number);
  }
  return { values };
}
