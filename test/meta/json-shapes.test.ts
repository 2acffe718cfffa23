/**
 * Every command that declares its --json shape prints JSON of that shape: each runs with
 * --json on an emulated host (in-process, through oclif's Config, so the whole tour costs one
 * load), and its output is checked against the declaration with ajv. A key added, removed or
 * retyped without changing the declaration fails here; the declaration itself is in the
 * command snapshot, so changing it is announced.
 */
import { Config } from '@oclif/core';
import { Ajv } from 'ajv';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../src/meta/manifest.js';

const ROOT = join(import.meta.dirname, '..', '..');
const T = 'iqn.2024-01.com.example:t1';
const INI = 'iqn.1993-08.org.debian:01:a';

/** A tour of the host that runs every command with a declared shape at least once, in order. */
const TOUR: string[][] = [
  ['add-device', 'd1', '--handler', 'vdisk_nullio'],
  ['add-device', 'd2', '--handler', 'vdisk_nullio'],
  ['add-device', 'cd1', '--handler', 'vcdrom'],
  ['insert-media', 'cd1', '/srv/cd.iso'],
  ['eject-media', 'cd1'],
  ['add-device', 'f1', '--handler', 'vdisk_fileio', '--file', '/srv/f1.img'],
  ['resync-device', 'f1'],
  ['set-device', 'd1', 'usn=D1'],
  ['add-target', T],
  ['set-target', T, 'QueuedCommands=64'],
  ['set-driver', 'iscsi', 'link_local=0'],
  ['enable-driver', 'iscsi'],
  ['enable-target', T],
  ['add-lun', T, 'd1'],
  ['replace-lun', T, '0', 'd2'],
  ['add-group', T, 'g1'],
  ['add-lun', T, 'd1', '--group', 'g1'],
  ['add-initiator', T, 'g1', INI],
  ['add-group', T, 'g2'],
  ['move-initiator', T, 'g1', INI, '--to', 'g2'],
  ['rm-initiator', T, 'g2', INI],
  ['add-initiator', T, 'g2', INI],
  ['clear-initiators', T, 'g2'],
  ['clear-luns', T, '--group', 'g1'],
  ['rm-group', T, 'g2'],
  ['allow-portal', T, '192.0.2.*'],
  ['deny-portal', T, '192.0.2.*'],
  ['simulate', 'login', T, INI],
  ['list-sessions', T],
  ['close-session', T, INI],
  ['add-chap-user', 'joe', '--target', T, '--secret', 'secret12345678'],
  ['add-chap-user', 'ann', '--target', T, '--generate'],
  ['list-chap-users'],
  ['rm-chap-user', 'joe', '--target', T],
  ['add-device-group', 'dg1'],
  ['add-group-member', 'dg1', 'd1'],
  ['add-target-group', 'dg1', 'tg1', '--group-id', '1'],
  ['add-group-member', 'dg1', T, '--target-group', 'tg1'],
  ['set-alua-state', 'dg1', 'tg1', 'standby'],
  ['rm-group-member', 'dg1', T, '--target-group', 'tg1'],
  ['rm-target-group', 'dg1', 'tg1'],
  ['rm-group-member', 'dg1', 'd1'],
  ['rm-device-group', 'dg1'],
  ['list-devices'],
  ['list-targets'],
  ['rm-lun', T, '0', '--force'],
  ['disable-target', T, '--force'],
  ['rm-target', T, '--force'],
  ['rm-device', 'd2'],
  ['disable-driver', 'iscsi'],
];

const manifest = readManifest();
const declared = Object.values(manifest.commands).filter((c) => c.jsonShape);
const ajv = new Ajv({ allErrors: true, strict: true });

let dir: string;
let config: Config;
const savedEnv = { ...process.env };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'json-shapes-'));
  Object.assign(process.env, {
    SCST_SIMULATE_STATE: join(dir, 'host.json'), SCST_CONF: join(dir, 'scst.conf'),
    SCSTADMIN_TS_LOCK: join(dir, 'lock'), SCSTADMIN_TS_STATE_DIR: join(dir, 'state'), HOME: dir,
  });
  config = await Config.load({ root: ROOT });
  await run(['simulate', 'create', '--force']);
  await run(['simulate', 'file', '/srv/cd.iso', '--size', '1M']);
  await run(['simulate', 'file', '/srv/f1.img', '--size', '1M']);
}, 60_000);
afterAll(() => {
  process.env = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

/** What one command prints on stdout, run in this process; the command's own id, found as oclif finds it. */
async function run(argv: string[]): Promise<{ id: string; stdout: string; exitCode: number }> {
  const words = argv.filter((w) => !w.startsWith('-'));
  let id = '';
  for (let n = words.length; n > 0 && !id; n--) if (config.findCommand(words.slice(0, n).join(':'))) id = words.slice(0, n).join(':');
  const args = argv.slice(id.split(':').length);
  // oclif prints through console.log (ux/write.js); some output goes straight to the stream.
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const log = console.log;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  console.log = (...parts: unknown[]) => void chunks.push(`${format(...parts)}\n`);
  process.exitCode = 0;
  try {
    await config.runCommand(id, [...args, '--simulate']);
  } catch (error) {
    // The command has printed its JSON error already and exits through oclif's ExitError.
    process.exitCode = (error as { oclif?: { exit?: number } }).oclif?.exit ?? 1;
  } finally {
    process.stdout.write = write;
    console.log = log;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { id, stdout: chunks.join(''), exitCode };
}

describe('--json output has the declared shape', () => {
  it('the tour runs every command that declares a shape', () => {
    const toured = new Set(TOUR.map((argv) => (argv[0] === 'simulate' ? `simulate:${argv[1]}` : argv[0]!)));
    expect(declared.map((c) => c.id).filter((id) => !toured.has(id))).toEqual([]);
  });

  it('each command\'s output conforms to its declaration', { timeout: 120_000 }, async () => {
    for (const argv of TOUR) {
      const command = manifest.commands[argv[0] === 'simulate' ? `simulate:${argv[1]}` : argv[0]!]!;
      const { stdout, exitCode } = await run(command.jsonShape ? [...argv, '--json'] : argv);
      expect({ argv, exitCode, stdout: exitCode === 0 ? '' : stdout }).toEqual({ argv, exitCode: 0, stdout: '' });
      if (!command.jsonShape) continue;
      const validate = ajv.compile(command.jsonShape);
      const output = JSON.parse(stdout) as unknown;
      expect({ argv, errors: validate(output) ? null : { output, errors: validate.errors } }).toEqual({ argv, errors: null });
    }
  });

  it('an output with a key the declaration does not have fails the check', async () => {
    const { stdout } = await run(['list-devices', '--json']);
    const output = JSON.parse(stdout) as { devices: Array<Record<string, unknown>> };
    output.devices[0]!.extra = 1;
    expect(ajv.validate(manifest.commands['list-devices']!.jsonShape!, output)).toBe(false);
  });
});
