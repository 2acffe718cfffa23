/**
 * Attribute writes have their own path through the executor: the attribute writer's check runs
 * at the write (an op from an edited journal cannot skip it), and the planner refuses a bad value
 * early with the same check.
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { writeOp } from '../../src/plan/executor.js';
import { addLun, setAttribute, type Op } from '../../src/plan/ops.js';
import { ScriptedSysfs } from '../sysfs/scripted-sysfs.js';

describe('attribute ops in the executor', () => {
  it('writes the exact bytes of a checked value: bare for a device, with a newline for a group', async () => {
    const sysfs = new ScriptedSysfs();
    await writeOp(sysfs, setAttribute({ kind: 'device', device: 'vol1' }, 'prod_id', 'LAB DISK', undefined));
    await writeOp(sysfs, setAttribute({ kind: 'group', driver: 'iscsi', target: 'iqn.t', group: 'g' }, 'per_sess_dedicated_tgt_threads', '1', undefined));
    expect(sysfs.writes).toEqual([
      { path: 'devices/vol1/prod_id', data: 'LAB DISK' },
      { path: 'targets/iscsi/iqn.t/ini_groups/g/per_sess_dedicated_tgt_threads', data: '1\n' },
    ]);
  });

  it('refuses a value with a line break that did not come through the planner (e.g. an edited journal)', async () => {
    const sysfs = new ScriptedSysfs();
    const forged: Op = { kind: 'set_attribute', path: 'devices/vol1/prod_id', data: 'A\nadd_device x filename=/y\n', object: 'device vol1', summary: 'set prod_id', change: 'change', inverse: [] };
    await expect(writeOp(sysfs, forged)).rejects.toMatchObject({ exitCode: 2, code: 'ATTR_VALUE' });
    expect(sysfs.writes).toEqual([]);
  });

  it('mgmt ops still go out as their command line', async () => {
    const sysfs = new ScriptedSysfs();
    await writeOp(sysfs, addLun({ driver: 'iscsi', target: 'iqn.t' }, 0, 'vol1', {}));
    expect(sysfs.writes).toEqual([{ path: 'targets/iscsi/iqn.t/luns/mgmt', data: 'add vol1 0' }]);
  });
});

describe('the planner checks attribute values with the writer\'s check', () => {
  it('refuses a line break, naming the object', () => {
    const error = (() => {
      try {
        setAttribute({ kind: 'device', device: 'vol1' }, 'prod_id', 'a\nb', undefined);
      } catch (e) {
        return e;
      }
      return undefined;
    })() as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ exitCode: 2, code: 'ATTR_VALUE', object: 'device vol1' });
  });

  it('refuses a value longer than one write takes, as the writer would', () => {
    expect(() => setAttribute({ kind: 'device', device: 'vol1' }, 'prod_id', 'x'.repeat(5000), undefined)).toThrow(/5001 bytes/);
  });
});
