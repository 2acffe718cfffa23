/**
 * Property: whatever a host holds, the file write-config saves passes check-config (offline and
 * against the host) and re-applies with 0 writes — and so does the file Perl scstadmin writes for
 * it (the copy manager's LUNs included). Hosts are generated from a seed: handlers, devices
 * (some read-only), targets, groups, initiators, LUNs (some read-only) and attributes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConfig } from '../../src/conf/check.js';
import { parseConf } from '../../src/conf/parse.js';
import { serializeConf } from '../../src/conf/serializer.js';
import { saveLive } from '../../src/conf/workflows.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { readLive } from '../../src/live/index.js';
import { dict, emptyConfig, type ScstConfig, type Target } from '../../src/model/types.js';
import { planAgainstHost } from '../../src/plan/probe.js';
import { writeAll } from '../plan/fixtures.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'scst-readback-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

const HOST_FILES = Object.fromEntries([
  // one block device per vdisk_blockio device: the kernel opens them exclusively
  ...Array.from({ length: 6 }, (_, i) => [`/dev/vg0/lv${i}`, { kind: 'block' as const, size: 1 << 30 }]),
  ...Array.from({ length: 4 }, (_, i) => [`/srv/img${i}.img`, { kind: 'file' as const, size: 1 << 26 }]),
]);

function generate(seed: number): ScstConfig {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const chance = (p: number) => rnd() < p;
  const config = emptyConfig();
  const devices: string[] = [];
  const kinds = [
    { handler: 'vdisk_nullio', params: (): Record<string, string[]> => ({ size_mb: [String(1 + Math.floor(rnd() * 64))] }) },
    { handler: 'vdisk_fileio', params: (i: number): Record<string, string[]> => ({ filename: [`/srv/img${i % 4}.img`] }) },
    { handler: 'vdisk_blockio', params: (i: number): Record<string, string[]> => ({ filename: [`/dev/vg0/lv${i}`] }) },
  ];
  const count = 1 + Math.floor(rnd() * 6);
  for (let i = 0; i < count; i += 1) {
    const kind = pick(kinds);
    const attributes = kind.params(i);
    if (chance(0.4)) attributes.read_only = ['1'];
    if (chance(0.3)) attributes.t10_dev_id = [`t10-${seed}-${i}`];
    const h = (config.handlers[kind.handler] ??= { name: kind.handler, attributes: dict(), devices: dict() });
    h.devices[`d${i}`] = { name: `d${i}`, handler: kind.handler, attributes };
    devices.push(`d${i}`);
  }
  const driver: ScstConfig['drivers'][string] = { name: 'iscsi', enabled: chance(0.5), attributes: dict(), targets: dict() };
  const targets = Math.floor(rnd() * 4);
  const lunSet = (): Target['luns'] => {
    const luns = dict<Target['luns'][string]>();
    const n = Math.floor(rnd() * 4);
    for (let l = 0; l < n; l += 1) luns[String(l)] = { lun: l, device: pick(devices), attributes: chance(0.3) ? { read_only: ['1'] } : dict() };
    return luns;
  };
  for (let t = 0; t < targets; t += 1) {
    const name = `iqn.2024-01.test.gen:s${seed}t${t}`;
    const target: Target = { name, enabled: chance(0.5), attributes: dict(), luns: lunSet(), groups: dict() };
    if (chance(0.4)) target.attributes.HeaderDigest = [pick(['CRC32C', 'None,CRC32C'])];
    if (chance(0.4)) target.attributes.QueuedCommands = [String(8 + Math.floor(rnd() * 100))];
    if (chance(0.3)) target.attributes.IncomingUser = [`user${t} secret-${seed}-000000`];
    const groups = Math.floor(rnd() * 3);
    for (let g = 0; g < groups; g += 1) {
      target.groups[`g${g}`] = { name: `g${g}`, attributes: dict(), luns: lunSet(), initiators: chance(0.7) ? [`iqn.2024-01.test.ini:s${seed}t${t}g${g}`] : [] };
    }
    driver.targets[name] = target;
  }
  if (targets > 0) config.drivers.iscsi = driver;
  return config;
}

async function hostOf(seed: number): Promise<Emulator> {
  const host = new Emulator({ modules: ['scst', 'scst_vdisk', 'iscsi_scst', 'scst_local'], useRealFileSystem: false, hostFiles: HOST_FILES });
  await writeAll(host, (await planAgainstHost(host, generate(seed), {})).ops);
  return host;
}

async function readsBack(host: Emulator, text: string, file: string): Promise<void> {
  const live = await readLive(host);
  const checked = checkConfig(text, file, { live, statPath: false, mode: 0o600 });
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const desired = parseConf(text, file).config;
  for (const options of [{}, { prune: true }]) {
    const plan = await planAgainstHost(host, desired, options);
    expect(plan.ops.map((op) => `${op.object}: ${op.summary}`)).toEqual([]);
  }
}

describe('saved files read back', () => {
  it.each(Array.from({ length: 24 }, (_, i) => 1000 + i * 7919))('host of seed %i: write-config and the Perl-style file pass check-config and re-apply with 0 writes', async (seed) => {
    const host = await hostOf(seed);
    const file = path.join(scratch, `saved-${seed}.conf`);
    await saveLive(host, file);
    await readsBack(host, readFileSync(file, 'utf8'), file);
    // Perl's -write_config also lists the copy manager's LUNs, read_only included.
    await readsBack(host, serializeConf(await readLive(host)), `perl-${seed}.conf`);
  });

  it('a read-only device: its copy-manager LUN reads read_only 1, and that file passes check-config', async () => {
    const config = emptyConfig();
    config.handlers.vdisk_nullio = { name: 'vdisk_nullio', attributes: dict(), devices: { ro: { name: 'ro', handler: 'vdisk_nullio', attributes: { read_only: ['1'], size_mb: ['8'] } } } };
    const host = new Emulator({ useRealFileSystem: false });
    await writeAll(host, (await planAgainstHost(host, config, {})).ops);
    const perl = serializeConf(await readLive(host));
    expect(perl).toMatch(/TARGET copy_manager_tgt \{\n\t\tLUN \d+ ro \{\n\t\t\tread_only 1\n/);
    await readsBack(host, perl, 'perl.conf');
    // write-config leaves the automatic LUN out; plan says why it leaves it alone.
    const file = path.join(scratch, 'ro.conf');
    await saveLive(host, file);
    const saved = readFileSync(file, 'utf8');
    expect(saved).not.toContain('copy_manager');
    await readsBack(host, saved, file);
    const plan = await planAgainstHost(host, parseConf(saved, file).config, { prune: true });
    expect(plan.notes).toContainEqual(expect.objectContaining({ object: 'target copy_manager/copy_manager_tgt', message: expect.stringContaining('the copy manager maps each vdisk device by itself') }));
  });
});
