/**
 * Both ways in — the scstadmin-compat executable and `scstadmin-ts compat` — run the same front
 * end with the raw arguments; install-compat puts a scstadmin wrapper in front of the Perl tool
 * only when asked.
 */
import { execa } from 'execa';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCompat, WRAPPER_MARK } from '../../src/compat/install.js';
import { compatLab, type CompatLab } from './harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
let lab: CompatLab;
beforeAll(async () => {
  lab = await compatLab();
}, 60_000);
afterAll(() => lab.cleanup());

const run = (file: string, args: string[]) => execa('node', [join(ROOT, 'bin', file), ...args], { reject: false, env: lab.env, stdin: 'ignore' });

describe('entry points', () => {
  it('scstadmin-compat and scstadmin-ts compat print the same', async () => {
    const direct = await run('scstadmin-compat.js', ['-list_driver']);
    const viaCli = await run('run.js', ['compat', '-list_driver']);
    expect(direct.exitCode).toBe(0);
    expect(direct.stdout).toContain('\tDriver\n\t------------\n\tcopy_manager\n');
    expect(viaCli.stdout).toBe(direct.stdout);
    expect(viaCli.exitCode).toBe(0);
  });

  it('pass -h, --help, -debug and unknown options through to scstadmin\'s grammar', async () => {
    const help = await run('run.js', ['compat', '--help']);
    expect(help.stdout).toMatch(/^SCST Configurator compatible front end/);
    const unknown = await run('run.js', ['compat', '-list_target_attr', 'x', '-driver', 'iscsi']);
    expect(unknown).toMatchObject({ stdout: '', stderr: 'Unknown option: list_target_attr', exitCode: 1 });
    const clear = await run('scstadmin-compat.js', ['-clear_config']);
    expect(clear).toMatchObject({ stdout: 'Please specify -force with -clear_config.', exitCode: 1 });
  });

  it('reports scstadmin\'s exit code for a failed operation', async () => {
    const result = await run('run.js', ['compat', '-close_dev', 'nosuch', '-handler', 'vdisk_nullio', '-noprompt']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('FATAL: Received the following error:');
  });
});

describe('install-compat', () => {
  it('installs a wrapper where there is no Perl scstadmin, and again is unchanged', async () => {
    const root = join(lab.dir, 'image1');
    const first = await installCompat({ root, command: ['/usr/bin/node', '/opt/x/bin/scstadmin-compat.js'], force: false });
    expect(first).toEqual({ path: '/usr/local/sbin/scstadmin', status: 'installed' });
    const text = readFileSync(join(root, 'usr/local/sbin/scstadmin'), 'utf8');
    expect(text).toContain(WRAPPER_MARK);
    expect(text).toContain(`exec '/usr/bin/node' '/opt/x/bin/scstadmin-compat.js' "$@"`);
    expect(lstatSync(join(root, 'usr/local/sbin/scstadmin')).mode & 0o777).toBe(0o755);
    expect((await installCompat({ root, command: ['/usr/bin/node', '/opt/x/bin/scstadmin-compat.js'], force: false })).status).toBe('unchanged');
  });

  it('refuses to go in front of a Perl scstadmin without --force, and keeps it runnable with it', async () => {
    const root = join(lab.dir, 'image2');
    mkdirSync(join(root, 'usr/sbin'), { recursive: true });
    writeFileSync(join(root, 'usr/sbin/scstadmin'), '#!/usr/bin/perl\n');
    await expect(installCompat({ root, command: ['node', 'x'], force: false })).rejects.toMatchObject({ code: 'PERL_SCSTADMIN_PRESENT', exitCode: 2 });
    expect(() => lstatSync(join(root, 'usr/local/sbin/scstadmin'))).toThrow();
    const forced = await installCompat({ root, command: ['node', 'x'], force: true });
    expect(forced).toMatchObject({ status: 'installed', perl: '/usr/sbin/scstadmin', perlAlias: '/usr/local/sbin/scstadmin-perl' });
    expect(readlinkSync(join(root, 'usr/local/sbin/scstadmin-perl'))).toBe('/usr/sbin/scstadmin');
    expect(readFileSync(join(root, 'usr/sbin/scstadmin'), 'utf8')).toBe('#!/usr/bin/perl\n');
  });

  it('renames a Perl scstadmin that sits where the wrapper goes (with --force only)', async () => {
    const root = join(lab.dir, 'image3');
    mkdirSync(join(root, 'usr/local/sbin'), { recursive: true });
    writeFileSync(join(root, 'usr/local/sbin/scstadmin'), '#!/usr/bin/perl\n');
    await expect(installCompat({ root, command: ['node', 'x'], force: false })).rejects.toMatchObject({ code: 'PERL_SCSTADMIN_PRESENT' });
    await installCompat({ root, command: ['node', 'x'], force: true });
    expect(readFileSync(join(root, 'usr/local/sbin/scstadmin-perl'), 'utf8')).toBe('#!/usr/bin/perl\n');
    expect(readFileSync(join(root, 'usr/local/sbin/scstadmin'), 'utf8')).toContain(WRAPPER_MARK);
  });
});
