/**
 * The package as a user gets it: `npm pack`, then `npm install -g` of the tarball into an empty
 * prefix (runtime dependencies only), and the installed commands run from another directory:
 * --help, show and apply on an emulated host, man pages linked, completion answering.
 * One install (tens of seconds, from the npm cache when it has the dependencies), many checks.
 */
import { execa } from 'execa';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let scratch: string;
let prefix: string;
let env: Record<string, string>;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'packed-install-'));
  prefix = join(scratch, 'prefix');
  // The suite has just built; pack what is built rather than building again.
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: ROOT });
  const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
  await execa('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(scratch, filename)], { cwd: scratch });
  const home = join(scratch, 'home');
  mkdirSync(home);
  env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, HOME: home, SCST_SIMULATE_STATE: join(scratch, 'lab.json'), NO_COLOR: '1' };
}, 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A user's environment, not the test runner's (NODE_ENV=test makes oclif look for TypeScript).
const run = (args: string[]) => execa('scstadmin-ts', args, { env, extendEnv: false, cwd: scratch, reject: false });

describe('installed from the packed tarball', () => {
  it('holds what runs and is documented, and no development dependency', () => {
    const pkg = join(prefix, 'lib', 'node_modules', 'scstadmin-ts');
    for (const part of ['docs/apply.md', 'templates/scst.service', 'templates/completion/zsh', 'man/scst.conf.5', 'oclif.manifest.json']) {
      expect(existsSync(join(pkg, part)), part).toBe(true);
    }
    for (const dev of ['typescript', 'vitest', 'oclif', 'marked-man', 'eslint']) expect(existsSync(join(pkg, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(pkg, 'test')) || existsSync(join(pkg, 'src'))).toBe(false);
  });

  it('runs --help from anywhere', async () => {
    const { stdout, stderr, exitCode } = await run(['--help']);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(stdout).toMatch(/apply/);
    expect(stdout).toMatch(/install-completion/);
  });

  it('applies a config to an emulated host and shows it', async () => {
    writeFileSync(join(scratch, 'lab.conf'), 'HANDLER vdisk_nullio {\n\tDEVICE disk1\n}\n\nTARGET_DRIVER iscsi {\n\tTARGET iqn.2024-01.com.example:lab {\n\t\tLUN 0 disk1\n\t}\n}\n');
    const applied = await run(['apply', '--simulate', 'lab.conf', '--yes']);
    expect(applied.stderr).toBe('');
    expect(applied.exitCode).toBe(0);
    const shown = await run(['show', '--simulate']);
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toContain('iqn.2024-01.com.example:lab');
    expect(shown.stdout).toContain('disk1');
  });

  it('links the man pages into the prefix, where man finds them', async () => {
    expect(existsSync(join(prefix, 'share', 'man', 'man8', 'scstadmin-ts-apply.8'))).toBe(true);
    const { stdout } = await execa('man', ['-M', join(prefix, 'share', 'man'), '5', 'scst.conf'], { env: { ...env, PAGER: 'cat', MANWIDTH: '100' } });
    expect(stdout).toMatch(/^NAME\s+scst\.conf - SCST configuration file/m);
  });

  it('completes through the installed entry point, with live names of the emulated host', async () => {
    const complete = (line: string) => execa('scstadmin-ts-complete', ['bash', '--line', line], { env, extendEnv: false, cwd: scratch });
    expect((await complete('scstadmin-ts sh')).stdout).toBe('show');
    expect((await complete('scstadmin-ts simulate logout --simulate iqn.2024-01.com.example:')).stdout).toBe('lab');
    const script = await run(['completion', 'bash']);
    expect(script.stdout).toContain('complete -F _scstadmin_ts scstadmin-ts');
  });
});
