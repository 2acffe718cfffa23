/**
 * A Fibre Channel LIP (loop initialization primitive): the initiators on the fabric or loop
 * rescan the port, so they see LUN and access changes at once. SCST has no LIP file of its own:
 * an FC target driver (qla2x00t) links its target to the SCSI host of the HBA port (`host`),
 * and the FC transport class of that host has a write-only `issue_lip` (spec scst-conf §9).
 * Targets of other drivers (iSCSI, scst_local, ib_srpt) have no `host` link and no LIP.
 *
 * Issuing one is a single write through the one executor (lock, journal); it changes no
 * configuration, so there is no model edit, nothing to undo and nothing saved.
 */
import { badInput } from '../errors.js';
import { issueLip as issueLipOp } from '../plan/ops.js';
import { dirNameOf } from '../sysfs/names.js';
import { isSysfsError, type DirEntry, type Sysfs } from '../sysfs/types.js';
import { checkTargetNames, targetWords } from './checks.js';
import { runDirect } from './direct.js';
import type { EditOptions, EditResult } from './engine.js';
import { lipMessages as msg } from './access-messages.js';
import { editMessages } from './messages.js';

/** What stands behind a target, as far as a LIP goes. */
export type LipPort =
  /** No `host` link: not the port of a SCSI host adapter. */
  | { kind: 'no-host' }
  /** A SCSI host without an FC transport (`fc_host`). */
  | { kind: 'not-fc'; host: string }
  /** An FC host whose driver cannot issue a LIP. */
  | { kind: 'no-lip'; host: string }
  | { kind: 'fc'; host: string; path: string };

async function listOrUndefined(sysfs: Sysfs, path: string): Promise<DirEntry[] | undefined> {
  try {
    return await sysfs.list(path);
  } catch (error) {
    if (isSysfsError(error, 'ENOENT') || isSysfsError(error, 'ENOTDIR')) return undefined;
    throw error;
  }
}

/** The target's LIP file, found through its `host` link; a missing target is bad input (exit 2). */
export async function findLipPort(sysfs: Sysfs, driver: string, target: string): Promise<LipPort> {
  const object = `target ${targetWords(driver, target)}`;
  checkTargetNames(driver, target);
  const dir = `targets/${driver}/${dirNameOf(target)}`;
  const entries = await listOrUndefined(sysfs, dir);
  if (!entries) throw badInput(editMessages.noTarget, { object, hint: editMessages.seeShow, code: 'NO_SUCH_OBJECT' });
  const link = entries.find((e) => e.name === 'host' && e.type === 'link');
  if (!link) return { kind: 'no-host' };
  const host = (link.target ?? (await sysfs.readlink(`${dir}/host`))).replace(/\/+$/, '').replace(/.*\//, '');
  // Older kernels name the transport directory `fc_host:hostN`, newer ones `fc_host/hostN`.
  for (const fcDir of [`${dir}/host/device/fc_host:${host}`, `${dir}/host/device/fc_host/${host}`]) {
    const fc = await listOrUndefined(sysfs, fcDir);
    if (!fc) continue;
    const lip = fc.find((e) => e.name === 'issue_lip' && e.type === 'file');
    return lip && (lip.mode === undefined || (lip.mode & 0o200) !== 0) ? { kind: 'fc', host, path: `${fcDir}/issue_lip` } : { kind: 'no-lip', host };
  }
  return { kind: 'not-fc', host };
}

/** Issues a LIP on the FC port of one target; a target that is no FC port is bad input (exit 2). */
export async function issueLip(sysfs: Sysfs, args: { driver: string; target: string }, options: EditOptions = {}): Promise<EditResult> {
  const object = `target ${targetWords(args.driver, args.target)}`;
  let host = '';
  return runDirect(sysfs, {
    command: `issue-lip ${args.target}`,
    kind: 'set',
    object,
    async ops(s) {
      const port = await findLipPort(s, args.driver, args.target);
      if (port.kind === 'no-host') throw badInput(msg.noHost, { object, hint: msg.fcOnlyHint, code: 'NO_LIP' });
      if (port.kind === 'not-fc') throw badInput(msg.notFc(port.host), { object, hint: msg.fcOnlyHint, code: 'NO_LIP' });
      if (port.kind === 'no-lip') throw badInput(msg.noLip(port.host), { object, code: 'NO_LIP' });
      host = port.host;
      return [issueLipOp(args.driver, args.target, port.path, port.host)];
    },
    details: () => ({ driver: args.driver, target: args.target, host }),
  }, options);
}
