import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { saveLive } from '../../src/conf/workflows.js';
import { applyRecordedWrites, RECORDED_HOST_FILES } from './recorded-host.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

// The state of conformance recording 70, steps 4–12, on the emulator; then write-config.
async function recordedHost(): Promise<Emulator> {
  const host = new Emulator({ useRealFileSystem: false, hostFiles: RECORDED_HOST_FILES });
  await applyRecordedWrites(host);
  return host;
}

describe('write-config of a live state', () => {
  it('writes what Perl scstadmin wrote for the same state, byte for byte, but the automatic copy-manager LUNs', async () => {
    const host = await recordedHost();
    const dir = mkdtempSync(path.join(tmpdir(), 'scst-save-'));
    const file = path.join(dir, 'scst.conf');
    const report = await saveLive(host, file, { generator: '3.11.0-pre' });
    expect(report).toMatchObject({ changed: true, devices: 2, targets: 3, secrets: 1 });
    // …but for the copy manager's automatic LUNs, which Perl -config would add a second time.
    expect(readFileSync(file, 'utf8')).toBe(fixture('perl-write-14.conf').replace(/TARGET_DRIVER copy_manager \{\n[^]*?\n\}\n\n/, ''));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await saveLive(host, file, { generator: '3.11.0-pre' });
    expect(again.changed).toBe(false);
  });
});

describe('write-config with files SCST cannot read', () => {
  it('saves what it can and names what is missing', async () => {
    const host = new Emulator({ useRealFileSystem: false });
    const T = 'iqn.2024-01.lab.test:stale';
    await host.write('targets/iscsi/mgmt', `add_target ${T}\n`);
    await host.write('targets/iscsi/mgmt', `add_target_attribute ${T} OutgoingUser out1 secret-00000001\n`);
    // A second OutgoingUser replaces the account in the daemon but leaves a stale file (spec §6.4).
    await host.write('targets/iscsi/mgmt', `add_target_attribute ${T} OutgoingUser out2 secret-00000002\n`).catch(() => {});
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'scst-save-')), 'scst.conf');
    const report = await saveLive(host, file);
    expect(report.unreadable?.map((u) => u.errno)).toEqual(['EINVAL']);
    expect(report.unreadable?.[0]!.path).toMatch(/OutgoingUser$/);
    expect(readFileSync(file, 'utf8')).toContain(`TARGET ${T}`);
  });
});
