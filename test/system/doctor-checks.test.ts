import { describe, expect, it } from 'vitest';
import { runChecks, type CheckResult } from '../../src/system/doctor/checks.js';
import type { DoctorFacts } from '../../src/system/doctor/facts.js';
import { dict, emptyConfig, type ScstConfig, type Target } from '../../src/model/types.js';

function target(name: string, over: Partial<Target> = {}): Target {
  return { name, attributes: dict(), luns: dict(), groups: dict(), enabled: true, ...over };
}

/** A healthy host: scst + vdisk + iscsi loaded, daemon connected, one device on LUN 0. */
function healthyConfig(): ScstConfig {
  const config = emptyConfig();
  const dev = { name: 'disk1', handler: 'vdisk_fileio', attributes: Object.assign(dict<string[]>(), { filename: ['/srv/disk1.img'] }), size: 1024 };
  config.handlers.vdisk_fileio = { name: 'vdisk_fileio', attributes: dict(), devices: Object.assign(dict(), { disk1: dev }) };
  const t = target('iqn.2031-01.test:t1', { luns: Object.assign(dict(), { '0': { lun: 0, device: 'disk1', attributes: dict() } }) });
  config.drivers.iscsi = { name: 'iscsi', attributes: dict(), targets: Object.assign(dict(), { [t.name]: t }) };
  return config;
}

function healthyFacts(): DoctorFacts {
  return {
    loadedModules: new Set(['scst', 'scst_vdisk', 'iscsi_scst']),
    scstLoaded: true,
    daemon: 'connected',
    live: healthyConfig(),
    config: { file: '/etc/scst.conf', config: healthyConfig(), mode: 0o600 },
    drift: { pending: [] },
    stores: new Map([['/srv/disk1.img', { kind: 'file', size: 4096 }]]),
  };
}

function problems(results: CheckResult[]): Array<[string, string]> {
  return results.flatMap((r) => r.findings.map((f): [string, string] => [r.id, f.object]));
}

describe('doctor checks', () => {
  it('finds nothing on a healthy host', () => {
    const results = runChecks(healthyFacts());
    expect(problems(results)).toEqual([]);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
  });

  it('SCST not loaded: says so and skips what needs the kernel', () => {
    const facts = { ...healthyFacts(), scstLoaded: false, live: undefined, drift: undefined, daemon: 'no-driver' as const, loadedModules: new Set<string>() };
    const results = runChecks(facts);
    expect(problems(results)).toEqual([
      ['scst-loaded', 'module scst'],
      ['config-modules', 'module scst'], ['config-modules', 'module scst_vdisk'], ['config-modules', 'module iscsi_scst'],
    ]);
    expect(results.find((r) => r.id === 'lun-0')).toMatchObject({ status: 'skipped', reason: 'SCST is not loaded' });
    expect(results.find((r) => r.id === 'scst-loaded')!.findings[0]!.fix).toMatch(/scstadmin-ts start/);
  });

  it('a driver loaded but its daemon not connected', () => {
    const results = runChecks({ ...healthyFacts(), daemon: 'closed' });
    expect(problems(results)).toEqual([['iscsi-daemon', 'iscsi-scstd']]);
    expect(results.find((r) => r.id === 'iscsi-daemon')!.findings[0]!.fix).toBe('scstadmin-ts daemon start');
  });

  it('a daemon connected but stopped (SIGSTOP): the kernel says open, the process answers nothing', () => {
    const results = runChecks({ ...healthyFacts(), daemon: 'connected', daemonStopped: true });
    expect(problems(results)).toEqual([['iscsi-daemon', 'iscsi-scstd']]);
    expect(results.find((r) => r.id === 'iscsi-daemon')!.findings[0]!.message).toMatch(/process is stopped/);
  });

  it('modules for the configuration missing', () => {
    const facts = healthyFacts();
    facts.loadedModules.delete('scst_vdisk');
    expect(problems(runChecks(facts))).toEqual([['config-modules', 'module scst_vdisk']]);
  });

  it('config and kernel drifted', () => {
    const results = runChecks({ ...healthyFacts(), drift: { pending: ['a', 'b', 'c', 'd'] } });
    expect(problems(results)).toEqual([['drift', '/etc/scst.conf']]);
    expect(results.find((r) => r.id === 'drift')!.findings[0]!.message).toMatch(/^4 changes pending.*a; b; c; …$/);
  });

  it('a config file readable by others while it holds secrets (and only then)', () => {
    const facts = healthyFacts();
    facts.config.mode = 0o644;
    expect(problems(runChecks(facts))).toEqual([]);
    facts.config.config!.drivers.iscsi!.targets['iqn.2031-01.test:t1']!.attributes.IncomingUser = ['alice secret-0001'];
    const results = runChecks(facts);
    expect(problems(results)).toEqual([['config-secrets', '/etc/scst.conf']]);
    expect(results.find((r) => r.id === 'config-secrets')!.findings[0]).toMatchObject({ message: expect.stringContaining('0644'), fix: 'chmod 600 /etc/scst.conf' });
    expect(JSON.stringify(results)).not.toContain('secret-0001');
  });

  it('backing files missing or smaller than the device', () => {
    const missing = healthyFacts();
    missing.stores.set('/srv/disk1.img', undefined);
    expect(problems(runChecks(missing))).toEqual([['backing-storage', 'device disk1']]);
    const small = healthyFacts();
    small.stores.set('/srv/disk1.img', { kind: 'file', size: 512 });
    const results = runChecks(small);
    expect(results.find((r) => r.id === 'backing-storage')!.findings[0]!.message).toBe("backing /srv/disk1.img has 512 bytes, less than the device's 1024");
  });

  it('targets enabled without LUN 0 (disabled ones are fine)', () => {
    const facts = healthyFacts();
    const t = facts.live!.drivers.iscsi!.targets['iqn.2031-01.test:t1']!;
    t.luns = Object.assign(dict(), { '1': { lun: 1, device: 'disk1', attributes: dict() } });
    expect(problems(runChecks(facts))).toEqual([['lun-0', 'target iscsi/iqn.2031-01.test:t1']]);
    t.luns = dict();
    expect(runChecks(facts).find((r) => r.id === 'lun-0')!.findings[0]!.message).toMatch(/exports no LUN/);
    t.enabled = false;
    expect(problems(runChecks(facts))).toEqual([]);
  });

  it('an initiator in two groups of one target, in the kernel or in the file', () => {
    const facts = healthyFacts();
    const t = facts.config.config!.drivers.iscsi!.targets['iqn.2031-01.test:t1']!;
    t.groups.a = { name: 'a', attributes: dict(), luns: dict(), initiators: ['iqn.host:1'] };
    t.groups.b = { name: 'b', attributes: dict(), luns: dict(), initiators: ['iqn.host:1', 'iqn.host:2'] };
    const results = runChecks(facts);
    expect(problems(results)).toEqual([['initiator-groups', 'target iscsi/iqn.2031-01.test:t1']]);
    expect(results.find((r) => r.id === 'initiator-groups')!.findings[0]!.message).toMatch(/iqn\.host:1 is in groups a and b/);
  });

  it('an initiator another group\'s pattern matches too, written or logged in', () => {
    const facts = healthyFacts();
    const t = facts.config.config!.drivers.iscsi!.targets['iqn.2031-01.test:t1']!;
    t.groups.a = { name: 'a', attributes: dict(), luns: dict(), initiators: ['iqn.host:1'] };
    t.groups.b = { name: 'b', attributes: dict(), luns: dict(), initiators: ['iqn.HOST:*'] };
    t.groups.c = { name: 'c', attributes: dict(), luns: dict(), initiators: ['iqn.other:?'] };
    t.groups.d = { name: 'd', attributes: dict(), luns: dict(), initiators: ['!iqn.*'] };
    t.sessions = [{ name: 's1', initiator: 'iqn.other:7' }];
    const messages = runChecks(facts).find((r) => r.id === 'initiator-groups')!.findings.map((f) => f.message);
    expect(messages).toEqual([expect.stringMatching(/iqn\.host:1 is in groups a and b:/)]);
    t.groups.e = { name: 'e', attributes: dict(), luns: dict(), initiators: ['iqn.other:*'] };
    const again = runChecks(facts).find((r) => r.id === 'initiator-groups')!.findings.map((f) => f.message);
    expect(again).toEqual([expect.stringMatching(/iqn\.host:1 is in groups a and b:/), expect.stringMatching(/iqn\.other:7 is in groups c and e:/)]);
  });

  it('an unusable configuration file is a problem; a missing one only skips', () => {
    expect(problems(runChecks({ ...healthyFacts(), config: { file: 'x.conf', error: 'x.conf:3: unknown keyword', mode: 0o600 }, drift: undefined }))).toEqual([['config-usable', 'x.conf']]);
    const results = runChecks({ ...healthyFacts(), config: { file: 'x.conf', missing: true }, drift: undefined });
    expect(problems(results)).toEqual([]);
    expect(results.find((r) => r.id === 'config-usable')).toMatchObject({ status: 'skipped' });
  });
});
