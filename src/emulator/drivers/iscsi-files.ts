/**
 * The files of `targets/iscsi/` and of each iSCSI target directory. The kernel serves only
 * `version`, `open_state`, `tid` and the group's `per_sess_dedicated_tgt_threads`; every other
 * file is one iscsi-scstd asked for, so it exists only while the daemon is connected and its
 * reads and writes go through the daemon (spec §6.1, §6.5).
 */
import type { Kernel } from '../kernel.js';
import { kfail } from '../kernel-error.js';
import { type FileNode, type Node, MODE_RW, MODE_SECRET, constFile, keyed, roFile, rwFile } from '../nodes.js';
import { kstrtoul } from '../numbers.js';
import type { InitiatorGroupState, TargetState } from '../state.js';
import type { AccountList } from './iscsi-accounts.js';
import { daemonConnected, requireDaemon } from './iscsi-daemon.js';
import { VISIBLE_ISCSI_PARAMS, daemonWords, isIpLiteral, parseIscsiValue, renderIscsiParam } from './iscsi-params.js';
import {
  driverAccounts, driverData, paramDefault, paramValue, setParam, targetAccounts, targetData,
} from './iscsi-state.js';

type Files = Record<string, Node | (() => Node) | undefined>;

const ISCSI_VERSION = '3.11.0-pre\nTRACING\n';

/** A daemon-served file: every read and write is an event iscsi-scstd must answer. */
function daemonFile(k: Kernel, show: () => string, store: (data: string) => void, mode = MODE_RW): FileNode {
  return rwFile(
    () => {
      requireDaemon(k);
      return show();
    },
    (data) => {
      requireDaemon(k);
      store(data);
    },
    mode,
  );
}

/** `V\n\n`, with `[key]` before the empty line when the value is not the default. */
function flagText(value: boolean, isKey: boolean): string {
  return `${value ? 1 : 0}\n${isKey ? '[key]\n' : ''}\n`;
}

function parseFlag01(data: string): boolean {
  const words = daemonWords(data);
  if (words.length !== 1 || (words[0] !== '0' && words[0] !== '1')) return kfail('EINVAL');
  return words[0] === '1';
}

function accountFiles(k: Kernel, list: () => AccountList): Files {
  const files: Files = {};
  for (const entry of list().files) {
    const mode = entry.kind === 'allowed_portal' ? MODE_RW : MODE_SECRET;
    files[entry.file] = () =>
      daemonFile(
        k,
        () => {
          const current = list();
          const file = current.find(entry.file);
          return (file && current.render(file)) ?? kfail('EINVAL');
        },
        (data) => {
          const current = list();
          const file = current.find(entry.file);
          if (!file) return kfail('ENOENT');
          const result = current.rewrite(file, data);
          if (!result.ok) kfail(result.errno);
        },
        mode,
      );
  }
  return files;
}

/** Files of `targets/iscsi/` besides `mgmt` and `trace_level`. */
export function iscsiDriverFiles(k: Kernel): Files {
  const files: Files = {
    version: constFile(ISCSI_VERSION),
    open_state: roFile(() => (daemonConnected(k) ? 'open\n' : 'closed\n')),
  };
  if (!daemonConnected(k)) return files;
  const data = () => driverData(k);
  Object.assign(files, {
    enabled: () => daemonFile(k, () => `${data().enabled ? 1 : 0}\n\n`, (v) => (data().enabled = parseFlag01(v))),
    link_local: () => daemonFile(k, () => flagText(data().linkLocal, !data().linkLocal), (v) => (data().linkLocal = parseFlag01(v))),
    isns_entity_name: () =>
      daemonFile(k, () => `${data().isnsEntityName}\n`, (v) => (data().isnsEntityName = daemonWords(v)[0] ?? '')),
    iSNSServer: () => daemonFile(k, () => setOrUnset(data().isnsServer), (v) => storeIsnsServer(k, v)),
    internal_portal: () => daemonFile(k, () => setOrUnset(data().internalPortal), (v) => storeInternalPortal(k, v)),
  });
  return Object.assign(files, accountFiles(k, () => driverAccounts(k)));
}

function setOrUnset(value: string): string {
  return value === '' ? '\n\n' : `${value}\n[key]\n\n`;
}

/** The emulated network has no iSNS server: registering with one is refused, clearing works. */
function storeIsnsServer(k: Kernel, text: string): void {
  const words = daemonWords(text);
  if (words.length === 0) {
    driverData(k).isnsServer = '';
    return;
  }
  if (words.length > 1 && words[1] !== 'AccessControl') kfail('EINVAL');
  kfail('ECONNREFUSED');
}

function storeInternalPortal(k: Kernel, text: string): void {
  const words = daemonWords(text);
  if (words.some((w) => !isIpLiteral(w))) kfail('EINVAL');
  driverData(k).internalPortal = words.join(' ');
}

/** Files an iSCSI target adds to the core target directory. */
export function iscsiTargetFiles(k: Kernel, target: TargetState): Files {
  const files: Files = { tid: constFile(`${targetData(target).tid}\n`) };
  if (!daemonConnected(k)) return files;
  for (const param of VISIBLE_ISCSI_PARAMS) {
    files[param.name] = () =>
      daemonFile(
        k,
        () => renderIscsiParam(param, paramValue(target, param.name), paramDefault(target, param)),
        (data) => {
          const defaultValue = paramDefault(target, param);
          const value = parseIscsiValue(param, data, defaultValue) ?? kfail('EINVAL');
          setParam(targetData(target).params, param, value, defaultValue);
        },
      );
  }
  return Object.assign(files, accountFiles(k, () => targetAccounts(target)));
}

/** `per_sess_dedicated_tgt_threads` of an ini group (kernel-served, key when 1). */
export function iscsiGroupFiles(group: InitiatorGroupState | undefined): Files {
  if (!group) return {};
  const current = () => Number(group.driverData.perSessDedicatedTgtThreads ?? 0);
  return {
    per_sess_dedicated_tgt_threads: () =>
      rwFile(
        () => keyed(current(), current() === 1),
        (data) => {
          const value = kstrtoul(data);
          if (value > 1) kfail('EINVAL');
          group.driverData.perSessDedicatedTgtThreads = value;
        },
      ),
  };
}
