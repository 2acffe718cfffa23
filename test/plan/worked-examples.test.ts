/**
 * The worked examples of spec scst-conf §11.2 and §11.4 as plans on the emulated host.
 * One divergence from the spec's narrative, on purpose: the live handler advertises
 * `t10_dev_id` as a creation parameter of vdisk_blockio (spec scst-sysfs §5.2, recorded), so
 * it rides on the add_device line instead of costing a write of its own.
 */
import { describe, expect, it } from 'vitest';
import { applyExample, EXAMPLE_11_2, exampleHost, planFile, writeAll } from './fixtures.js';

const T = 'iqn.2031-04.test.lab:tgt1';
const TP = `targets/iscsi/${T}`;

const writes = (plan: { ops: Array<{ path: string; data: string }> }) => plan.ops.map((o) => [o.path, o.data]);

describe('§11.2 applying a file to an empty SCST', () => {
  it('plans the writes scstadmin performs, in its order, with the fewest writes', async () => {
    const host = exampleHost();
    const plan = await planFile(host, EXAMPLE_11_2);
    expect(writes(plan)).toEqual([
      ['handlers/vdisk_blockio/mgmt', 'add_device vol1 filename=/dev/vg0/vol1;t10_dev_id=vol1-t10;'],
      ['targets/iscsi/mgmt', `add_target ${T}`],
      [`${TP}/HeaderDigest`, 'CRC32C'],
      ['targets/iscsi/mgmt', `add_target_attribute ${T} IncomingUser alice secret-00001`],
      ['targets/iscsi/mgmt', `add_target_attribute ${T} IncomingUser bob secret-00002`],
      ['targets/iscsi/mgmt', `add_target_attribute ${T} allowed_portal 192.0.2.10`],
      [`${TP}/ini_groups/mgmt`, 'create hosts'],
      [`${TP}/ini_groups/hosts/luns/mgmt`, 'add vol1 0 read_only=1;'],
      [`${TP}/ini_groups/hosts/initiators/mgmt`, 'add iqn.2031-01.test.client:node7'],
      [`${TP}/luns/mgmt`, 'add vol1 0'],
      ['targets/iscsi/mgmt', 'add_attribute IncomingUser disc secret-00001'],
      [`${TP}/enabled`, '1'],
      ['targets/iscsi/enabled', '1\n'],
    ]);
    expect(plan.notes).toEqual([]);
    expect(plan.ops.some((o) => o.destructive)).toBe(false);
  });

  it('plans nothing when re-applied', async () => {
    const host = exampleHost();
    await applyExample(host);
    const again = await planFile(host, EXAMPLE_11_2);
    expect(again.ops).toEqual([]);
    expect(again.notes).toEqual([]);
  });

  it('compares digests canonically: CRC32C,None equals the None,CRC32C the daemon stores', async () => {
    const host = exampleHost();
    const text = EXAMPLE_11_2.replace('HeaderDigest CRC32C', 'HeaderDigest CRC32C,None');
    await writeAll(host, (await planFile(host, text)).ops);
    expect(await host.read(`${TP}/HeaderDigest`)).toMatch(/^None,CRC32C\n/);
    expect((await planFile(host, text)).ops).toEqual([]);
  });
});

describe('§11.4 re-applying with drift', () => {
  async function driftedHost() {
    const host = exampleHost();
    await applyExample(host);
    await host.write('handlers/vdisk_fileio/mgmt', 'add_device scratch filename=/srv/scratch.img');
    await host.write(`${TP}/luns/mgmt`, 'add scratch 1');
    await host.write('targets/iscsi/mgmt', `add_target_attribute ${T} IncomingUser carol secret-00003`);
    await host.write('devices/vol1/t10_dev_id', 'other');
    return host;
  }

  it('without --prune corrects attribute drift only and reports what the file lacks', async () => {
    const plan = await planFile(await driftedHost(), EXAMPLE_11_2);
    expect(writes(plan)).toEqual([['devices/vol1/t10_dev_id', 'vol1-t10']]);
    expect(plan.ops[0]!.inverse.map((o) => o.data)).toEqual(['other']);
    const kept = plan.notes.filter((n) => n.kind === 'kept').map((n) => `${n.object}: ${n.message}`);
    expect(kept).toEqual(expect.arrayContaining([
      expect.stringMatching(/^LUN 1 of iscsi\/.*tgt1: \(device scratch\)/),
      expect.stringMatching(/^device scratch: /),
      expect.stringMatching(/IncomingUser carol is not in the file/),
    ]));
    expect(kept.join('\n')).not.toContain('secret-00003');
  });

  it('with --prune removes them; copy_manager LUNs are not touched', async () => {
    const host = await driftedHost();
    const plan = await planFile(host, EXAMPLE_11_2, { prune: true });
    expect(writes(plan)).toEqual([
      ['handlers/vdisk_fileio/mgmt', 'del_device scratch'],
      ['devices/vol1/t10_dev_id', 'vol1-t10'],
      ['targets/iscsi/mgmt', `del_target_attribute ${T} IncomingUser carol secret-00003`],
    ]);
    expect(plan.ops[0]!.summary).toContain(`LUN 1 of iscsi/${T}`);
    await writeAll(host, plan.ops);
    const after = await planFile(host, EXAMPLE_11_2, { prune: true });
    expect(after.ops).toEqual([]);
    // only the copy manager's automatic LUN of vol1, which --prune leaves alone and says so
    expect(after.notes).toEqual([expect.objectContaining({ kind: 'kept', object: 'target copy_manager/copy_manager_tgt' })]);
  });

  it('leaves a creation parameter the file drops alone without --prune, and re-creates the device only with --prune --force', async () => {
    const host = exampleHost();
    const withNvCache = EXAMPLE_11_2.replace('filename /dev/vg0/vol1', 'filename /dev/vg0/vol1\n\t\tnv_cache 1');
    await writeAll(host, (await planFile(host, withNvCache)).ops);

    const kept = await planFile(host, EXAMPLE_11_2, { drift: true });
    expect(kept.ops).toEqual([]);
    expect(kept.notes).toEqual([expect.objectContaining({ kind: 'kept', object: 'device vol1', message: expect.stringContaining('nv_cache 1 is not in the file') })]);
    expect(await planFile(host, EXAMPLE_11_2)).toMatchObject({ ops: [], notes: [] });

    const held = await planFile(host, EXAMPLE_11_2, { prune: true });
    expect(held.ops).toEqual([]);
    // (besides the note on the copy manager's automatic LUN, which --prune leaves alone)
    expect(held.notes.filter((n) => n.kind === 'held')).toEqual([expect.objectContaining({ kind: 'held', object: 'device vol1', message: expect.stringContaining('nv_cache 1 → (default)') })]);

    const forced = await planFile(host, EXAMPLE_11_2, { prune: true, force: true });
    expect(writes(forced)).toEqual([
      ['handlers/vdisk_blockio/mgmt', 'del_device vol1'],
      ['handlers/vdisk_blockio/mgmt', 'add_device vol1 filename=/dev/vg0/vol1;t10_dev_id=vol1-t10;'],
      [`${TP}/ini_groups/hosts/luns/mgmt`, 'add vol1 0 read_only=1;'],
      [`${TP}/luns/mgmt`, 'add vol1 0'],
    ]);
    expect(forced.ops[0]).toMatchObject({ destructive: true, force: expect.stringContaining('creation parameters differ') });
    // The undo of the close re-opens the device as it was and maps it again where it was.
    expect(forced.ops[0]!.inverse.map((o) => o.data)).toEqual([
      'add_device vol1 filename=/dev/vg0/vol1;nv_cache=1;t10_dev_id=vol1-t10;',
      'add vol1 0',
      'add vol1 0 read_only=1;',
    ]);
    await writeAll(host, forced.ops);
    expect((await planFile(host, EXAMPLE_11_2)).ops).toEqual([]);
  });
});
