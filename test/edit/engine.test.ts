/**
 * The single-object change engine on an in-process emulated host: idempotence, refusals before
 * any write, the same sysfs calls whatever the host's size, rollback of a kernel refusal with
 * nothing saved, and every way the config file can be found (there, missing, broken, --no-save).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConf } from '../../src/conf/parse.js';
import type { Emulator } from '../../src/emulator/emulator.js';
import { addDevice, addLun, addTarget, clearLuns, replaceLun, rmDevice, rmLun, rmTarget, runEdit, setDevice, type Change, type EditOptions } from '../../src/edit/index.js';
import { UserError } from '../../src/errors.js';
import { readLive } from '../../src/live/index.js';
import { lab, labConf, refusal, T, type Lab } from './harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'edit-engine-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let at: Lab;
let host: Emulator;
let options: EditOptions;
let file: string;
const conf = labConf;
const refused = (change: () => Change) => refusal(at, change);

beforeEach(async () => {
  at = await lab(scratch);
  ({ host, file, options } = at);
});

describe('add-lun', () => {
  it('maps at the lowest free number, saves the one line, and a second run is "nothing to do"', async () => {
    const first = await runEdit(host, addLun({ driver: 'iscsi', target: T, device: 'd2' }), options);
    expect(first).toMatchObject({ outcome: 'done', object: `LUN 2 of iscsi/${T}`, applied: 1, saved: { status: 'updated' } });
    expect(first.plan.ops.map((o) => o.data)).toEqual(['add d2 2']);
    // One line more, inside the target's block; everything else as it was.
    const saved = readFileSync(file, 'utf8').split('\n');
    expect(saved.filter((l) => l !== '\t\tLUN 2 d2')).toEqual(conf(2).split('\n'));
    expect(saved.indexOf('\t\tLUN 2 d2')).toBeLessThan(saved.lastIndexOf('\t}'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await runEdit(host, addLun({ driver: 'iscsi', target: T, device: 'd2' }), options);
    expect(again).toMatchObject({ outcome: 'nothing-to-do', applied: 0, saved: { status: 'unchanged' } });
    expect(again.sysfs.writes).toBe(0);
  });


  it('refuses a taken LUN, an unknown target, device or group before any write; host and file untouched', async () => {
    const before = JSON.stringify(await readLive(host));
    const text = readFileSync(file, 'utf8');
    const cases: Array<[() => Change, RegExp, string]> = [
      [() => addLun({ driver: 'iscsi', target: T, device: 'd3', lun: 0 }), /^is taken by device d0$/, 'LUN_TAKEN'],
      [() => addLun({ driver: 'iscsi', target: 'iqn.2031-04.test.edit:none', device: 'd3' }), /^no such target$/, 'NO_SUCH_OBJECT'],
      [() => addLun({ driver: 'iscsi', target: T, device: 'nodev' }), /^no such device$/, 'NO_SUCH_OBJECT'],
      [() => addLun({ driver: 'iscsi', target: T, device: 'd3', group: 'nogroup' }), /^no such initiator group$/, 'NO_SUCH_OBJECT'],
      [() => addLun({ driver: 'nodriver', target: T, device: 'd3' }), /^no such target driver is loaded$/, 'NO_SUCH_OBJECT'],
      [() => addLun({ driver: 'iscsi', target: T, device: 'd;3' }), /";"/, 'BAD_NAME'],
      [() => addLun({ driver: 'iscsi', target: T, device: 'd3', lun: 16384 }), /out of range/, 'BAD_LUN'],
    ];
    for (const [change, message, code] of cases) {
      const error = await refused(change);
      expect(error.message).toMatch(message);
      expect(error.code).toBe(code);
      expect(error.exitCode).toBe(2);
    }
    expect(JSON.stringify(await readLive(host))).toBe(before);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('costs the same sysfs calls on a target of 2 LUNs as of 300', async () => {
    const small = await runEdit(host, addLun({ driver: 'iscsi', target: T, device: 'd2' }), { ...options, saveTo: undefined });
    const big300 = await lab(scratch, 300);
    const big = await runEdit(big300.host, addLun({ driver: 'iscsi', target: T, device: 'd300' }), { ...big300.options, saveTo: undefined });
    expect(big.object).toBe(`LUN 300 of iscsi/${T}`);
    expect(big.sysfs).toEqual(small.sysfs);
  });
});

describe('strict', () => {
  it('exits 1 for "already present" and for "not there", 0 without it', async () => {
    const present = await runEdit(host, addLun({ driver: 'iscsi', target: T, device: 'd0' }), { ...options, strict: true }).catch((e: UserError) => e);
    expect(present).toBeInstanceOf(UserError);
    expect((present as UserError).exitCode).toBe(1);
    expect((present as UserError).message).toBe('already present — nothing to do');
    const absent = await runEdit(host, rmLun({ driver: 'iscsi', target: T, lun: 9 }), { ...options, strict: true }).catch((e: UserError) => e);
    expect((absent as UserError).code).toBe('NOT_PRESENT');
    expect((await runEdit(host, rmLun({ driver: 'iscsi', target: T, lun: 9 }), options)).outcome).toBe('nothing-to-do');
  });
});

describe('in use', () => {
  it('removes or replaces a LUN a session sees only with --force, naming the session', async () => {
    host.login(T, 'iqn.2031-01.test.client:h1');
    await runEdit(host, addLun({ driver: 'iscsi', target: T, device: 'd2', group: 'hosts' }), options);
    const text = readFileSync(file, 'utf8');
    for (const change of [() => rmLun({ driver: 'iscsi', target: T, lun: 0, group: 'hosts' }), () => replaceLun({ driver: 'iscsi', target: T, lun: 0, device: 'd3', group: 'hosts' }), () => clearLuns({ driver: 'iscsi', target: T, group: 'hosts' }), () => rmTarget({ driver: 'iscsi', target: T })]) {
      const error = await refused(change);
      expect(error.code).toBe('IN_USE');
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain('iqn.2031-01.test.client:h1');
      expect(error.hint).toMatch(/--force/);
    }
    expect(readFileSync(file, 'utf8')).toBe(text);
    const forced = await runEdit(host, rmLun({ driver: 'iscsi', target: T, lun: 0, group: 'hosts' }), { ...options, force: true });
    expect(forced.outcome).toBe('done');
    expect(readFileSync(file, 'utf8')).not.toMatch(/GROUP hosts \{[^}]*LUN 0/);
  });

  it('refuses to remove an exported device without --force; with it the LUNs go too and the file follows', async () => {
    const error = await refused(() => rmDevice({ name: 'd0' }));
    expect(error.message).toBe(`is exported (LUN 0 of iscsi/${T})`);
    const forced = await runEdit(host, rmDevice({ name: 'd0' }), { ...options, force: true });
    expect(forced.plan.ops.map((o) => o.data)).toEqual(['del_device d0']);
    const saved = readFileSync(file, 'utf8');
    expect(saved).not.toMatch(/\bd0\b/);
    expect(Object.keys((await readLive(host)).drivers.iscsi!.targets[T]!.luns)).toEqual(['1']);
  });
});

describe('a kernel refusal', () => {
  it('is exit 1 with the reason, rolled back, and saves nothing', async () => {
    const text = readFileSync(file, 'utf8');
    host.armFault({ nth: 2, errno: 'ENOMEM' });
    const change = addDevice({ name: 'fresh', handler: 'vdisk_fileio', attributes: { filename: '/srv/a.img', usn: 'U1' } });
    const error = await runEdit(host, change, options).catch((e: UserError) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as UserError).message).toMatch(/rolled back/);
    expect((await readLive(host, { scope: 'handlers/vdisk_fileio' })).handlers.vdisk_fileio!.devices.fresh).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('saving', () => {
  it('creates a missing file from the whole live state', async () => {
    rmSync(file);
    const result = await runEdit(host, addTarget({ driver: 'iscsi', target: 'iqn.2031-04.test.edit:t2', attributes: {} }), options);
    expect(result.saved.status).toBe('created');
    const saved = readFileSync(file, 'utf8');
    expect(saved).toContain('TARGET iqn.2031-04.test.edit:t2');
    expect(saved).toContain('LUN 1 d1');
  });

  it('creates it as write-config does: without the copy manager\'s automatic LUNs', async () => {
    rmSync(file);
    const result = await runEdit(host, addDevice({ name: 'fresh', handler: 'vdisk_fileio', attributes: { filename: '/srv/a.img' } }), options);
    expect(result.saved.status).toBe('created');
    expect(readFileSync(file, 'utf8')).toMatch(/DEVICE fresh \{/);
    expect(readFileSync(file, 'utf8')).not.toMatch(/copy_manager/);
  });

  it('makes the change but saves nothing when the file does not parse, and says why', async () => {
    writeFileSync(file, 'HANDLER vdisk_nullio {\n');
    const result = await runEdit(host, addLun({ driver: 'iscsi', target: T, device: 'd2' }), options);
    expect(result.outcome).toBe('done');
    expect(result.saved.status).toBe('not-saved');
    expect(result.saved.reason).toMatch(/does not parse/);
    expect(readFileSync(file, 'utf8')).toBe('HANDLER vdisk_nullio {\n');
  });

  it('keeps comments, and copies in the objects the change refers to that the file lacks', async () => {
    writeFileSync(file, '# only a comment\n');
    await runEdit(host, addLun({ driver: 'iscsi', target: T, device: 'd2' }), options);
    const saved = readFileSync(file, 'utf8');
    expect(saved.startsWith('# only a comment\n')).toBe(true);
    expect(saved).toMatch(/DEVICE d2 \{/);
    expect(saved).toMatch(new RegExp(`TARGET ${T} \\{[^]*LUN 2 d2`));
    expect(parseConf(saved, 'x').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('--no-save and --dry-run leave the file alone; a dry run writes nothing', async () => {
    const text = readFileSync(file, 'utf8');
    const noSave = await runEdit(host, setDevice({ name: 'd0', attributes: { prod_id: 'LAB' } }), { ...options, saveTo: undefined });
    expect(noSave.saved.status).toBe('skipped');
    const dry = await runEdit(host, setDevice({ name: 'd1', attributes: { prod_id: 'LAB' } }), { ...options, dryRun: true });
    expect(dry.outcome).toBe('dry-run');
    expect(dry.sysfs.writes).toBe(0);
    expect(dry.plan.ops.map((o) => `${o.path} ${o.data}`)).toEqual(['devices/d1/prod_id LAB']);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(existsSync(`${file}.backups`)).toBe(false);
  });
});
