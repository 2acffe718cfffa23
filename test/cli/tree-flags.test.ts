/** --simulate and --sysfs-root: two typed flags conflict; SCST_SYSFS_ROOT yields to --simulate. */
import { execa } from 'execa';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
const scratch = mkdtempSync(join(tmpdir(), 'tree-flags-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}) {
  return execa('node', [BIN, ...args], { reject: false, env: { NO_COLOR: '1', SCST_CONF: '', ...env }, extendEnv: false, stdin: 'ignore' });
}

describe('--simulate with --sysfs-root', () => {
  it('both typed: refused, exit 2, nothing opened', async () => {
    const state = join(scratch, 'both.json');
    const result = await cli(['show', `--simulate=${state}`, '--sysfs-root', scratch]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('scstadmin-ts: --simulate and --sysfs-root name two different SCST trees; give one');
    expect(existsSync(state)).toBe(false);
  });

  it('both typed, --json: the same refusal as JSON', async () => {
    const result = await cli(['show', `--simulate=${join(scratch, 'both.json')}`, `--sysfs-root=${scratch}`, '--json']);
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'BAD_INPUT', message: '--simulate and --sysfs-root name two different SCST trees; give one', exitCode: 2 });
  });

  it('SCST_SYSFS_ROOT in the environment does not conflict with a typed --simulate', async () => {
    const state = join(scratch, 'env.json');
    const result = await cli(['show', `--simulate=${state}`], { SCST_SYSFS_ROOT: join(scratch, 'no-such-tree'), PATH: process.env.PATH ?? '' });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(existsSync(state)).toBe(true);
  });
});
