/**
 * scst_user (spec §5.8): devices implemented by a user-space program through /dev/scst_user.
 * The base handler `scst_user` has no mgmt; every registered device brings its own handler
 * directory named after it (with a pass-through style mgmt) and a `commands` attribute. The
 * emulator registers such devices through a host control (`Emulator.registerUserDevice`).
 */
import { badInput } from '../../errors.js';
import type { Kernel } from '../kernel.js';
import type { HandlerModel, ModuleModel } from '../models.js';
import { registerModule } from '../module-registry.js';
import { constFile } from '../nodes.js';
import { scsiTypeText } from '../scsi-types.js';
import type { DeviceState } from '../state.js';
import { PASSTHROUGH_MGMT_USAGE, passthroughMgmt } from './passthrough.js';

const SCST_USER = 'scst_user';
/** SCST_MAX_NAME: longer names are refused by scst_user. */
const SCST_USER_MAX_NAME = 50;
/** scst_user devices run their commands in user space: no SCST threads of their own. */
const USER_DEVICE_THREADS = -1;

const baseHandler: HandlerModel = {
  name: SCST_USER,
  scsiType: -1,
  typeText: scsiTypeText(-1),
  traceTokens: [],
  deviceFiles: () => ({}),
  defaultThreads: USER_DEVICE_THREADS,
  copyManagerAuto: false,
};

function isUserDevice(device: DeviceState): boolean {
  return device.attrs.scstUser === true;
}

/** The handler a user-space device registers under its own name. */
function deviceHandler(device: DeviceState): HandlerModel {
  const model: HandlerModel = {
    name: device.name,
    scsiType: device.scsiType,
    typeText: scsiTypeText(device.scsiType),
    traceTokens: null,
    mgmtUsage: () => PASSTHROUGH_MGMT_USAGE,
    mgmt: (k, data) => passthroughMgmt(k, model, data),
    deviceFiles: () => ({ commands: constFile('0\n') }),
    defaultThreads: USER_DEVICE_THREADS,
    copyManagerAuto: false,
  };
  return model;
}

/** A user-space program registers device `name` of SCSI type `type` (0 = disk by default). */
export function registerUserDevice(k: Kernel, name: string, type = 0): void {
  if (!k.state.modules.includes(SCST_USER)) throw badInput('scst_user is not loaded', { object: `device ${name}` });
  if (name === '' || /[\s/=]/.test(name) || Buffer.byteLength(name) > SCST_USER_MAX_NAME) {
    throw badInput(`invalid scst_user device name "${name}" (at most ${SCST_USER_MAX_NAME} bytes, no blanks, "/" or "=")`, { object: `device ${name}` });
  }
  if (k.device(name) || k.handlerModel(name)) throw badInput(`a device or handler named ${name} already exists`, { object: `device ${name}` });
  const device = k.newDevice(name, name, type, USER_DEVICE_THREADS);
  device.attrs.scstUser = true;
  k.addDevice(device);
  k.log(`scst_user: Registered device ${name} (type ${type})`);
}

/** The user-space program closes /dev/scst_user: the device and its LUNs go away. */
export function unregisterUserDevice(k: Kernel, name: string): void {
  const device = k.device(name);
  if (!device || !isUserDevice(device)) throw badInput(`no scst_user device ${name}`, { object: `device ${name}` });
  k.removeDevice(name);
  k.log(`scst_user: Unregistered device ${name}`);
}

const scstUserModule: ModuleModel = {
  name: SCST_USER,
  requires: ['scst'],
  handlers: [baseHandler],
  runtimeHandlers: (k) => Object.values(k.state.devices).filter(isUserDevice).map(deviceHandler),
  drivers: [],
};

registerModule(scstUserModule);
