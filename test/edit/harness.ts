/** An emulated lab host and its config file for the edit engine's tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConf } from '../../src/conf/parse.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { runEdit, type Change, type EditOptions } from '../../src/edit/index.js';
import { UserError } from '../../src/errors.js';
import { applyConfig } from '../../src/plan/index.js';

export const T = 'iqn.2031-04.test.edit:t1';

/** nullio devices d0…d(luns+1), LUNs 0…luns-1 of T mapping d0…, a group `hosts` with a pattern. */
export function labConf(luns: number): string {
  const devices = Array.from({ length: luns + 2 }, (_, i) => `\tDEVICE d${i} {\n\t\tsize_mb 8\n\t}`).join('\n');
  const lunLines = Array.from({ length: luns }, (_, i) => `\t\tLUN ${i} d${i}`).join('\n');
  return `# the lab host\nHANDLER vdisk_nullio {\n${devices}\n}\n\nTARGET_DRIVER iscsi {\n\tenabled 1\n\n\tTARGET ${T} {\n\t\tenabled 1\n${lunLines}\n\t\tGROUP hosts {\n\t\t\tINITIATOR iqn.2031-01.test.client:*\n\t\t}\n\t}\n}\n`;
}

export interface Lab {
  dir: string;
  host: Emulator;
  file: string;
  options: EditOptions;
}

/** A fresh host built from labConf(luns) in a new directory under `scratch`, its file beside it. */
export async function lab(scratch: string, luns = 2): Promise<Lab> {
  const dir = mkdtempSync(join(scratch, 'lab-'));
  const host = new Emulator({ modules: ['scst', 'scst_vdisk', 'iscsi_scst'], useRealFileSystem: false, hostFiles: { '/srv/a.img': { kind: 'file', size: 1 << 24 }, '/srv/dir': { kind: 'dir' }, '/dev/sdb': { kind: 'block', size: 1 << 30 } } });
  const paths = { lockFile: join(dir, 'lock'), stateDir: join(dir, 'state') };
  await applyConfig(host, parseConf(labConf(luns), 'lab.conf').config, paths);
  const file = join(dir, 'scst.conf');
  writeFileSync(file, labConf(luns));
  return { dir, host, file, options: { ...paths, saveTo: file } };
}

/** The UserError a change is refused with (fails the test when it is not refused). */
export async function refusal(at: Lab, change: () => Change): Promise<UserError> {
  try {
    await runEdit(at.host, change(), at.options);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('the change was not refused');
}
