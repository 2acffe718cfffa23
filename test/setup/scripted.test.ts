/**
 * `setup --yes` through the built binary on an emulated host: what it creates on the host and
 * in the saved file, a second run of the same line changing nothing, and every refusal (a
 * mounted disk, a missing answer, no terminal, an existing file of another size) leaving host
 * and file as they were.
 */
import { execa } from 'execa';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'run.js');
const scratch = mkdtempSync(join(tmpdir(), 'setup-scripted-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let n = 0;
let dir = '';
const state = () => join(dir, 'host.json');
const conf = () => join(dir, 'scst.conf');
const env = () => ({ NO_COLOR: '1', SCST_CONF: conf(), SCSTADMIN_TS_LOCK: join(dir, 'lock'), SCSTADMIN_TS_STATE_DIR: join(dir, 'journal'), SCST_DEFAULTS_FILE: join(dir, 'default-scst') });
const cli = (args: string[]) => execa('node', [BIN, ...args, '--simulate', state()], { reject: false, env: env(), stdin: 'ignore' });
const hostState = () => JSON.parse(readFileSync(state(), 'utf8')) as { host: { hostFiles: Record<string, { kind: string; size?: number }> } };
const shown = async () => (await cli(['show', '-a'])).stdout;

const TARGET = 'iqn.2026-12.com.example:store';
const WEB1 = 'iqn.1993-08.org.debian:01:web1';

/** One fresh host (a free disk, a mounted one, a 1 GiB file), copied for every test. */
const template = join(scratch, 'template.json');
beforeAll(async () => {
  for (const args of [['simulate', 'create', '--force'], ['simulate', 'file', '/dev/sdb', '--block', '--size', '8G'], ['simulate', 'file', '/dev/sda', '--block', '--size', '8G', '--used-by', 'mounted on /'], ['simulate', 'file', '/srv/old.img', '--size', '1G'], ['simulate', 'file', '/srv/old.iso', '--size', '600M']]) {
    expect((await execa('node', [BIN, ...args, '--simulate', template], { stdin: 'ignore', reject: false })).exitCode).toBe(0);
  }
}, 60_000);

beforeEach(() => {
  dir = join(scratch, String(++n));
  mkdirSync(dir);
  copyFileSync(template, state());
});

describe('setup --yes', { timeout: 60_000 }, () => {
  it('builds a target an initiator can log in to from one line: new sparse file, group, portal, CHAP; saved; a second run changes nothing', async () => {
    writeFileSync(join(dir, 'web1.secret'), 'web1-secret-0001\n', { mode: 0o600 });
    const line = ['setup', '--yes', '--file', '/srv/new.img', '--size', '2G', '--target', TARGET, '--initiator', WEB1, '--portal', '192.0.2.10', '--chap-user', 'web1', '--chap-secret-file', join(dir, 'web1.secret'), '--json'];
    const first = await cli(line);
    expect(first.exitCode, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ outcome: 'done', target: TARGET, device: 'new', handler: 'vdisk_fileio', lun: 0, backing: '/srv/new.img', createdFile: true, initiators: [WEB1], portal: '192.0.2.10', chap: { user: 'web1', mutualUser: null }, generatedSecrets: {} });
    expect(report.initiatorCommands).toContain(`iscsiadm -m node -T ${TARGET} -p 192.0.2.10 --login`);
    expect(report.initiatorCommands).toContain('node.session.auth.username = web1');
    expect(first.stdout).not.toContain('web1-secret-0001');
    expect(report.plan.join('\n')).not.toContain('web1-secret-0001');
    expect(hostState().host.hostFiles['/srv/new.img']).toEqual({ kind: 'file', size: 2 * 1024 ** 3 });
    const host = await shown();
    for (const words of [TARGET, 'new', '/srv/new.img', WEB1, '192.0.2.10']) expect(host).toContain(words);
    const saved = readFileSync(conf(), 'utf8');
    expect(saved).toMatch(/DEVICE new \{\s*filename \/srv\/new\.img/);
    expect(saved).toMatch(new RegExp(`GROUP allowed \\{\\s*LUN 0 new\\s*INITIATOR ${WEB1.replaceAll('.', '\\.')}`));
    expect(saved).toContain('allowed_portal 192.0.2.10');
    expect(saved).toContain('IncomingUser "web1 web1-secret-0001"');

    const again = await cli(line);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'nothing-to-do', createdFile: false });
    expect(readFileSync(conf(), 'utf8')).toBe(saved);
    expect(await shown()).toBe(host);
  });

  it('exports a free disk to everyone, and a second disk to the same target as the lowest free LUN; a generated secret is shown once', async () => {
    const first = await cli(['setup', '--yes', '--disk', '/dev/sdb', '--target', TARGET, '--chap-user', 'u1', '--generate-secret', '--json']);
    expect(first.exitCode, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ handler: 'vdisk_blockio', device: 'sdb', lun: 0, initiators: [] });
    const secret = report.generatedSecrets.u1 as string;
    expect(secret).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(report.initiatorCommands).toContain(`node.session.auth.password = ${secret}`);
    expect(readFileSync(conf(), 'utf8')).toMatch(/TARGET iqn\.2026-12\.com\.example:store \{[^]*LUN 0 sdb/);
    const rerun = JSON.parse((await cli(['setup', '--yes', '--disk', '/dev/sdb', '--target', TARGET, '--chap-user', 'u1', '--generate-secret', '--json'])).stdout);
    expect(rerun).toMatchObject({ outcome: 'nothing-to-do', generatedSecrets: {} });
    expect(rerun.initiatorCommands).toContain('node.session.auth.password = <the secret the target already has for this user (kept)>');
    expect(readFileSync(conf(), 'utf8')).toContain(`IncomingUser "u1 ${secret}"`);
    const second = await cli(['setup', '--yes', '--file', '/srv/old.img', '--target', TARGET, '--json']);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ lun: 1, device: 'old', createdFile: false });
    expect(hostState().host.hostFiles['/srv/old.img']).toEqual({ kind: 'file', size: 1024 ** 3 });
  });

  it('a kernel refusal half-way rolls the whole setup back and removes the new file it made', async () => {
    const before = await shown();
    expect((await cli(['simulate', 'fault', '--nth', '1', '--errno', 'EIO', '--path-includes', 'ini_groups'])).exitCode).toBe(0);
    const run = await cli(['setup', '--yes', '--file', '/srv/new.img', '--size', '1G', '--target', TARGET, '--initiator', WEB1]);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(await shown()).toBe(before);
    expect(hostState().host.hostFiles['/srv/new.img']).toBeUndefined();
    expect(existsSync(conf())).toBe(false);
  });

  it('on a host where SCST is not up, loads the modules and starts iscsi-scstd as the first steps of the plan; a refused answer takes none of them', async () => {
    expect((await cli(['simulate', 'create', '--force', '--modules', 'scst', '--no-daemon'])).exitCode).toBe(0);
    const down = readFileSync(state(), 'utf8');
    const bad = await cli(['setup', '--yes', '--null', '--target', 'iqn.bad name']);
    expect(bad.exitCode, bad.stderr).toBe(2);
    expect(readFileSync(state(), 'utf8')).toBe(down);
    const run = await cli(['setup', '--yes', '--null', '--target', TARGET, '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ outcome: 'done', handler: 'vdisk_nullio', broughtUp: { modules: ['scst_vdisk', 'iscsi_scst'], daemon: true } });
    expect(report.plan.slice(0, 3)).toEqual(['+ modules: load scst_vdisk, iscsi_scst', '+ iscsi-scstd: start', '+ device null0: create device null0 (vdisk_nullio)']);
    const status = (await cli(['simulate', 'status'])).stdout;
    expect(status).toMatch(/modules: +scst, scst_vdisk, iscsi_scst\n/);
    expect(status).toMatch(/iscsi-scstd: +running/);
    expect(await shown()).toContain(TARGET);
  });

  it('an ISO image, by name or by its ISO 9660 signature, becomes a CD-ROM with the image as media; options a CD-ROM has none of are refused', async () => {
    const image = join(dir, 'install.img');
    const bytes = Buffer.alloc(40 * 1024);
    bytes.write('CD001', 16 * 2048 + 1, 'latin1');
    writeFileSync(image, bytes);
    const run = await cli(['setup', '--yes', '--file', image, '--target', TARGET, '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ handler: 'vcdrom', device: 'install', backing: image, lun: 0 });
    expect(readFileSync(conf(), 'utf8')).toMatch(new RegExp(`HANDLER vcdrom \\{\\s*DEVICE install \\{\\s*filename ${image.replaceAll('.', '\\.')}\\s*\\}`));
    expect(await shown()).toMatch(/vcdrom/);
    const before = readFileSync(conf(), 'utf8');
    const refused = await cli(['setup', '--yes', '--file', '/srv/old.iso', '--target', TARGET, '--4k-blocks', '--write-through']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('/srv/old.iso: a CD-ROM (vcdrom) has read-only media and 2048-byte blocks: --4k-blocks, --write-through do not apply');
    expect(readFileSync(conf(), 'utf8')).toBe(before);
  });

  it('a file named like one exported already, in another directory, gets a device name of its own; a re-run finds it', async () => {
    for (const path of ['/srv/a/disk.img', '/srv/b/disk.img']) {
      const run = await cli(['setup', '--yes', '--file', path, '--size', '1G', '--target', TARGET]);
      expect(run.exitCode, run.stderr).toBe(0);
    }
    const again = await cli(['setup', '--yes', '--file', '/srv/b/disk.img', '--size', '1G', '--target', TARGET, '--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'nothing-to-do', device: 'disk_2', lun: 1 });
    expect(readFileSync(conf(), 'utf8')).toMatch(/DEVICE disk_2 \{\s*filename \/srv\/b\/disk\.img/);
  });

  it('on a real host whose kernel has no SCST modules installed: says so before any question, and changes nothing', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    mkdirSync(join(dir, 'sysfs'));
    // modprobe as kmod answers for a module this kernel does not have.
    writeFileSync(join(bin, 'modprobe'), '#!/bin/sh\necho "modprobe: FATAL: Module $3 not found" >&2\nexit 1\n', { mode: 0o755 });
    writeFileSync(join(dir, 'proc-modules'), '');
    const run = await execa('node', [BIN, 'setup', '--yes', '--null', '--target', TARGET, '--sysfs-root', join(dir, 'sysfs')], {
      reject: false, stdin: 'ignore',
      env: { ...env(), PATH: `${bin}:${process.env.PATH}`, SCST_PROC_MODULES: join(dir, 'proc-modules'), SCST_SYS_MODULE: join(dir, 'sys-module'), SCST_KERNEL_RELEASE: '6.1.0-test', SCST_ISCSID_PIDFILE: join(dir, 'pid') },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("setup: SCST's scst, scst_vdisk, iscsi_scst are not installed for the running kernel 6.1.0-test: nothing was changed");
    expect(existsSync(conf())).toBe(false);
  });

  describe('refusals leave host and file unchanged', () => {
    // The emulated host is its state file: a refusal leaves it byte for byte as it was.
    const refused = async (args: string[], words: RegExp) => {
      const before = readFileSync(state(), 'utf8');
      const run = await cli(args);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(words);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(state(), 'utf8')).toBe(before);
      expect(existsSync(conf())).toBe(false);
    };
    it('a mounted disk', () => refused(['setup', '--yes', '--disk', '/dev/sda', '--target', TARGET], /\/dev\/sda: not offered: mounted on \//));
    it('a path that is not a block device of the host', () => refused(['setup', '--yes', '--disk', '/dev/nope', '--target', TARGET], /\/dev\/nope: not a block device/));
    it('missing answers, each named by its flag', () => refused(['setup', '--yes', '--chap-user', 'u1'], /--disk DEVICE \| --file PATH \[--size SIZE\] \| --null, --target IQN, --chap-secret-file FILE \| --generate-secret/));
    it('no terminal and no --yes: refuses at once instead of waiting', () => refused(['setup', '--disk', '/dev/sdb'], /no terminal to ask on, and no --yes; the answers still missing are .*--target IQN/));
    it('an existing file is never resized or truncated', async () => {
      await refused(['setup', '--yes', '--file', '/srv/old.img', '--size', '2G', '--target', TARGET], /\/srv\/old\.img: exists already with another size/);
      expect(hostState().host.hostFiles['/srv/old.img']).toEqual({ kind: 'file', size: 1024 ** 3 });
    });
    it('a missing file without --size', () => refused(['setup', '--yes', '--file', '/srv/none.img', '--target', TARGET], /\/srv\/none\.img: does not exist: give --size/));
    it('a bad IQN', () => refused(['setup', '--yes', '--null', '--target', 'iqn.bad name'], /iqn\.bad name/));
    it('a disk already exported as another device', async () => {
      expect((await cli(['setup', '--yes', '--disk', '/dev/sdb', '--target', TARGET])).exitCode).toBe(0);
      const before = readFileSync(conf(), 'utf8');
      const run = await cli(['setup', '--yes', '--disk', '/dev/sdb', '--device-name', 'other', '--target', TARGET]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(/\/dev\/sdb: not offered: already SCST device sdb/);
      expect(readFileSync(conf(), 'utf8')).toBe(before);
    });
  });
});
