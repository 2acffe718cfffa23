/**
 * The short way a command starts (src/cli/direct-run.ts): the words are resolved against the
 * command index as oclif would resolve them, the command runs with the small RunConfig, and
 * everything the index cannot answer (help, --version, a bare topic, an unknown word, the colon
 * form) still reaches oclif's own run, with the same output either way.
 */
import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_INDEX_FILE, resolveCommand, type CommandIndex } from '../../src/cli/direct-run.js';
import { readManifest } from '../../src/meta/manifest.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'run.js');
const index: CommandIndex = {
  commands: Object.fromEntries(['add-lun', 'show', 'simulate:create', 'simulate:status', 'setup'].map((id) => [id, 'bundles/x.cjs'])),
  aliases: { wizard: 'setup' },
  bundles: { 'bundles/x.cjs': '0123456789abcdef' },
};

describe('resolving the words', () => {
  it('finds a command and hands over the arguments after its words', () => {
    expect(resolveCommand(['add-lun', 'iqn.2024-01.com.example:t', 'disk1', '--lun', '3'], index)).toEqual({
      id: 'add-lun',
      argv: ['iqn.2024-01.com.example:t', 'disk1', '--lun', '3'],
    });
    expect(resolveCommand(['simulate', 'status', '--json'], index)).toEqual({ id: 'simulate:status', argv: ['--json'] });
  });

  it('follows an alias to its command', () => {
    expect(resolveCommand(['wizard', '--yes'], index)).toEqual({ id: 'setup', argv: ['--yes'] });
  });

  it('leaves to oclif what only oclif answers', () => {
    for (const argv of [[], ['--version'], ['simulate'], ['nosuch'], ['simulate:status'], ['show', '--help'], ['Show'], ['simulate', 'nosuch'], ['constructor'], ['to-string']]) {
      expect(resolveCommand(argv, index), argv.join(' ')).toBeUndefined();
    }
  });

  it('reads --help after -- as an argument, not a request for help', () => {
    expect(resolveCommand(['show', '--', '--help'], index)).toEqual({ id: 'show', argv: ['--', '--help'] });
  });

  it('the built index lists every command and alias of the manifest, each in a bundle with its hash', () => {
    const built = JSON.parse(readFileSync(join(ROOT, 'dist', 'app', COMMAND_INDEX_FILE), 'utf8')) as CommandIndex;
    const manifest = readManifest();
    expect(Object.keys(built.commands).sort()).toEqual(Object.keys(manifest.commands).sort());
    expect(built.aliases).toEqual({ save: 'write-config', wizard: 'setup' });
    for (const bundle of Object.values(built.commands)) {
      expect(built.bundles[bundle], bundle).toMatch(/^[0-9a-f]{16}$/);
      expect(existsSync(join(ROOT, 'dist', 'app', bundle)), bundle).toBe(true);
    }
  });
});

describe('from the binary', () => {
  let scratch: string;
  let state: string;
  const run = (...argv: string[]) => execa('node', [BIN, ...argv], { reject: false, env: { NO_COLOR: '1' }, stdin: 'ignore' });
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'direct-run-'));
    state = join(scratch, 'state.json');
    expect((await run('simulate', 'create', '--simulate', state)).exitCode).toBe(0);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('a command runs the same by its words, its colon id and its alias', async () => {
    const spaced = await run('simulate', 'status', '--simulate', state, '--json');
    const colon = await run('simulate:status', '--simulate', state, '--json');
    expect(spaced.exitCode).toBe(0);
    expect(colon.exitCode).toBe(0);
    expect(JSON.parse(spaced.stdout)).toEqual(JSON.parse(colon.stdout));
    const alias = await run('save', join(scratch, 'saved.conf'), '--simulate', state);
    expect(alias.exitCode).toBe(0);
    expect(readFileSync(join(scratch, 'saved.conf'), 'utf8')).toContain('TARGET_DRIVER');
  });

  it('an argument error of a directly run command is our one line, exit 2, in text and --json', async () => {
    const text = await run('add-lun', '--simulate', state);
    expect(text.exitCode).toBe(2);
    expect(text.stderr.split('\n')[0]).toBe('scstadmin-ts: Missing 2 required args: target, device');
    const json = await run('add-lun', '--simulate', state, '--json');
    expect(json.exitCode).toBe(2);
    expect(JSON.parse(json.stdout).error.message).toBe('Missing 2 required args: target, device');
  });

  it('help, --version and an unknown command still come from oclif', async () => {
    const help = await run('add-lun', '--help');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('USAGE');
    expect(help.stdout).toContain('$ scstadmin-ts add-lun TARGET DEVICE');
    const version = await run('--version');
    expect(version.stdout).toMatch(/^scstadmin-ts\/\d+\.\d+\.\d+ /);
    const unknown = await run('nosuch');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('scstadmin-ts: command nosuch not found');
  });
});
