import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { saveLive } from '../../src/conf/workflows.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

// The writes of conformance recording 70, steps 4–12, on the emulator; then write-config.
async function recordedHost(): Promise<Emulator> {
  const host = new Emulator({ useRealFileSystem: false, hostFiles: { '/tmp/p2.img': { kind: 'file', size: 16 << 20 } } });
  const T = 'targets/iscsi/iqn.2024-01.lab.test:w1';
  const writes: Array<[string, string]> = [
    ['handlers/vdisk_fileio/mgmt', 'add_device w1 filename=/tmp/p2.img;nv_cache=1\n'],
    ['handlers/vdisk_nullio/mgmt', 'add_device wn1 blocksize=4096\n'],
    ['targets/iscsi/mgmt', 'add_target iqn.2024-01.lab.test:w1 IncomingUser=joe secret12345678\n'],
    [`${T}/luns/mgmt`, 'add w1 0\n'],
    [`${T}/ini_groups/mgmt`, 'create g1\n'],
    [`${T}/ini_groups/g1/initiators/mgmt`, 'add iqn.1993-08.org.debian:01:client1\n'],
    [`${T}/ini_groups/g1/luns/mgmt`, 'add wn1 0 read_only=1\n'],
    [`${T}/enabled`, '1\n'],
    ['targets/iscsi/enabled', '1\n'],
  ];
  for (const [p, data] of writes) await host.write(p, data);
  return host;
}

describe('write-config of a live state', () => {
  it('writes what Perl scstadmin wrote for the same state, byte for byte', async () => {
    const host = await recordedHost();
    const dir = mkdtempSync(path.join(tmpdir(), 'scst-save-'));
    const file = path.join(dir, 'scst.conf');
    const report = await saveLive(host, file, { generator: '3.11.0-pre' });
    expect(report).toMatchObject({ changed: true, devices: 2, targets: 3, secrets: 1 });
    expect(readFileSync(file, 'utf8')).toBe(fixture('perl-write-14.conf'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await saveLive(host, file, { generator: '3.11.0-pre' });
    expect(again.changed).toBe(false);
  });
});
