/**
 * Pass-through device handlers (`dev_disk`, `dev_tape`, `dev_cdrom`, …; spec §3.2, §5.7). They
 * create nothing: every local SCSI device is already `devices/H:C:I:L` (without a handler) once
 * SCST is loaded, and `add_device H:C:I:L` binds it to the handler whose SCSI type it has.
 */
import type { Kernel } from '../kernel.js';
import { kfail } from '../kernel-error.js';
import type { HandlerModel, ModuleModel } from '../models.js';
import { registerModule } from '../module-registry.js';
import { scsiTypeText } from '../scsi-types.js';
import { scanDecimal, toCInt } from '../numbers.js';
import { Lexer } from '../tokenizer.js';

export const PASSTHROUGH_MGMT_USAGE =
  'Usage: echo "add_device H:C:I:L" >mgmt\n' +
  '       echo "del_device H:C:I:L" >mgmt\n' +
  '\n';

/** Threads a pass-through device gets when bound (threads_num default). */
const PASSTHROUGH_THREADS = 1;

/**
 * `H:C:I:L` as `sscanf("%u:%u:%u:%llu")` reads it: four decimal numbers (blanks before each
 * skipped, junk after the last ignored), the first three cut to 32 bits, the LUN to 64.
 */
function scanHctl(text: string): bigint[] | undefined {
  const numbers: bigint[] = [];
  let rest = text;
  for (let i = 0; i < 4; i++) {
    if (i > 0) {
      if (!rest.startsWith(':')) return undefined;
      rest = rest.slice(1);
    }
    const scanned = scanDecimal(rest, { signed: false });
    if (!scanned) return undefined;
    numbers.push(i < 3 ? BigInt.asUintN(32, scanned.bits) : scanned.bits);
    rest = rest.slice(scanned.end);
  }
  return numbers;
}

/** The numbers of a local SCSI device's `H:C:I:L` name. */
function hctlNumbers(hctl: string): bigint[] {
  return hctl.split(':').map((part) => BigInt(part));
}

/**
 * The local SCSI devices of the host as SCST registers them when it loads: `devices/H:C:I:L`
 * of the device's SCSI type, bound to no handler yet.
 */
export function registerLocalScsiDevices(k: Kernel): void {
  for (const scsi of k.state.host.scsiDevices) {
    if (k.device(scsi.hctl)) continue;
    const device = k.newDevice(scsi.hctl, null, scsi.type, -1);
    if (scsi.model !== undefined) device.attrs.model = scsi.model;
    k.addDevice(device);
  }
}

/**
 * `add_device H:C:I:L` / `del_device H:C:I:L` on `handler`'s mgmt file, checked in the order of
 * scst_process_devt_pass_through_mgmt_store: a device word, nothing after it, the numbers, a
 * local SCSI device with them, its SCSI type, and only then the verb.
 */
export function passthroughMgmt(k: Kernel, handler: HandlerModel, data: string): void {
  const lexer = new Lexer(data);
  const verb = lexer.next();
  const word = lexer.next();
  if (word === '') {
    k.log('scst: ***ERROR***: Device required');
    return kfail('EINVAL');
  }
  if (lexer.next() !== '') {
    k.log('scst: ***ERROR***: Too many parameters');
    k.log(`scst: ***ERROR***: Syntax error on "${verb}"`);
    return kfail('EINVAL');
  }
  const wanted = scanHctl(word);
  if (!wanted) {
    k.log(`scst: ***ERROR***: Syntax error on "${verb}"`);
    return kfail('EINVAL');
  }
  const scsi = k.state.host.scsiDevices.find((d) => hctlNumbers(d.hctl).every((n, i) => n === wanted[i]));
  const device = scsi ? k.device(scsi.hctl) : undefined;
  if (!device) {
    const [host, channel, id, lun] = wanted as [bigint, bigint, bigint, bigint];
    k.log(`scst: ***ERROR***: Device ${toCInt(host)}:${toCInt(channel)}:${toCInt(id)}:${BigInt.asIntN(64, lun)} not found`);
    return kfail('EINVAL');
  }
  if (device.scsiType !== handler.scsiType) {
    k.log(`scst: ***ERROR***: Type ${device.scsiType} of device ${device.name} differs from type ${handler.scsiType} of dev handler ${handler.name}`);
    return kfail('EINVAL');
  }
  switch (verb.toLowerCase()) {
    case 'add_device':
      device.handler = handler.name;
      device.threadsNum = handler.defaultThreads;
      device.threadsPoolType = 'per_initiator';
      k.log(`scst: Device ${device.name} assigned to dev handler ${handler.name}`);
      return;
    case 'del_device':
      if (device.handler !== handler.name) {
        k.log(`scst: ***ERROR***: Device ${device.name} is not assigned to handler ${handler.name}`);
        return kfail('EINVAL');
      }
      device.handler = null;
      k.log(`scst: Device ${device.name} unassigned from dev handler ${handler.name}`);
      return;
    default:
      k.log(`scst: ***ERROR***: Unknown action "${verb}"`);
      return kfail('EINVAL');
  }
}

function passthroughHandler(name: string, scsiType: number): HandlerModel {
  const model: HandlerModel = {
    name,
    scsiType,
    typeText: scsiTypeText(scsiType),
    traceTokens: [],
    mgmtUsage: () => PASSTHROUGH_MGMT_USAGE,
    mgmt: (k, data) => passthroughMgmt(k, model, data),
    deviceFiles: () => ({}),
    defaultThreads: PASSTHROUGH_THREADS,
    copyManagerAuto: false,
  };
  return model;
}

/** Module name → the handlers it registers and their SCSI type. */
const PASSTHROUGH_MODULES: Record<string, Array<[string, number]>> = {
  scst_disk: [['dev_disk', 0], ['dev_disk_perf', 0]],
  scst_tape: [['dev_tape', 1], ['dev_tape_perf', 1]],
  scst_processor: [['dev_processor', 3]],
  scst_cdrom: [['dev_cdrom', 5]],
  scst_modisk: [['dev_modisk', 7], ['dev_modisk_perf', 7]],
  scst_changer: [['dev_changer', 8]],
  scst_raid: [['dev_raid', 12]],
};

for (const [moduleName, handlers] of Object.entries(PASSTHROUGH_MODULES)) {
  const models = handlers.map(([name, type]) => passthroughHandler(name, type));
  const module: ModuleModel = {
    name: moduleName,
    requires: ['scst'],
    handlers: models,
    drivers: [],
  };
  registerModule(module);
}
