/** The JSON of the simulate commands: the emulated host's status and each change to it. */
import { bool, int, list, map, obj, oneOf, str, type JsonShape } from '../meta/json-shape.js';

const DAEMON = oneOf(['running', 'stopped', 'absent'], 'the emulated iscsi-scstd');
const HOST_FILE_KIND = oneOf(['file', 'block', 'dir']);
const FAULTS = {
  faults: list(obj({ nth: int('the nth write from now fails'), errno: str() }, { pathIncludes: str('only writes to paths holding this') }), 'fault injections still armed'),
  writeDelayMs: int('milliseconds every write waits'),
};

/** simulate create, reset, status (SimulationStatus, simulation-status.ts). */
export const SIMULATION_STATUS_SHAPE: JsonShape = obj({
  file: str('the state file'), modules: list(str(), 'loaded kernel modules'), iscsiDaemon: DAEMON, prDirectory: bool(),
  ...FAULTS,
  counts: obj({
    devices: int(), targets: map(int(), 'targets by target driver'), sessions: int(), deviceGroups: int(), hostFiles: int(), scsiDevices: int(),
  }),
  hostFiles: map(obj({ kind: HOST_FILE_KIND }, { size: int(), usedBy: str(), readOnly: bool() }), 'backing stores by path'),
});

export const SIMULATE_FAULT_SHAPE: JsonShape = obj(FAULTS);
export const SIMULATE_DAEMON_SHAPE: JsonShape = obj({ iscsiDaemon: DAEMON });
export const SIMULATE_FILE_SHAPE: JsonShape = obj({ path: str(), removed: bool() }, { kind: HOST_FILE_KIND, size: int('bytes') });
export const SIMULATE_LOG_SHAPE: JsonShape = obj({ lines: list(str('a kernel log line')) });
export const SIMULATE_LOGIN_SHAPE: JsonShape = obj({ driver: str(), target: str(), initiator: str(), session: str('the session directory') });
export const SIMULATE_LOGOUT_SHAPE: JsonShape = obj({ driver: str(), target: str(), session: str() });
export const SIMULATE_MODULE_SHAPE: JsonShape = obj({ modules: list(str(), 'loaded kernel modules afterwards') });
export const SIMULATE_USER_DEVICE_SHAPE: JsonShape = obj({ device: str(), registered: bool() });
