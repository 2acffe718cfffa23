/**
 * The `scst_local` target driver: targets whose "initiators" are SCSI hosts on the same machine.
 * Each session is a local SCSI host (`host_no`, `host` link). With default module parameters
 * the module creates `scst_local_tgt` with session `scst_local_host` at load (spec §1.12).
 */
import type { Kernel } from '../kernel.js';
import { kfail } from '../kernel-error.js';
import type { ModuleModel, TargetDriverModel } from '../models.js';
import { registerModule } from '../module-registry.js';
import { type Node, constFile, link, rwFile } from '../nodes.js';
import { kstrtoul } from '../numbers.js';
import type { SessionState, TargetState } from '../state.js';
import { Lexer, parseParams } from '../tokenizer.js';

const SCST_LOCAL = 'scst_local';
const DEFAULT_TARGET = 'scst_local_tgt';
const DEFAULT_SESSION = 'scst_local_host';

export const SCST_LOCAL_MGMT_USAGE =
  'Usage: echo "add_target target_name [parameters]" >mgmt\n' +
  '       echo "del_target target_name" >mgmt\n' +
  '       echo "add_session target_name session_name" >mgmt\n' +
  '       echo "del_session target_name session_name" >mgmt\n' +
  '\n' +
  "where parameters are one or more param_name=value pairs separated by ';'\n" +
  '\n' +
  '\n' +
  'The following parameters available: session_name\n' +
  '\n';

/** A fixed SAS transport id (protocol 6, an address made of the host number); the kernel's are binary. */
function transportId(hostNo: number): string {
  const address = `\u0050\u0001\u0040\u0000\u0000\u0000\u0000${String.fromCharCode(hostNo & 0x7f)}`;
  return `\u0006\u0000\u0000\u0000${address}${'\u0000'.repeat(12)}`;
}

/** Linux gives a new SCSI host the lowest free number; local SCSI devices hold theirs. */
function freeHostNumber(k: Kernel): number {
  const used = new Set<number>(k.state.host.scsiDevices.map((d) => Number(d.hctl.split(':')[0])));
  for (const target of Object.values(k.state.drivers[SCST_LOCAL]?.targets ?? {})) {
    for (const session of Object.values(target.sessions)) used.add(Number(session.driverData.hostNo));
  }
  let n = 0;
  while (used.has(n)) n++;
  return n;
}

/** A new local SCSI host attached to `target` (add_session, session_name=, login). */
function addSession(k: Kernel, target: TargetState, name: string): SessionState {
  const hostNo = freeHostNumber(k);
  const session = k.createSession(target, name);
  session.driverData.hostNo = hostNo;
  const group = k.groupForInitiator(target, name);
  k.log(`scst: Using security group "${group?.name ?? target.name}" for initiator "${name}" (target ${target.name})`);
  return session;
}

function createTarget(k: Kernel, name: string, sessionName?: string): void {
  const target = k.createTarget(SCST_LOCAL, name);
  target.driverData.physTransportVersion = 0;
  target.driverData.scsiTransportVersion = 0xbe0;
  k.log(`scst: Target ${name} for template scst_local registered successfully`);
  if (sessionName !== undefined) addSession(k, target, sessionName);
}

function addTarget(k: Kernel, name: string, rest: string): void {
  let sessionName: string | undefined;
  for (const param of parseParams(rest)) {
    if (param.name.toLowerCase() !== 'session_name') {
      k.log(`scst_local: ***ERROR***: Unknown parameter ${param.name}`);
      return kfail('EINVAL');
    }
    sessionName = param.value;
  }
  if (k.target(SCST_LOCAL, name)) kfail('EEXIST');
  createTarget(k, name, sessionName);
}

/** `add_session T S` / `del_session T S`: unknown targets and sessions are EINVAL here. */
function mgmt(k: Kernel, verb: string, lexerRest: string): void {
  const verbLower = verb.toLowerCase();
  if (verbLower !== 'add_session' && verbLower !== 'del_session') return kfail('EINVAL');
  const lexer = new Lexer(lexerRest);
  const targetName = lexer.next();
  const sessionName = lexer.next();
  if (targetName === '' || sessionName === '') return kfail('EINVAL');
  const target = k.target(SCST_LOCAL, targetName);
  if (!target) {
    k.log(`scst_local: ***ERROR***: Target ${targetName} not found`);
    return kfail('EINVAL');
  }
  if (verbLower === 'add_session') {
    addSession(k, target, sessionName);
    return;
  }
  if (!Object.hasOwn(target.sessions, sessionName)) {
    k.log(`scst_local: ***ERROR***: Session ${sessionName} not found (target ${targetName})`);
    return kfail('EINVAL');
  }
  k.removeSession(target, sessionName);
}

function hexAttribute(target: TargetState, key: string): Node {
  return rwFile(
    () => `0x${Number(target.driverData[key] ?? 0).toString(16)}\n`,
    (data) => {
      target.driverData[key] = kstrtoul(data);
    },
  );
}

function sessionFiles(session: SessionState): Record<string, Node> {
  const hostNo = Number(session.driverData.hostNo ?? 0);
  return {
    host_no: constFile(`${hostNo}\n`),
    host: link(`../../../../../../../devices/scst_local/${session.name}/host${hostNo}/scsi_host/host${hostNo}`),
    transport_id: rwFile(() => transportId(hostNo), () => {}),
  };
}

const scstLocalDriverModel: TargetDriverModel = {
  name: SCST_LOCAL,
  traceTokens: [],
  hasEnabled: false,
  canCloseSession: true,
  dif: false,
  mgmtUsage: () => SCST_LOCAL_MGMT_USAGE,
  addTarget,
  mgmt,
  driverFiles: () => ({
    stats: constFile('Aborts: 0, Device Resets: 0, Target Resets: 0\n'),
    version: constFile('3.11.0-pre/20110901\nTRACING\n'),
  }),
  targetFiles: (_k, target) => ({
    phys_transport_version: () => hexAttribute(target, 'physTransportVersion'),
    scsi_transport_version: () => hexAttribute(target, 'scsiTransportVersion'),
  }),
  sessionFiles: (_k, _target, session) => sessionFiles(session),
  login: (k, target, initiator) => addSession(k, target, initiator),
};

const scstLocalModule: ModuleModel = {
  name: 'scst_local',
  requires: ['scst'],
  handlers: [],
  drivers: [scstLocalDriverModel],
  onLoad: (k) => createTarget(k, DEFAULT_TARGET, DEFAULT_SESSION),
};

registerModule(scstLocalModule);
