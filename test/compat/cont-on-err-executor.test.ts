/**
 * -cont_on_err's best effort in the executor: a refused write is reported and skipped, nothing
 * is rolled back, the other writes land.
 */
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { executePlan } from '../../src/plan/index.js';
import { addDevice, delDevice, withInverse } from '../../src/plan/ops.js';

describe('executePlan with onSkippedFailure', () => {
  it('skips the refused write and keeps the others', async () => {
    const emulator = new Emulator({ useRealFileSystem: false });
    emulator.armFault({ nth: 2, errno: 'EINVAL', pathIncludes: 'handlers/vdisk_nullio/mgmt' });
    const ops = ['n1', 'n2', 'n3'].map((name) => addDevice('vdisk_nullio', name, {}));
    const skipped: string[] = [];
    const result = await executePlan(emulator, ops, { onSkippedFailure: (op, i) => skipped.push(`${i} ${op.object}`) });
    expect(skipped).toEqual(['1 device n2']);
    expect(result).toEqual({ applied: 2, failed: 1 });
    const devices = (await emulator.list('devices')).map((e) => e.name);
    expect(devices).toEqual(expect.arrayContaining(['n1', 'n3']));
    expect(devices).not.toContain('n2');
  });

  it('without it, the first refused write rolls back the ones before', async () => {
    const emulator = new Emulator({ useRealFileSystem: false });
    emulator.armFault({ nth: 2, errno: 'EINVAL', pathIncludes: 'handlers/vdisk_nullio/mgmt' });
    const ops = ['n1', 'n2', 'n3'].map((name) => withInverse(addDevice('vdisk_nullio', name, {}), [delDevice('vdisk_nullio', name)]));
    await expect(executePlan(emulator, ops)).rejects.toMatchObject({ exitCode: 1 });
    expect((await emulator.list('devices')).map((e) => e.name)).not.toContain('n1');
  });
});
