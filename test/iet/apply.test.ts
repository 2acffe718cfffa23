// Sample and generated IET hosts: every converted configuration passes check-config, applies to a
// fresh emulated host, and the live tree then shows the expected targets, LUNs, groups and CHAP users.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../src/conf/check.js';
import { serializeConf } from '../../src/conf/serializer.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { applyMigration } from '../../src/iet/apply.js';
import { Report } from '../../src/iet/findings.js';
import { migrate, type MigrationOptions, type MigrationResult } from '../../src/iet/migrate.js';
import { readLive } from '../../src/live/index.js';
import type { ScstConfig } from '../../src/model/types.js';
import { applyConfig } from '../../src/plan/index.js';
import { generateIetdConf } from '../../scripts/iet-generator.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const FIXTURES = join(import.meta.dirname, '../fixtures/iet');

function fixture(name: string, options: MigrationOptions = {}): MigrationResult {
  const file = (role: string) => {
    const path = join(FIXTURES, name, role);
    return existsSync(path) ? { file: role, content: readFileSync(path) } : undefined;
  };
  return migrate(
    { ietdConf: file('ietd.conf')!, initiatorsAllow: file('initiators.allow'), initiatorsDeny: file('initiators.deny'), targetsAllow: file('targets.allow') },
    { offline: true, ...options },
    undefined,
    new Report(),
  );
}

/** Backing stores of every device, as the emulated host's files. */
function hostFilesFor(config: ScstConfig): Record<string, { kind: 'file' | 'block'; size: number }> {
  const files: Record<string, { kind: 'file' | 'block'; size: number }> = {};
  for (const handler of Object.values(config.handlers)) {
    for (const device of Object.values(handler.devices)) {
      const path = device.attributes.filename?.[0];
      if (path) files[path] = { kind: handler.name === 'vdisk_blockio' ? 'block' : 'file', size: 64 << 20 };
    }
  }
  return files;
}

async function checkAndApply(result: MigrationResult): Promise<ScstConfig> {
  expect(result.report.blocking()).toEqual([]);
  const config = result.config!;
  const text = serializeConf(config);
  const checked = checkConfig(text, 'migrated.conf', { statPath: false });
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const host = new Emulator({ modules: ['scst', 'scst_vdisk', 'iscsi_scst'], useRealFileSystem: false, hostFiles: hostFilesFor(config) });
  const state = mkdtempSync(join(tmpdir(), 'iet-apply-'));
  await applyConfig(host, checked.config, { lockFile: join(state, 'lock'), stateDir: join(state, 'journal') });
  return readLive(host);
}

const lunsOf = (set: Record<string, { device: string }> | undefined) => Object.fromEntries(Object.entries(set ?? {}).map(([n, l]) => [n, l.device]));

describe('sample IET hosts', () => {
  it('Debian lab host: two targets, discovery and target CHAP, ALL ALL access files', async () => {
    const result = fixture('debian');
    const live = await checkAndApply(result);
    const iscsi = live.drivers.iscsi!;
    expect(iscsi.enabled).toBe(true);
    expect(iscsi.attributes.IncomingUser).toEqual(['discovery discovery-secret-01']);
    expect(iscsi.attributes.OutgoingUser).toEqual(['target-to-ini target-secret-002']);
    const backup = iscsi.targets['iqn.2012-03.lab.example:backup']!;
    expect(lunsOf(backup.luns)).toEqual({ 0: 'backup_0', 1: 'backup_1' });
    expect(backup.attributes.IncomingUser).toEqual(['backup backup-pass-0001']);
    expect(backup.attributes.InitialR2T).toBeUndefined(); // No is SCST's default: not a key attribute
    expect(backup.attributes).toMatchObject({ HeaderDigest: ['None,CRC32C'], MaxRecvDataSegmentLength: ['262144'], MaxOutstandingR2T: ['1'] });
    expect(lunsOf(iscsi.targets['iqn.2012-03.lab.example:scratch']!.luns)).toEqual({ 0: 'scratch_0' });
    expect(live.handlers.vdisk_fileio!.devices.backup_0!.attributes).toMatchObject({ write_through: ['1'], t10_dev_id: ['bk0'], usn: ['          BK0001'] });
    expect(live.handlers.vdisk_fileio!.devices.backup_1!.attributes.write_through).toBeUndefined();
    expect(live.handlers.vdisk_nullio!.devices.scratch_0!.attributes.size).toEqual([String(2097152 * 512)]);
  });

  it('access files: implicit deny by name, deny groups, portals', async () => {
    const result = fixture('acl', { hostAddresses: [] });
    const live = await checkAndApply(result);
    const targets = live.drivers.iscsi!.targets;
    const sql = targets['iqn.2015-11.corp.example:sql']!;
    expect(sql.luns).toEqual({});
    expect(lunsOf(sql.groups.iet_allow?.luns)).toEqual({ 0: 'sql_0', 1: 'sql_1' });
    expect(sql.groups.iet_allow?.initiators.sort()).toEqual(['iqn.1991-05.com.microsoft:sql01.corp.example.com', 'iqn.1991-05.com.microsoft:sql02.corp.example.com', 'iqn.1991-05.com.microsoft:sql03.corp.example.com']);
    expect(sql.attributes.allowed_portal?.sort()).toEqual(['10.10.*', 'fd00:10::5']);
    expect(sql.attributes.IncomingUser).toEqual(['sqlsrv sqlsrv-chap-secret']);
    const files = targets['iqn.2015-11.corp.example:files']!;
    expect(files.groups.iet_allow?.initiators.sort()).toEqual(['iqn.1994-05.com.redhat:backup', 'iqn.1998-01.com.vmware:esx*']);
    const archive = targets['iqn.2015-11.corp.example:archive']!;
    expect(lunsOf(archive.luns)).toEqual({ 0: 'archive_lun0_dummy', 1: 'archive_1' });
    expect(lunsOf(archive.groups.iet_allow?.luns)).toEqual({ 0: 'archive_lun0_dummy', 1: 'archive_1' });
    expect(archive.groups.iet_allow?.initiators).toEqual(['iqn.1994-05.com.redhat:*']);
    expect(archive.groups.iet_deny).toMatchObject({ luns: {}, initiators: ['iqn.1994-05.com.redhat:untrusted*'] });
    expect(result.report.codes()).toContain('IET_LUN0_PLACEHOLDER');
  });

  it('multipath: one device per shared LV, both targets map it', async () => {
    const result = fixture('multipath');
    const live = await checkAndApply(result);
    expect(Object.keys(live.handlers.vdisk_blockio!.devices).sort()).toEqual(['path-a_0', 'path-a_1']);
    for (const name of ['iqn.2010-06.dc.example:path-a', 'iqn.2010-06.dc.example:path-b']) {
      const target = live.drivers.iscsi!.targets[name]!;
      expect(lunsOf(target.luns)).toEqual({ 0: 'path-a_0', 1: 'path-a_1' });
      expect(target.attributes.MaxSessions).toEqual(['4']);
    }
  });
});

describe('generated IET hosts', () => {
  it.each([1, 2, 3])('seed %i converts, checks and applies', async (seed) => {
    const text = generateIetdConf({ targets: 12, lunsPerTarget: 3, seed });
    const result = migrate({ ietdConf: { file: 'ietd.conf', content: Buffer.from(text) } }, { offline: true }, undefined, new Report());
    const live = await checkAndApply(result);
    const expected = result.config!.drivers.iscsi!.targets;
    expect(Object.keys(live.drivers.iscsi!.targets).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, target] of Object.entries(expected)) {
      expect(lunsOf(live.drivers.iscsi!.targets[name]!.luns)).toEqual(lunsOf(target.luns));
      expect(live.drivers.iscsi!.targets[name]!.attributes.IncomingUser ?? []).toEqual(target.attributes.IncomingUser ?? []);
    }
  });
});

describe('--apply on a host that is not emulated', () => {
  it('installs iscsi-scstd\'s legacy address files below the root (0600, previous kept), then applies', async () => {
    const root = mkdtempSync(join(tmpdir(), 'iet-host-'));
    mkdirSync(join(root, 'proc'));
    writeFileSync(join(root, 'proc', 'modules'), 'scst 1 0 - Live 0x0\n');
    mkdirSync(join(root, 'etc'));
    writeFileSync(join(root, 'etc', 'initiators.allow'), 'old ALL\n');
    const result = migrate(
      { ietdConf: { file: 'ietd.conf', content: Buffer.from('Target iqn.2001-04.com.example:t1\nLun 0 Path=/srv/a\n') }, initiatorsAllow: { file: 'initiators.allow', content: Buffer.from('iqn.2001-04.com.example:t1 10.0.0.0/24\n') } },
      { offline: true, legacyIpAcl: true },
      undefined,
      new Report(),
    );
    expect(result.report.blocking()).toEqual([]);
    const host = new Emulator({ modules: ['scst', 'scst_vdisk', 'iscsi_scst'], useRealFileSystem: false, hostFiles: { '/srv/a': { kind: 'file', size: 1 << 20 } } });
    const state = mkdtempSync(join(tmpdir(), 'iet-apply-'));
    process.env.SCSTADMIN_TS_LOCK = join(state, 'lock');
    process.env.SCSTADMIN_TS_STATE_DIR = join(state, 'journal');
    try {
      const said: string[] = [];
      const outcome = await applyMigration(result.config!, { sysfs: host, close: async () => {} }, root, { say: (l) => said.push(l), legacyAcl: result.legacyAcl });
      expect(outcome.legacyAclWritten).toEqual([join(root, 'etc/initiators.allow'), join(root, 'etc/initiators.deny')]);
      expect(readFileSync(join(root, 'etc/initiators.allow'), 'utf8')).toMatch(/\niqn\.2001-04\.com\.example:t1 10\.0\.0\.0\/24\n$/);
      expect(readFileSync(join(root, 'etc/initiators.deny'), 'utf8')).toMatch(/\niqn\.2001-04\.com\.example:t1 ALL\n$/);
      expect(statSync(join(root, 'etc/initiators.deny')).mode & 0o777).toBe(0o600);
      expect(readdirSync(join(root, 'etc/initiators.allow.backups')).length).toBe(1);
      expect(Object.keys((await readLive(host)).drivers.iscsi!.targets)).toEqual(['iqn.2001-04.com.example:t1']);
    } finally {
      delete process.env.SCSTADMIN_TS_LOCK;
      delete process.env.SCSTADMIN_TS_STATE_DIR;
      for (const dir of [root, state]) rmSync(dir, { recursive: true, force: true });
    }
  });
});
