/**
 * Every numeric flag is range-checked exactly before anything runs: a value beyond the range
 * (however many digits) is bad usage, exit 2, and never reaches the kernel.
 */
import { Config } from '@oclif/core';
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIntegerFlag } from '../../src/cli/integer-flag.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'run.js');
const scratch = mkdtempSync(join(tmpdir(), 'integer-flag-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('parseIntegerFlag', () => {
  const bounds = { min: 0, max: 86_400 };
  it('takes decimal integers within the bounds', () => {
    expect(parseIntegerFlag('0', bounds)).toBe(0);
    expect(parseIntegerFlag('86400', bounds)).toBe(86_400);
    expect(parseIntegerFlag('007', bounds)).toBe(7);
    expect(parseIntegerFlag('-5', { min: -10, max: 10 })).toBe(-5);
  });
  it('refuses values beyond the bounds exactly, however long', () => {
    expect(() => parseIntegerFlag('86401', bounds)).toThrow('86401 is out of range: expected an integer from 0 to 86400');
    expect(() => parseIntegerFlag('99999999999999999999', bounds)).toThrow(/out of range/);
    // 2^53 + 1 rounds to 2^53 as a double: the comparison must be exact.
    expect(() => parseIntegerFlag('9007199254740993', { min: 0, max: Number.MAX_SAFE_INTEGER })).toThrow(/out of range/);
    expect(() => parseIntegerFlag('-1', bounds)).toThrow(/out of range/);
  });
  it('refuses what is not a decimal integer', () => {
    for (const text of ['abc', '1e3', '0x10', '1.5', '', '+-1']) {
      expect(() => parseIntegerFlag(text, bounds), text).toThrow(/Expected an integer from 0 to 86400/);
    }
  });
});

describe('numeric flags of every command', () => {
  it('all declare a finite range', async () => {
    const config = await Config.load(ROOT);
    const open: string[] = [];
    for (const command of config.commands) {
      const loaded = await command.load();
      for (const [name, flag] of Object.entries(loaded.flags ?? {})) {
        const bounds = flag as { min?: number; max?: number };
        if (bounds.min === undefined && bounds.max === undefined) continue;
        if (bounds.min === undefined || bounds.max === undefined || bounds.max > Number.MAX_SAFE_INTEGER) open.push(`${command.id} --${name}`);
      }
    }
    expect(open).toEqual([]);
  });

  it('--suspend 99999999999999999999 is bad usage (exit 2) and changes nothing', async () => {
    const state = join(scratch, 'host.json');
    const env = { NO_COLOR: '1', SCST_CONF: join(scratch, 'scst.conf') };
    expect((await execa('node', [BIN, 'simulate', 'create', '--force', `--simulate=${state}`], { env })).exitCode).toBe(0);
    const before = readFileSync(state, 'utf8');
    const run = await execa('node', [BIN, 'apply', '--suspend', '99999999999999999999', '--yes', `--simulate=${state}`], { reject: false, env, stdin: 'ignore' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('scstadmin-ts: --suspend: 99999999999999999999 is out of range: expected an integer from 0 to 86400');
    expect(readFileSync(state, 'utf8')).toBe(before);
  });

  it('a daemon timeout beyond the range is refused before anything starts', async () => {
    const state = join(scratch, 'host2.json');
    const run = await execa('node', [BIN, 'daemon', 'start', '--timeout', '18446744073709551617', `--simulate=${state}`], { reject: false, env: { NO_COLOR: '1' } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--timeout: 18446744073709551617 is out of range');
  });
});
