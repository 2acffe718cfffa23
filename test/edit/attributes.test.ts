/**
 * setAttributes (the SCST core, a handler, an initiator group, a LUN, a device group) and
 * issueLip on the edit engine: the write, what is saved to the file and what is not (runtime
 * controls), and every refusal with exit 2, the host and the file untouched.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDeviceGroup, issueLip, runEdit, setAttributes, type Change } from '../../src/edit/index.js';
import { UserError } from '../../src/errors.js';
import { readLive } from '../../src/live/index.js';
import { lab, refusal, T } from './harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'edit-attributes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const hosts = { kind: 'group', driver: 'iscsi', target: T, group: 'hosts' } as const;

describe('setAttributes', () => {
  it('sets a group attribute on the host and saves it in the group', async () => {
    const at = await lab(scratch);
    const result = await runEdit(at.host, setAttributes(hosts, { addr_method: 'FLAT' }), at.options);
    expect(result.outcome).toBe('done');
    expect(result.plan.ops.map((o) => [o.path, o.data])).toEqual([[`targets/iscsi/${T}/ini_groups/hosts/addr_method`, 'FLAT\n']]);
    expect(await at.host.read(`targets/iscsi/${T}/ini_groups/hosts/addr_method`)).toBe('FLAT\n[key]\n');
    expect(readFileSync(at.file, 'utf8')).toMatch(/\t\tGROUP hosts \{[^}]*\n\t\t\taddr_method FLAT\n\t\t\}/);
    const again = await runEdit(at.host, setAttributes(hosts, { addr_method: 'FLAT' }), at.options);
    expect(again.outcome).toBe('nothing-to-do');
  });

  it('sets an SCST core attribute, reading only that file, and saves it at the top of the file', async () => {
    const at = await lab(scratch);
    const result = await runEdit(at.host, setAttributes({ kind: 'root' }, { setup_id: '0x2a' }), at.options);
    expect(result.plan.ops.map((o) => o.path)).toEqual(['setup_id']);
    expect(await at.host.read('setup_id')).toBe('0x2a\n[key]\n');
    expect(readFileSync(at.file, 'utf8')).toContain('setup_id 0x2a\n');
  });

  it('writes a runtime control (never [key]) without saving it, and undoes it on rollback', async () => {
    const at = await lab(scratch);
    const before = readFileSync(at.file, 'utf8');
    const result = await runEdit(at.host, setAttributes({ kind: 'root' }, { measure_latency: '1' }), at.options);
    expect(result.plan.ops.map((o) => [o.path, o.inverse.map((i) => i.data)])).toEqual([['measure_latency', ['0\n']]]);
    expect(await at.host.read('measure_latency')).toBe('1\n');
    expect(readFileSync(at.file, 'utf8')).toBe(before);
  });

  it('writes trace_level of a handler every time it is asked (its read form is not its write form)', async () => {
    const at = await lab(scratch);
    const result = await runEdit(at.host, setAttributes({ kind: 'handler', handler: 'vdisk_nullio' }, { trace_level: 'add scsi' }), at.options);
    expect(result.plan.ops.map((o) => [o.path, o.data, o.irreversible])).toEqual([['handlers/vdisk_nullio/trace_level', 'add scsi\n', true]]);
    expect((await at.host.read('handlers/vdisk_nullio/trace_level')).split('\n')[0]).toContain('scsi');
  });

  const CASES: Array<[string, () => Change, string, RegExp]> = [
    ['unknown core attribute', () => setAttributes({ kind: 'root' }, { nosuch: '1' }), 'UNKNOWN_ATTRIBUTE', /^nosuch is not an attribute of SCST$/],
    ['shown-only core attribute', () => setAttributes({ kind: 'root' }, { version: '1' }), 'READ_ONLY_ATTRIBUTE', /SCST only shows it/],
    ['bad core value', () => setAttributes({ kind: 'root' }, { threads: '0' }), 'BAD_NAME', /threads/],
    ['unknown handler', () => setAttributes({ kind: 'handler', handler: 'vdisk_nope' }, { trace_level: 'all' }), 'NO_SUCH_OBJECT', /no such device handler is loaded/],
    ['unknown group attribute', () => setAttributes(hosts, { nosuch: '1' }), 'UNKNOWN_ATTRIBUTE', /^nosuch is not an attribute of group iscsi\//],
    ['bad group value', () => setAttributes(hosts, { cpu_mask: 'zz' }), 'BAD_NAME', /cpu_mask/],
    ['missing group', () => setAttributes({ ...hosts, group: 'nogroup' }, { addr_method: 'FLAT' }), 'NO_SUCH_OBJECT', /^no such initiator group$/],
    ['missing target', () => setAttributes({ ...hosts, target: 'iqn.2031-04.test:none' }, { addr_method: 'FLAT' }), 'NO_SUCH_OBJECT', /^no such target$/],
    ['LUN read_only', () => setAttributes({ kind: 'lun', driver: 'iscsi', target: T, lun: 0 }, { read_only: '1' }), 'CREATION_ONLY', /read_only is given only when the LUN is created/],
    ['missing LUN', () => setAttributes({ kind: 'lun', driver: 'iscsi', target: T, lun: 9 }, {}), 'NO_SUCH_OBJECT', /^no such LUN$/],
    ['LUN number out of range', () => setAttributes({ kind: 'lun', driver: 'iscsi', target: T, lun: Number.NaN }, {}), 'BAD_LUN', /out of range/],
    ['missing device group', () => setAttributes({ kind: 'deviceGroup', deviceGroup: 'nodg' }, { foo: '1' }), 'NO_SUCH_OBJECT', /^no such device group$/],
  ];

  it.each(CASES)('%s: exit 2 naming the object; host and file untouched', async (_name, change, code, message) => {
    const at = await lab(scratch);
    const host = JSON.stringify(await readLive(at.host));
    const text = readFileSync(at.file, 'utf8');
    const error = await refusal(at, change);
    expect([error.code, error.exitCode]).toEqual([code, 2]);
    expect(error.message).toMatch(message);
    expect(JSON.stringify(await readLive(at.host))).toBe(host);
    expect(readFileSync(at.file, 'utf8')).toBe(text);
  });

  it('a device group attribute the live group lacks is refused by the planner before any write', async () => {
    const at = await lab(scratch);
    await runEdit(at.host, addDeviceGroup({ deviceGroup: 'dg1' }), at.options);
    const text = readFileSync(at.file, 'utf8');
    const error = await refusal(at, () => setAttributes({ kind: 'deviceGroup', deviceGroup: 'dg1' }, { foo: '1' }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/foo/);
    expect(readFileSync(at.file, 'utf8')).toBe(text);
  });
});

describe('issueLip', () => {
  it('refuses a target that is no Fibre Channel port (exit 2), writing nothing', async () => {
    const at = await lab(scratch);
    const error = await issueLip(at.host, { driver: 'iscsi', target: T }, at.options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect([(error as UserError).code, (error as UserError).exitCode, (error as UserError).object]).toEqual(['NO_LIP', 2, `target iscsi/${T}`]);
    expect((error as UserError).message).toMatch(/no host link/);
  });
});
