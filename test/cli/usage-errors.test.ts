/**
 * oclif's command-line errors reach the admin as one line that still says why the flag was
 * refused, exit 2, in text and in --json.
 */
import { Parser } from '@oclif/core';
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { integerFlag } from '../../src/cli/integer-flag.js';
import { formatErrorLines, toErrorReport } from '../../src/ui/error-output.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
const scratch = mkdtempSync(join(tmpdir(), 'usage-errors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function parseError(argv: string[]): Promise<unknown> {
  try {
    await Parser.parse(argv, { flags: { suspend: integerFlag({ min: 0, max: 86_400 }) } });
  } catch (error) {
    return error;
  }
  throw new Error('expected the parse to fail');
}

describe('a flag value oclif cannot parse', () => {
  it('keeps the reason on the one line', async () => {
    const report = toErrorReport(await parseError(['--suspend', 'abc']));
    expect(report.exitCode).toBe(2);
    expect(report.message).toBe('--suspend: Expected an integer from 0 to 86400 but received: abc');
    expect(formatErrorLines(report)[0]).toBe('scstadmin-ts: --suspend: Expected an integer from 0 to 86400 but received: abc');
  });

  it('from the binary: text and --json, exit 2', async () => {
    const state = join(scratch, 'state.json');
    const env = { NO_COLOR: '1', SCST_CONF: '' };
    const text = await execa('node', [BIN, 'apply', '--suspend', 'abc', `--simulate=${state}`], { reject: false, env, stdin: 'ignore' });
    expect(text.exitCode).toBe(2);
    expect(text.stderr.split('\n')[0]).toBe('scstadmin-ts: --suspend: Expected an integer from 0 to 86400 but received: abc');
    const json = await execa('node', [BIN, 'apply', '--suspend', 'abc', `--simulate=${state}`, '--json'], { reject: false, env, stdin: 'ignore' });
    expect(json.exitCode).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'USAGE', message: '--suspend: Expected an integer from 0 to 86400 but received: abc', exitCode: 2 });
  });
});

describe('add-target with NAME=VALUE words and no name', () => {
  it('says the name goes first, naming the word it read as a parameter; exit 2, nothing created', async () => {
    const state = join(scratch, 'add-target.json');
    const env = { NO_COLOR: '1', SCST_CONF: '' };
    expect((await execa('node', [BIN, 'simulate', 'create', `--simulate=${state}`], { env, stdin: 'ignore' })).exitCode).toBe(0);
    const before = readFileSync(state, 'utf8');
    const result = await execa('node', [BIN, 'add-target', 'bad=name', `--simulate=${state}`], { reject: false, env, stdin: 'ignore' });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      "scstadmin-ts: give the target name before its NAME=VALUE parameters ('bad=name' reads as one: a target name has no '='), or --generate-iqn for a proposed one",
    );
    expect(readFileSync(state, 'utf8')).toBe(before);
    const bare = await execa('node', [BIN, 'add-target', `--simulate=${state}`], { reject: false, env, stdin: 'ignore' });
    expect(bare.stderr.split('\n')[0]).toBe('scstadmin-ts: give a target name, or --generate-iqn for a proposed one');
  });
});
