/**
 * The live reader keeps exactly what the Perl scstadmin saves: the raw writes of
 * 70-scstadmin-perl.jsonl steps 4–12 replayed on the emulator, read back, and compared with the
 * configuration Perl's -write_config produced for the same kernel state (step 14).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/index.js';
import { readLive } from '../../src/live/read-live.js';
import { CONFORMANCE } from './recorded-tree.js';

const T = 'iqn.2024-01.lab.test:w1';

describe('live reader against Perl scstadmin -write_config', () => {
  it('keeps the same attributes, LUNs, groups and sessions as the Perl tool wrote', async () => {
    const records = readFileSync(join(CONFORMANCE, '70-scstadmin-perl.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const emulator = new Emulator({ useRealFileSystem: false, hostFiles: { '/tmp/p2.img': { kind: 'file', size: 16 << 20 } } });
    for (const record of records.slice(3, 12)) {
      expect(record.op).toBe('write');
      await emulator.write(record.path, record.data);
    }
    expect(records[13].out).toContain('nv_cache 1'); // the text compared below
    const config = await readLive(emulator);
    expect(config.attributes).toEqual({});
    expect(config.handlers.vdisk_fileio!.devices.w1!.attributes).toEqual({ filename: ['/tmp/p2.img'], nv_cache: ['1'] });
    expect(config.handlers.vdisk_nullio!.devices.wn1!.attributes).toEqual({ blocksize: ['4096'] });
    const cm = config.drivers.copy_manager!.targets.copy_manager_tgt!;
    expect(Object.values(cm.luns).map((l) => [l.lun, l.device])).toEqual([[0, 'w1'], [1, 'wn1']]);
    const iscsi = config.drivers.iscsi!;
    expect(iscsi.enabled).toBe(true);
    expect(iscsi.attributes).toEqual({});
    const target = iscsi.targets[T]!;
    expect(target.enabled).toBe(true);
    expect(target.attributes).toEqual({ IncomingUser: ['joe secret12345678'], rel_tgt_id: ['1'] });
    expect(target.luns).toEqual({ '0': { lun: 0, device: 'w1', attributes: {} } });
    expect(target.groups).toEqual({
      g1: { name: 'g1', attributes: {}, luns: { '0': { lun: 0, device: 'wn1', attributes: { read_only: ['1'] } } }, initiators: ['iqn.1993-08.org.debian:01:client1'] },
    });
    expect(config.drivers.scst_local!.targets.scst_local_tgt!.attributes).toEqual({ session_name: ['scst_local_host'] });
  });
});
