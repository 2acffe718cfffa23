/**
 * A file written from the live state (write-config) describes the host exactly: planning it
 * against that host writes nothing — including copy_manager's automatic LUNs, the auto-assigned
 * rel_tgt_id and the enabled states write-config saves.
 */
import { describe, expect, it } from 'vitest';
import { serializeConf } from '../../src/conf/serializer.js';
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
});
