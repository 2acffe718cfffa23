/**
 * The `iscsi` target driver (module iscsi_scst) with its user-space half, iscsi-scstd.
 * `add_target`, `del_target` and the attribute verbs are events for the daemon; the kernel only
 * looks a target up for `del_target` first. The daemon parses parameters its own way: `;` or
 * newline between parameters, blanks or `=` between words, C strtol for numbers (spec §6).
 */
import type { Kernel } from '../kernel.js';
import { kfail } from '../kernel-error.js';
import type { ModuleModel, TargetDriverModel } from '../models.js';
import { sysfsName } from '../nodes.js';
import { registerModule } from '../module-registry.js';
import type { TargetState } from '../state.js';
import { Lexer } from '../tokenizer.js';
import { accountKindOf, AccountList, type AccountResult } from './iscsi-accounts.js';
import { requireDaemon } from './iscsi-daemon.js';
import { iscsiDriverFiles, iscsiGroupFiles, iscsiTargetFiles } from './iscsi-files.js';
import { daemonWords, findIscsiParam, parseIscsiValue } from './iscsi-params.js';
import { iscsiCloseSession, iscsiDropSession, iscsiLogin, iscsiLogout, iscsiSessionFiles } from './iscsi-sessions.js';
import {
  ISCSI, daemonDefaults, driverAccounts, driverData, findTargetIgnoringCase, iscsiDriver, nextCounter, resetDriverData, setParam, targetAccounts, targetData,
} from './iscsi-state.js';

export const ISCSI_MGMT_USAGE =
  'Usage: echo "add_target target_name [parameters]" >mgmt\n' +
  '       echo "del_target target_name" >mgmt\n' +
  '       echo "add_attribute <attribute> <value>" >mgmt\n' +
  '       echo "del_attribute <attribute> <value>" >mgmt\n' +
  '       echo "add_target_attribute target_name <attribute> <value>" >mgmt\n' +
  '       echo "del_target_attribute target_name <attribute> <value>" >mgmt\n' +
  '\n' +
  "where parameters are one or more param_name=value pairs separated by ';'\n" +
  '\n' +
  'The following target driver attributes available: IncomingUser, OutgoingUser\n' +
  'The following target attributes available: IncomingUser, OutgoingUser, allowed_portal\n' +
  '\n';

const ISCSI_TRACE_TOKENS = ['d_write', 'conn', 'conn_dbg', 'iov', 'pdu', 'net_page'];

/** iscsi-scstd keeps at most this many bytes of a target name. */
const MAX_TARGET_NAME = 255;

/** The new target's directory would clash with an entry of targets/iscsi (SCST registration fails). */
function clashesWithDriverEntry(k: Kernel, name: string): boolean {
  const dirName = sysfsName(name);
  const entries = new Set(['mgmt', 'trace_level', ...Object.keys(iscsiDriverFiles(k))]);
  return entries.has(dirName) || Object.values(iscsiDriver(k).targets).some((t) => sysfsName(t.name) === dirName);
}

/** Turn the daemon's answer into the kernel's: errno, with its log line when it has one. */
function check(k: Kernel, result: AccountResult): void {
  if (result.ok) return;
  if (result.log) k.log(result.log);
  kfail(result.errno);
}

/** One `add_target` parameter list as iscsi-scstd reads it; applied only when all are valid. */
function parseTargetParams(
  rest: string,
  defaults: Record<string, string> = {},
): { params: Record<string, string>; accounts: Array<[string, string]> } {
  const params: Record<string, string> = {};
  const accounts: Array<[string, string]> = [];
  for (const token of rest.split(/[;\n]/)) {
    const words = daemonWords(token);
    if (words.length === 0) continue;
    const [name, ...values] = words as [string, ...string[]];
    if (name.toLowerCase() === 'alias') continue; // accepted and ignored by the daemon
    const kind = accountKindOf(name);
    if (kind === 'IncomingUser' || kind === 'OutgoingUser') {
      accounts.push([name, values.join(' ')]);
      continue;
    }
    const param = findIscsiParam(name);
    if (!param || kind === 'allowed_portal') return kfail('EINVAL');
    const defaultValue = defaults[param.name] ?? param.default;
    setParam(params, param, parseIscsiValue(param, values.join(' '), defaultValue) ?? kfail('EINVAL'), defaultValue);
  }
  return { params, accounts };
}

function addTarget(k: Kernel, name: string, rest: string): void {
  requireDaemon(k);
  const targetName = name.slice(0, MAX_TARGET_NAME);
  const defaults = daemonDefaults(k);
  const { params, accounts } = parseTargetParams(rest, defaults);
  if (findTargetIgnoringCase(k, targetName)) kfail('EEXIST');
  if (clashesWithDriverEntry(k, targetName)) kfail('EBUSY');
  // Accounts are validated on a scratch list first so a bad one creates nothing.
  const scratch = new AccountList(true, targetName, []);
  for (const [word, values] of accounts) check(k, scratch.add(word, values));
  const target = k.createTarget(ISCSI, targetName);
  const data = targetData(target);
  data.tid = nextCounter(k, 'iscsi.tid');
  data.params = params;
  if (defaults) data.defaults = defaults;
  data.accounts = scratch.files;
  k.log(`scst: Target ${targetName} for template iscsi registered successfully`);
}

function beforeDelTarget(k: Kernel, target: TargetState): void {
  requireDaemon(k);
  if (Object.keys(target.sessions).length > 0) kfail('EBUSY');
}

/** add_attribute / del_attribute / add_target_attribute / del_target_attribute. */
function mgmt(k: Kernel, verb: string, lexerRest: string): void {
  const verbLower = verb.toLowerCase();
  const known = ['add_attribute', 'del_attribute', 'add_target_attribute', 'del_target_attribute'];
  if (!known.includes(verbLower)) return kfail('EINVAL');
  requireDaemon(k);
  const lexer = new Lexer(lexerRest);
  let list: AccountList;
  if (verbLower.endsWith('_target_attribute')) {
    const targetName = lexer.next();
    if (targetName === '') return kfail('EINVAL');
    const target = findTargetIgnoringCase(k, targetName);
    if (!target) return kfail('ENOENT');
    list = targetAccounts(target);
  } else {
    list = driverAccounts(k);
  }
  const word = lexer.next();
  if (word === '') return kfail('EINVAL');
  check(k, verbLower.startsWith('add') ? list.add(word, lexer.rest()) : list.remove(word, lexer.rest()));
}

/** When iscsi-scstd exits the kernel unregisters every iSCSI target and its daemon files go. */
function daemonChanged(k: Kernel, previous: string, next: string): void {
  if (next === 'absent') {
    for (const target of Object.values(iscsiDriver(k).targets)) {
      for (const session of Object.values(target.sessions)) iscsiDropSession(k, target, session);
      k.removeTarget(ISCSI, target.name);
      k.log(`scst: Target ${target.name} for template iscsi unregistered successfully`);
    }
    resetDriverData(k);
  } else if (previous === 'absent') {
    resetDriverData(k);
    // iscsi-scstd opens /dev/isert_scst at start-up only: load isert_scst before starting it.
    driverData(k).iser = k.state.modules.includes('isert_scst');
  }
}

function setTargetEnabled(k: Kernel): void {
  requireDaemon(k);
}

const iscsiDriverModel: TargetDriverModel = {
  name: ISCSI,
  logPrefix: 'iscsi-scst',
  traceTokens: ISCSI_TRACE_TOKENS,
  hasEnabled: true,
  canCloseSession: true,
  dif: false,
  mgmtUsage: () => ISCSI_MGMT_USAGE,
  addTarget,
  beforeDelTarget,
  mgmt: (k, verb, lexerRest) => mgmt(k, verb, lexerRest),
  driverFiles: iscsiDriverFiles,
  targetFiles: iscsiTargetFiles,
  groupFiles: (_k, target, group) => iscsiGroupFiles(target.groups.find((g) => g.name === group)),
  sessionFiles: (_k, _target, session) => iscsiSessionFiles(session),
  setTargetEnabled,
  closeSession: iscsiCloseSession,
  login: iscsiLogin,
  logout: iscsiLogout,
  daemonChanged,
};

const iscsiModule: ModuleModel = {
  name: 'iscsi_scst',
  requires: ['scst'],
  handlers: [],
  drivers: [iscsiDriverModel],
  onLoad: (k) => resetDriverData(k),
  onUnload: (k) => {
    // The daemon exits with its module; its targets are unregistered as on daemon exit.
    daemonChanged(k, k.state.host.iscsiDaemon, 'absent');
    k.state.host.iscsiDaemon = 'absent';
  },
};

registerModule(iscsiModule);

/** iSER transport for iscsi-scst: no SCST driver of its own; iSER logins land in `iscsi`. */
registerModule({ name: 'isert_scst', requires: ['iscsi_scst'], handlers: [], drivers: [] });
