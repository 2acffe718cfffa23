/**
 * The JSON of the host commands: modules, daemon, start/stop/reload/status, doctor and the
 * service unit's install. The steps they share (a module step, the daemon's start, what a
 * configuration run did) are declared once here.
 */
import { bool, int, list, obj, oneOf, str, type JsonShape } from '../meta/json-shape.js';
import { INTERRUPTED_RUN_SHAPE } from '../plan/json-shape.js';

/** ModuleStep (module-manager.ts). */
const MODULE_STEP = obj(
  { module: str(), action: oneOf(['loaded', 'already-loaded', 'unloaded', 'not-loaded', 'skipped']) },
  { reason: str('why an optional module was skipped') },
);
const MODULE_STEPS = list(MODULE_STEP, 'in the order they were taken');

/** modules load, modules unload. */
export const MODULE_STEPS_SHAPE: JsonShape = obj({ modules: MODULE_STEPS });

/** modules list (ModuleRow, module-list.ts). */
export const MODULE_LIST_SHAPE: JsonShape = obj({
  kernelRelease: str(),
  modules: list(obj(
    { name: str(), loaded: bool(), usedBy: list(str()), provides: str('what the module brings: handlers, drivers') },
    { builtin: bool('built into the kernel'), refcount: int() },
  )),
});

const DAEMON_START = obj({ action: oneOf(['started', 'already-running']), args: list(str('iscsi-scstd argument')) }, { pid: int() });
const DAEMON_STOP = obj({ action: oneOf(['not-running', 'terminated', 'killed']) }, { pid: int(), stalePidFile: bool('a PID file whose process was gone, removed') });

export const DAEMON_START_SHAPE: JsonShape = DAEMON_START;
export const DAEMON_STOP_SHAPE: JsonShape = DAEMON_STOP;

/** daemon status (DaemonStatus, daemon-manager.ts). */
export const DAEMON_STATUS_SHAPE: JsonShape = obj(
  { connection: oneOf(['connected', 'closing', 'closed', 'no-driver'], 'what the kernel says'), running: bool('connected and answering') },
  { pid: int(), stalePidFile: bool(), stopped: bool('connected, but its process is stopped') },
);

/** ApplyOutcome (service.ts): what the configuration part of start, reload or stop did. */
const CONFIG_RUN = obj({
  writes: int(), changes: list(str('one line a write, CHAP secrets masked')),
  notes: list(obj({ kind: oneOf(['kept', 'held']), text: str() }), 'what was left alone: kept (not in the file), held (needs --force)'),
});

/** start, reload (StartReport). */
export const START_REPORT_SHAPE: JsonShape = obj(
  { configFile: str(), warnings: list(str('file:line:col: message')), modules: MODULE_STEPS },
  { configMissing: bool('the file does not exist: SCST was started empty'), daemon: DAEMON_START, applied: CONFIG_RUN },
);

/** stop (StopReport). */
export const STOP_REPORT_SHAPE: JsonShape = obj({ modules: MODULE_STEPS }, { cleared: CONFIG_RUN, daemon: DAEMON_STOP });

/** status (ServiceStatus, service-status.ts). */
export const SERVICE_STATUS_SHAPE: JsonShape = obj(
  {
    running: bool(), exitCode: oneOf([0, 1, 3], 'LSB: 0 running, 1 dead with a PID file left, 3 not running'), configFile: str(),
    modules: obj({ required: list(str()), missing: list(str()) }),
    daemon: obj({ needed: bool(), running: bool() }, { pid: int(), stalePidFile: bool(), stopped: bool() }),
    targets: list(obj({ driver: str(), target: str(), enabled: bool(), sessions: int() })),
    sessions: int(),
  },
  {
    configProblem: str('the file is missing or does not parse'),
    drift: list(str(), 'changes between the file and the kernel; absent when either is unavailable'),
    interrupted: INTERRUPTED_RUN_SHAPE,
  },
);

/** doctor (DoctorReport, doctor/). */
export const DOCTOR_REPORT_SHAPE: JsonShape = obj({
  healthy: bool(), configFile: str(), problems: int(),
  checks: list(obj(
    { id: str(), title: str(), status: oneOf(['ok', 'problem', 'skipped']), findings: list(obj({ object: str(), message: str(), fix: str() })) },
    { reason: str('why the check was skipped') },
  )),
});

/** install-service, uninstall-service (ServiceInstallResult). */
export const SERVICE_INSTALL_SHAPE: JsonShape = obj({
  files: list(obj({ path: str(), action: oneOf(['written', 'unchanged', 'kept', 'removed', 'absent']) })),
  systemctl: list(list(str()), 'systemctl invocations made, as argument lists'),
  notes: list(str()),
});
