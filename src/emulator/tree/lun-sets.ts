/**
 * LUN sets (spec §3.4): `targets/DRV/T/luns/` and `…/ini_groups/G/luns/`, with their mgmt
 * grammar (add / del / replace / replace_no_ua / clear) and the per-LUN directories.
 */
import { type Kernel, SCST_MAX_LUN } from '../kernel.js';
import { KernelError, kfail, negativeErrno, noteFailure } from '../kernel-error.js';
import { Dir, constFile, keyed, link, rwFile } from '../nodes.js';
import { kstrtoul, kstrtoull } from '../numbers.js';
import type { DeviceState, LunRef, LunState } from '../state.js';
import { Lexer, chompOne, paramTokens } from '../tokenizer.js';

const LUNS_USAGE = 'Usage: echo "add H:C:I:L lun [parameters]" >mgmt\n' +
  '       echo "add VNAME lun [parameters]" >mgmt\n' +
  '       echo "del lun" >mgmt\n' +
  '       echo "replace H:C:I:L lun [parameters]" >mgmt\n' +
  '       echo "replace VNAME lun [parameters]" >mgmt\n' +
  '       echo "replace_no_ua H:C:I:L lun [parameters]" >mgmt\n' +
  '       echo "replace_no_ua VNAME lun [parameters]" >mgmt\n' +
  '       echo "clear" >mgmt\n' +
  '\nwhere parameters are one or more param_name=value pairs separated by \';\'\n' +
  '\nThe following parameters available: read_only\n';

type SetRef = Omit<LunRef, 'lun'>;

/** A LUN number; `device` names the device being mapped (for SCST's message), if any. */
function parseLun(k: Kernel, text: string, device?: string): number {
  let lun: number;
  try {
    if (text === '') kfail('EINVAL');
    lun = kstrtoul(text);
  } catch (error) {
    if (device !== undefined && error instanceof KernelError) {
      k.log(`scst: ***ERROR***: Valid LUN required for dev ${device} (res ${negativeErrno(error.errno)})`);
    }
    throw error;
  }
  if (lun > SCST_MAX_LUN) {
    k.log(`scst: ***ERROR***: Too big LUN ${lun} (max ${SCST_MAX_LUN})`);
    kfail('EINVAL');
  }
  return lun;
}

/**
 * The LUN parameters (scst_parse_add_repl_param), one at a time: a name, a value, nothing more,
 * the value through kstrtoul — before the name is looked at, so `bogus=99999999999999999999`
 * is ERANGE — and only `read_only` (any non-zero value) is known.
 */
function parseReadOnly(k: Kernel, rest: string, device: string): boolean {
  let readOnly = false;
  for (const token of paramTokens(rest)) {
    const name = token.next();
    if (name === '') {
      k.log(`scst: ***ERROR***: Syntax error at  (device ${device})`);
      kfail('EINVAL');
    }
    const value = token.next();
    if (value === '') {
      k.log(`scst: ***ERROR***: Parameter ${name} value missed for device ${device}`);
      kfail('EINVAL');
    }
    if (token.next() !== '') {
      k.log(`scst: ***ERROR***: Too many parameter ${name} values (device ${device})`);
      kfail('EINVAL');
    }
    const number = noteFailure(() => kstrtoull(value),
      (code) => k.log(`scst: ***ERROR***: kstrtoul() for ${value} failed: ${code} (device ${device})`));
    if (name.toLowerCase() !== 'read_only') {
      k.log(`scst: ***ERROR***: Unknown parameter ${name} (device ${device})`);
      kfail('EINVAL');
    }
    readOnly = number !== 0n;
  }
  return readOnly;
}

/** DIF is active on a device when it has a DIF type and mode (vdisk dif_type/dif_mode). */
function hasDif(device: DeviceState): boolean {
  return Number(device.attrs.dif_type ?? 0) !== 0 && String(device.attrs.dif_mode ?? '') !== '';
}

function setLabel(ref: SetRef): string {
  return ref.group ?? ref.target;
}

/** Bits of the flags SCST logs when it maps a LUN. */
const LUN_FLAG_READ_ONLY = 0x1;
const LUN_FLAG_NEW = 0x2;
const LUN_FLAG_INQUIRY_UA = 0x8;

/** `replace` tells initiators (INQUIRY DATA HAS CHANGED) unless it is `replace_no_ua`. */
function addOrReplace(k: Kernel, ref: SetRef, lexer: Lexer, replace: boolean, ua = replace): void {
  const deviceName = lexer.next();
  const lunText = lexer.next();
  const device = deviceName === '' ? undefined : k.device(deviceName);
  if (!device) {
    k.log(`scst: ***ERROR***: Device '${deviceName}' not found`);
    kfail('EINVAL');
  }
  const lun = parseLun(k, lunText, deviceName);
  const readOnly = parseReadOnly(k, lexer.rest(), deviceName);
  if (ref.driver === 'copy_manager' && readOnly) kfail('EINVAL');
  if (hasDif(device) && !k.driverModel(ref.driver)?.dif) {
    k.log(`scst: ***ERROR***: Target driver ${ref.driver} does not support DIF (device ${deviceName})`);
    kfail('EINVAL');
  }
  const set = k.lunSet(ref);
  const existing = set[String(lun)];
  if (existing && !replace) {
    k.log(`scst: ***ERROR***: virt lun ${lun} already exists in group ${setLabel(ref)}`);
    kfail('EEXIST');
  }
  if (existing) k.removeLun({ ...ref, lun });
  k.addLun({ ...ref, lun }, deviceName, readOnly);
  const flags = (readOnly ? LUN_FLAG_READ_ONLY : 0) | (existing ? 0 : LUN_FLAG_NEW) | (ua ? LUN_FLAG_INQUIRY_UA : 0);
  k.log(`scst: Added device ${deviceName} to group ${setLabel(ref)} (LUN ${lun}, flags 0x${flags.toString(16)}) ` +
    `to target ${ref.target}`);
}

export function lunsMgmt(k: Kernel, ref: SetRef, data: string): void {
  const lexer = new Lexer(chompOne(data));
  const verb = lexer.next();
  switch (verb.toLowerCase()) {
    case 'add':
      return addOrReplace(k, ref, lexer, false);
    case 'replace':
      return addOrReplace(k, ref, lexer, true);
    case 'replace_no_ua':
      return addOrReplace(k, ref, lexer, true, false);
    case 'del': {
      const lunText = lexer.next();
      if (lunText === '' || lexer.next() !== '') kfail('EINVAL');
      const lun = parseLun(k, lunText);
      if (!k.lunSet(ref)[String(lun)]) {
        k.log(`scst: ***ERROR***: Device is not found in group ${setLabel(ref)}`);
        kfail('EINVAL');
      }
      k.removeLun({ ...ref, lun });
      return;
    }
    case 'clear': {
      if (lexer.next() !== '') kfail('EINVAL');
      k.log(`scst: Removed all devices from group ${setLabel(ref)}`);
      for (const lun of Object.keys(k.lunSet(ref))) k.removeLun({ ...ref, lun: Number(lun) });
      return;
    }
    default:
      return k.unknownAction(verb);
  }
}

function lunDir(k: Kernel, lun: LunState, depth: number): Dir {
  const device = k.device(lun.device);
  const handler = device?.handler ? k.handlerModel(device.handler) : undefined;
  const readOnly = lun.readOnly || (device !== undefined && handler?.deviceReadOnly?.(device) === true);
  return new Dir()
    .add('read_only', constFile(keyed(readOnly ? 1 : 0, readOnly)))
    .add('device', link(`${'../'.repeat(depth)}devices/${lun.device}`));
}

/** The `luns/` directory of a target (depth 5 to the root) or a group (depth 7). */
export function lunSetDir(k: Kernel, ref: SetRef): Dir {
  const depth = ref.group === null ? 5 : 7;
  const set = (): Record<string, LunState> => k.lunSet(ref);
  return new Dir()
    .add('mgmt', () => rwFile(() => LUNS_USAGE, (data) => k.work(() => lunsMgmt(k, ref, data))))
    .addDynamic({
      allDirs: true,
      names: () => Object.keys(set()),
      child: (name) => {
        const lun = /^\d+$/.test(name) ? set()[String(Number(name))] : undefined;
        return lun && String(Number(name)) === name ? lunDir(k, lun, depth) : undefined;
      },
    });
}
