/**
 * A file written from the live state (write-config) describes the host exactly: planning it
 * against that host writes nothing — including copy_manager's automatic LUNs, the auto-assigned
 * rel_tgt_id and the enabled states write-config saves.
 */
import { describe, expect, it } from 'vitest';
import { serializeConf } from '../../src/conf/serializer.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { readLive } from '../../src/live/index.js';
import { applyExample, exampleHost, planFile, writeAll } from './fixtures.js';

describe('write-config round trip', () => {
  it('plans no write for the file the host itself produces', async () => {
    const host = exampleHost();
    await applyExample(host);
    await host.write('handlers/vdisk_fileio/mgmt', 'add_device scratch filename=/srv/scratch.img;nv_cache=1');
    await host.write('devices/scratch/prod_id', 'SCRATCH');
    const text = serializeConf(await readLive(host));
    expect(text).toContain('TARGET_DRIVER copy_manager');
    const plan = await planFile(host, text, { prune: true });
    expect(plan.ops).toEqual([]);
    expect(plan.notes).toEqual([]);
  });

  it('rebuilds the same host from that file on a fresh one', async () => {
    const host = exampleHost();
    await applyExample(host);
    await host.write('handlers/vdisk_fileio/mgmt', 'add_device scratch filename=/srv/scratch.img;nv_cache=1');
    const text = serializeConf(await readLive(host));
    const fresh = exampleHost();
    await writeAll(fresh, (await planFile(fresh, text)).ops);
    expect((await planFile(fresh, text, { prune: true })).ops).toEqual([]);
    expect(serializeConf(await readLive(fresh))).toBe(text);
  });

  it('covers scst_local targets created with their session and pass-through devices', async () => {
    const options = { useRealFileSystem: false, scsiDevices: [{ hctl: '1:0:0:0', type: 0 }], modules: ['scst', 'scst_vdisk', 'scst_local', 'iscsi_scst', 'scst_disk'] };
    const host = new Emulator(options);
    const file = 'HANDLER dev_disk {\n\tDEVICE 1:0:0:0\n}\nHANDLER vdisk_nullio {\n\tDEVICE n1 {\n\t\tsize_mb 8\n\t}\n}\nTARGET_DRIVER scst_local {\n\tTARGET lt {\n\t\tsession_name lhost\n\t\tLUN 0 n1\n\t\tLUN 1 1:0:0:0\n\t}\n}\n';
    const plan = await planFile(host, file);
    expect(plan.ops.map((o) => [o.path, o.data])).toEqual([
      ['handlers/dev_disk/mgmt', 'add_device 1:0:0:0'],
      ['handlers/vdisk_nullio/mgmt', 'add_device n1 size_mb=8;'],
      ['targets/scst_local/mgmt', 'add_target lt session_name=lhost;'],
      ['targets/scst_local/lt/luns/mgmt', 'add n1 0'],
      ['targets/scst_local/lt/luns/mgmt', 'add 1:0:0:0 1'],
    ]);
    await writeAll(host, plan.ops);
    const text = serializeConf(await readLive(host));
    expect((await planFile(host, text, { prune: true })).ops).toEqual([]);
    const fresh = new Emulator(options);
    await writeAll(fresh, (await planFile(fresh, text, { prune: true, force: true })).ops);
    expect((await planFile(fresh, text, { prune: true })).ops).toEqual([]);
  });
});
