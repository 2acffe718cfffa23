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
import { Lexer } from '../tokenizer.js';

export const PASSTHROUGH_MGMT_USAGE =
  'Usage: echo "add_device H:C:I:L" >mgmt\n' +
  '       echo "del_device H:C:I:L" >mgmt\n' +
  '\n';

/** Threads a pass-through device gets when bound (threads_num default). */
const PASSTHROUGH_THREADS = 1;

const HCTL = /^\d+:\d+:\d+:\d+$/;

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

/** `add_device H:C:I:L` / `del_device H:C:I:L` on `handler`'s mgmt file. */
export function passthroughMgmt(k: Kernel, handler: HandlerModel, data: string): void {
  const lexer = new Lexer(data);
  const verb = lexer.next().toLowerCase();
  const hctl = lexer.next();
  if ((verb !== 'add_device' && verb !== 'del_device') || hctl === '' || lexer.next() !== '') return kfail('EINVAL');
  if (!HCTL.test(hctl)) return kfail('EINVAL');
  const device = k.device(hctl);
  const isLocalScsi = k.state.host.scsiDevices.some((d) => d.hctl === hctl);
  if (!device || !isLocalScsi) {
    k.log(`scst: ***ERROR***: Device ${hctl} not found`);
    return kfail('EINVAL');
  }
  if (verb === 'add_device') {
    if (device.scsiType !== handler.scsiType) {
      k.log(`scst: ***ERROR***: Device ${hctl} has SCSI type ${device.scsiType}, handler ${handler.name} needs ${handler.scsiType}`);
      return kfail('EINVAL');
    }
    device.handler = handler.name;
    device.threadsNum = handler.defaultThreads;
    device.threadsPoolType = 'per_initiator';
    k.log(`scst: Attached to scsi device ${hctl} (handler ${handler.name})`);
    return;
  }
  if (device.handler !== handler.name) {
    k.log(`scst: ***ERROR***: Device ${hctl} is not assigned to handler ${handler.name}`);
    return kfail('EINVAL');
  }
  device.handler = null;
  k.log(`scst: Detached from scsi device ${hctl} (handler ${handler.name})`);
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
