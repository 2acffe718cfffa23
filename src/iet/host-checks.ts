/**
 * Facts about the IET host that live outside ietd.conf (ietd-conf.md §1.8, pitfalls 19–21):
 * daemon options in /etc/default/iscsitarget, a legacy /etc/iscsi-scstd.conf that would alter
 * targets behind scst.conf's back, ietadm changes visible only in /proc/net/iet/volume, and
 * whether IET is still running (it must not be when SCST takes over).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDefaults } from '../system/defaults-file.js';
import { parseProcModules } from '../system/proc-modules.js';
import type { Report } from './findings.js';
import type { IetdConf } from './ietd-conf.js';
import { LEGACY_ALLOW_FILE, LEGACY_DENY_FILE } from './legacy-acl.js';
import { MSG } from './messages.js';

export const IET_DEFAULTS_FILE = '/etc/default/iscsitarget';
export const LEGACY_ISCSI_SCSTD_CONF = '/etc/iscsi-scstd.conf';
export const IET_PROC_VOLUME = '/proc/net/iet/volume';
export const IET_MODULE = 'iscsi_trgt';

async function readText(root: string, path: string): Promise<string | undefined> {
  try {
    return await readFile(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
}

/** Report the host facts that matter for the migration. */
export async function checkHost(root: string, conf: IetdConf | undefined, report: Report, options: { legacyAclWritten?: boolean } = {}): Promise<void> {
  const defaults = await readText(root, IET_DEFAULTS_FILE);
  if (defaults !== undefined) daemonOptions(defaults, report);
  if ((await readText(root, LEGACY_ISCSI_SCSTD_CONF)) !== undefined) {
    report.warning({ code: 'IET_LEGACY_ISCSI_SCSTD_CONF', treatment: 'faithful', at: { file: LEGACY_ISCSI_SCSTD_CONF }, message: MSG.legacyIscsiScstdConf(LEGACY_ISCSI_SCSTD_CONF) });
  }
  if (!options.legacyAclWritten) {
    for (const file of [LEGACY_ALLOW_FILE, LEGACY_DENY_FILE]) {
      if ((await readText(root, file)) !== undefined) report.warning({ code: 'IET_LEGACY_ACL_FILES_PRESENT', treatment: 'approx', at: { file }, message: MSG.legacyAclFilesPresent(file) });
    }
  }
  const volume = await readText(root, IET_PROC_VOLUME);
  if (volume !== undefined && conf) compareLive(volume, conf, report);
}

function daemonOptions(text: string, report: Report): void {
  const at = { file: IET_DEFAULTS_FILE };
  let values: Record<string, string>;
  try {
    values = parseDefaults(text, IET_DEFAULTS_FILE).values;
  } catch (error) {
    report.warning({ code: 'IET_DEFAULTS_UNREADABLE', treatment: 'dropped', at, message: (error as Error).message });
    return;
  }
  if (values.ISCSITARGET_ENABLE !== undefined && values.ISCSITARGET_ENABLE !== 'true') {
    report.info({ code: 'IET_DAEMON_DISABLED', treatment: 'faithful', at, construct: `ISCSITARGET_ENABLE=${values.ISCSITARGET_ENABLE}`, message: MSG.ietDisabled });
  }
  const words = (values.ISCSITARGET_OPTIONS ?? '').split(/\s+/).filter((w) => w !== '');
  const carried: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    const long = /^--(address|port)=(.+)$/.exec(word);
    if (long) carried.push(`-${(long[1] as string)[0]} ${long[2]}`);
    else if ((word === '-a' || word === '-p' || word === '--address' || word === '--port') && words[i + 1] !== undefined) {
      carried.push(`-${word.replace(/^-+/, '')[0]} ${words[i + 1]}`);
      i += 1;
    }
  }
  if (carried.length > 0) {
    report.info({ code: 'IET_DAEMON_OPTIONS', treatment: 'approx', at, construct: `ISCSITARGET_OPTIONS=${values.ISCSITARGET_OPTIONS}`, message: MSG.daemonOptions(carried.join(' ')) });
  }
}

interface LiveTarget {
  name: string;
  luns: Map<number, string>;
}

/** /proc/net/iet/volume: `tid:N name:IQN`, then `\tlun:N … path:P` lines. */
export function parseIetVolume(text: string): LiveTarget[] {
  const targets: LiveTarget[] = [];
  for (const line of text.split('\n')) {
    const target = /^tid:\d+\s+name:(\S+)/.exec(line);
    if (target) {
      targets.push({ name: target[1] as string, luns: new Map() });
      continue;
    }
    const lun = /^\s+lun:(\d+)\s.*?path:(.*)$/.exec(line);
    if (lun && targets.length > 0) targets[targets.length - 1]?.luns.set(Number(lun[1]), (lun[2] as string).trim());
  }
  return targets;
}

function compareLive(text: string, conf: IetdConf, report: Report): void {
  const at = { file: IET_PROC_VOLUME };
  const live = parseIetVolume(text);
  const inFile = new Map(conf.targets.map((t) => [t.name.toLowerCase(), t]));
  const differ = (what: string): void => report.warning({ code: 'IET_LIVE_DIFFERS', treatment: 'approx', at, message: MSG.liveDiffers(what) });
  for (const target of live) {
    const fileTarget = inFile.get(target.name.toLowerCase());
    if (!fileTarget) {
      differ(`target ${target.name} runs but is not in ${conf.file}`);
      continue;
    }
    inFile.delete(target.name.toLowerCase());
    for (const [number, path] of target.luns) {
      const lun = fileTarget.luns.find((l) => l.number === number);
      if (!lun) differ(`${target.name} LUN ${number} (${path}) runs but is not in ${conf.file}`);
      else if (lun.options?.path !== undefined && lun.options.path !== path) differ(`${target.name} LUN ${number} runs on ${path}, the file says ${lun.options.path}`);
    }
    for (const lun of fileTarget.luns) if (!target.luns.has(lun.number)) differ(`${target.name} LUN ${lun.number} is in ${conf.file} but does not run`);
  }
  for (const target of inFile.values()) differ(`target ${target.name} is in ${conf.file} but does not run`);
}

/** Why SCST cannot take over yet: the iscsi_trgt module is loaded, or an ietd process runs. */
export async function ietStillActive(root: string): Promise<string[]> {
  const reasons: string[] = [];
  const modules = await readText(root, '/proc/modules');
  if (modules !== undefined && parseProcModules(modules).some((m) => m.name === IET_MODULE)) {
    reasons.push(`the ${IET_MODULE} kernel module is loaded (/proc/modules)`);
  }
  let entries: string[] = [];
  try {
    entries = await readdir(join(root, '/proc'));
  } catch {
    entries = [];
  }
  for (const pid of entries.filter((e) => /^\d+$/.test(e))) {
    const comm = await readText(root, `/proc/${pid}/comm`);
    if (comm?.trim() === 'ietd') reasons.push(`ietd is running (pid ${pid})`);
  }
  return reasons;
}
