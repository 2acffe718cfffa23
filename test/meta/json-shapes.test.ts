/**
 * Every command with --json declares its shape, and prints JSON of that shape: each runs with
 * --json on an emulated host (in-process, through oclif's Config, so the whole tour costs one
 * load), and its output is checked against the declaration (`static jsonShape` of the command
 * class) with ajv; a failing command's output against the one error shape. A key added,
 * removed or retyped without changing the declaration fails here; the declaration itself is in
 * the command snapshot, so changing it is announced.
 */
import { Config } from '@oclif/core';
import { execa } from 'execa';
import { Ajv } from 'ajv';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonShape } from '../../src/meta/json-shape.js';
import { openSimulation } from '../../src/emulator/simulation.js';
import { ERROR_SHAPE } from '../../src/ui/error-shape.js';

const ROOT = join(import.meta.dirname, '..', '..');
const T = 'iqn.2024-01.com.example:t1';
const T2 = 'iqn.2024-01.com.example:t2';
const INI = 'iqn.1993-08.org.debian:01:a';
/** Every CHAP secret the tour sets: none may appear in an output that did not ask for secrets. */
const SECRETS = ['secret12345678', 'discovery5678', 'ietsecret1234'];

/** With a comment, which fmt drops (so its --write needs --force). */
const CONF = `HANDLER vdisk_fileio {
\tDEVICE disk1 {
\t\tfilename /srv/f1.img
\t}
}

TARGET_DRIVER iscsi {
\tenabled 1
\tIncomingUser "disco discovery5678"

\tTARGET ${T2} {
\t\tIncomingUser "joe secret12345678"
\t\tLUN 0 disk1
\t\tenabled 1
\t}
}
# the canonical layout keeps no comment
`;

const IETD = `Target iqn.2001-04.com.example:storage.disk1
\tIncomingUser iet ietsecret1234
\tLun 0 Path=/srv/f1.img,Type=fileio
`;

interface Step {
  argv: string[];
  /** The exit status it must end with (default 0). */
  exit?: number;
  /** It fails: prints the error object rather than its own shape. */
  fails?: true;
}

/** A tour of the host that runs every command with --json at least once, in order, failures included. */
const TOUR = (dir: string): Step[] => [
  { argv: ['simulate', 'status'] },
  { argv: ['simulate', 'fault', '--nth', '50', '--errno', 'EIO', '--path-includes', 'mgmt'] },
  { argv: ['simulate', 'fault', '--clear'] },
  { argv: ['simulate', 'fault'], exit: 2, fails: true },
  { argv: ['simulate', 'daemon', 'running'] },
  { argv: ['simulate', 'file', '/srv/tmp.img', '--size', '1M'] },
  { argv: ['simulate', 'file', '/srv/tmp.img', '--remove'] },
  { argv: ['simulate', 'file', 'relative.img', '--size', '1M'], exit: 2, fails: true },
  { argv: ['simulate', 'module', 'load', 'scst_user'] },
  { argv: ['simulate', 'user-device', 'register', 'u1'] },
  { argv: ['simulate', 'user-device', 'unregister', 'u1'] },
  { argv: ['simulate', 'module', 'unload', 'scst_user'] },
  { argv: ['add-device', 'd1', '--handler', 'vdisk_nullio'] },
  { argv: ['add-device', 'd2', '--handler', 'vdisk_nullio'] },
  { argv: ['add-device', 'cd1', '--handler', 'vcdrom'] },
  { argv: ['insert-media', 'cd1', '/srv/cd.iso'] },
  { argv: ['eject-media', 'cd1'] },
  { argv: ['add-device', 'f1', '--handler', 'vdisk_fileio', '--file', '/srv/f1.img'] },
  { argv: ['resync-device', 'f1'] },
  { argv: ['set-device', 'd1', 'usn=D1'] },
  { argv: ['add-target', T] },
  { argv: ['set-target', T, 'QueuedCommands=64'] },
  { argv: ['set-driver', 'iscsi', 'link_local=0'] },
  { argv: ['enable-driver', 'iscsi'] },
  { argv: ['enable-target', T] },
  { argv: ['add-lun', T, 'd1'] },
  { argv: ['add-lun', 'iqn.2024-01.com.example:none', 'd1'], exit: 2, fails: true },
  { argv: ['replace-lun', T, '0', 'd2'] },
  { argv: ['add-group', T, 'g1'] },
  { argv: ['add-lun', T, 'd1', '--group', 'g1'] },
  { argv: ['add-initiator', T, 'g1', INI] },
  { argv: ['add-group', T, 'g2'] },
  { argv: ['move-initiator', T, 'g1', INI, '--to', 'g2'] },
  { argv: ['rm-initiator', T, 'g2', INI] },
  { argv: ['add-initiator', T, 'g2', INI] },
  { argv: ['clear-initiators', T, 'g2'] },
  { argv: ['clear-luns', T, '--group', 'g1'] },
  { argv: ['rm-group', T, 'g2'] },
  { argv: ['allow-portal', T, '192.0.2.*'] },
  { argv: ['deny-portal', T, '192.0.2.*'] },
  { argv: ['simulate', 'login', T, INI] },
  { argv: ['list-sessions', T] },
  { argv: ['simulate', 'logout', T, INI] },
  { argv: ['simulate', 'login', T, INI] },
  { argv: ['close-session', T, INI] },
  { argv: ['simulate', 'log', '--lines', '3'] },
  { argv: ['add-chap-user', 'joe', '--target', T, '--secret', SECRETS[0]!] },
  { argv: ['add-chap-user', 'ann', '--target', T, '--generate'] },
  { argv: ['list-chap-users'] },
  { argv: ['rm-chap-user', 'joe', '--target', T] },
  { argv: ['add-device-group', 'dg1'] },
  { argv: ['add-group-member', 'dg1', 'd1'] },
  { argv: ['add-target-group', 'dg1', 'tg1', '--group-id', '1'] },
  { argv: ['add-group-member', 'dg1', T, '--target-group', 'tg1'] },
  { argv: ['set-alua-state', 'dg1', 'tg1', 'standby'] },
  { argv: ['show'] },
  { argv: ['rm-group-member', 'dg1', T, '--target-group', 'tg1'] },
  { argv: ['rm-target-group', 'dg1', 'tg1'] },
  { argv: ['rm-group-member', 'dg1', 'd1'] },
  { argv: ['rm-device-group', 'dg1'] },
  { argv: ['list-devices'] },
  { argv: ['list-targets'] },
  { argv: ['rm-lun', T, '0', '--force'] },
  { argv: ['disable-target', T, '--force'] },
  { argv: ['rm-target', T, '--force'] },
  { argv: ['rm-device', 'd2'] },
  { argv: ['disable-driver', 'iscsi'] },
  { argv: ['write-config', join(dir, 'saved.conf')] },
  // The config (secrets and all) and the JSON report cannot share standard output.
  { argv: ['write-config', '-'], exit: 2, fails: true },
  // The declarative side, on a file with CHAP secrets.
  { argv: ['check-config', join(dir, 'a.conf')] },
  { argv: ['check-config', join(dir, 'bad.conf')], exit: 2 },
  { argv: ['fmt', join(dir, 'a.conf')] },
  { argv: ['fmt', join(dir, 'copy.conf'), '--write', '--force'] },
  { argv: ['plan', join(dir, 'a.conf')] },
  { argv: ['diff', join(dir, 'a.conf')] },
  { argv: ['apply', join(dir, 'bad.conf'), '--yes'], exit: 2, fails: true },
  { argv: ['apply', join(dir, 'a.conf'), '--yes'] },
  { argv: ['clear-config'], exit: 2, fails: true },
  { argv: ['clear-config', '--force', '--yes', '--dry-run'] },
  // The host: modules, daemon, service.
  { argv: ['modules', 'list'] },
  { argv: ['modules', 'load', 'scst_disk'] },
  { argv: ['modules', 'unload', 'scst_disk'] },
  { argv: ['modules', 'load', 'no_such_module'], exit: 2, fails: true },
  { argv: ['daemon', 'status'] },
  { argv: ['status', '--config', join(dir, 'a.conf')] },
  // The host has devices the file does not list: drift, a problem (exit 1) in its own shape.
  { argv: ['doctor', '--config', join(dir, 'a.conf')], exit: 1 },
  { argv: ['reload', '--config', join(dir, 'a.conf')] },
  { argv: ['stop'] },
  { argv: ['daemon', 'status'], exit: 3 },
  { argv: ['status', '--config', join(dir, 'a.conf')], exit: 3 },
  { argv: ['start', '--config', join(dir, 'a.conf')] },
  { argv: ['status', '--config', join(dir, 'bad.conf')] },
  { argv: ['status', '--config', join(dir, 'missing.conf')], exit: 2, fails: true },
  { argv: ['start', '--config', join(dir, 'missing.conf')], exit: 2, fails: true },
  { argv: ['daemon', 'stop'] },
  { argv: ['daemon', 'start'] },
  { argv: ['migrate-iet', join(dir, 'ietd.conf'), '--offline'] },
  { argv: ['migrate-iet', join(dir, 'ietd.conf'), '--offline', '--output', join(dir, 'migrated.conf')] },
  { argv: ['migrate-iet', join(dir, 'ietd.conf'), '--offline', '--output', '/dev/stdout'], exit: 2, fails: true },
  { argv: ['migrate-iet', join(dir, 'ietd.conf'), '--offline', '--apply', '--dry-run'] },
  { argv: ['setup', '--yes', '--null', '--size', '1G', '--target', 'iqn.2026-12.com.example:setup', '--chap-user', 'web1', '--generate-secret', '--config', join(dir, 'setup.conf')] },
  { argv: ['install-service', '--root', join(dir, 'image'), '--bin', '/usr/bin/scstadmin-ts', '--no-enable'] },
  { argv: ['uninstall-service', '--root', join(dir, 'image')] },
  { argv: ['install-man', '--root', join(dir, 'image')] },
  { argv: ['install-completion', '--root', join(dir, 'image'), '--shell', 'bash'] },
  { argv: ['install-ocf', '--root', join(dir, 'image')] },
  { argv: ['install-compat', '--root', join(dir, 'image')] },
  { argv: ['simulate', 'reset'] },
  { argv: ['simulate', 'create', '--force'] },
];

const ajv = new Ajv({ allErrors: true, strict: true });

let dir: string;
let config: Config;
/** Every command and what its --json prints: its own shape, or undefined when it declares none. */
const commands = new Map<string, { json: boolean; shape?: JsonShape }>();
const savedEnv = { ...process.env };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'json-shapes-'));
  Object.assign(process.env, {
    SCST_SIMULATE_STATE: join(dir, 'host.json'), SCST_CONF: join(dir, 'scst.conf'),
    SCSTADMIN_TS_LOCK: join(dir, 'lock'), SCSTADMIN_TS_STATE_DIR: join(dir, 'state'), HOME: dir,
  });
  for (const [name, text] of [['a.conf', CONF], ['copy.conf', CONF], ['bad.conf', 'HANDLER vdisk_fileio {\n\tDEVICE {\n}\n'], ['ietd.conf', IETD]]) {
    writeFileSync(join(dir, name!), text!);
    chmodSync(join(dir, name!), 0o600);
  }
  mkdirSync(join(dir, 'image'));
  config = await Config.load({ root: ROOT });
  // The declaration is the command class's own (not what the build copied into the manifest).
  const aliases = new Set(config.commands.flatMap((c) => c.aliases));
  for (const command of config.commands) {
    if (aliases.has(command.id)) continue;
    const loaded = (await command.load()) as { enableJsonFlag?: boolean; jsonShape?: JsonShape };
    commands.set(command.id, { json: Boolean(loaded.enableJsonFlag), shape: loaded.jsonShape });
  }
  await run(['simulate', 'create', '--force']);
  await run(['simulate', 'file', '/srv/cd.iso', '--size', '1M']);
  await run(['simulate', 'file', '/srv/f1.img', '--size', '1M']);
}, 60_000);
afterAll(() => {
  process.env = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

/** The command id argv starts with, found as oclif finds it. */
function commandOf(argv: string[]): string {
  const words = argv.filter((w) => !w.startsWith('-'));
  for (let n = words.length; n > 0; n--) if (config.findCommand(words.slice(0, n).join(':'))) return words.slice(0, n).join(':');
  return '';
}

/** What one command prints on stdout, run in this process. */
async function run(argv: string[]): Promise<{ id: string; stdout: string; exitCode: number }> {
  const id = commandOf(argv);
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

/** null when `output` conforms to `shape`, else what is wrong. */
function violations(shape: JsonShape, output: unknown): unknown {
  const validate = ajv.compile(shape);
  return validate(output) ? null : { output, errors: validate.errors };
}

describe('--json output has the declared shape', () => {
  it('every command with --json declares its shape', () => {
    expect(commands.size).toBeGreaterThan(60);
    expect([...commands].filter(([, c]) => c.json && !c.shape).map(([id]) => id)).toEqual([]);
  });

  it('the tour runs every command with --json, and fails some of them', () => {
    const toured = new Set(TOUR('').map((step) => commandOf(step.argv)));
    expect([...commands].filter(([id, c]) => c.json && !toured.has(id)).map(([id]) => id)).toEqual([]);
  });

  it('each command\'s output conforms to its declaration, a failure to the error shape, and shows no CHAP secret', { timeout: 180_000 }, async () => {
    for (const step of TOUR(dir)) {
      const { id, stdout, exitCode } = await run([...step.argv, '--json']);
      const output = JSON.parse(stdout) as unknown;
      expect({ argv: step.argv, exitCode }).toEqual({ argv: step.argv, exitCode: step.exit ?? 0 });
      const shape = step.fails ? ERROR_SHAPE : commands.get(id)!.shape!;
      expect({ argv: step.argv, violations: violations(shape, output) }).toEqual({ argv: step.argv, violations: null });
      expect({ argv: step.argv, leaked: SECRETS.filter((s) => stdout.includes(s)) }).toEqual({ argv: step.argv, leaked: [] });
    }
  });

  it('every command prints the error object for a bad command line', { timeout: 120_000 }, async () => {
    for (const [id, c] of commands) {
      if (!c.json) continue;
      const { stdout, exitCode } = await run([...id.split(':'), '--no-such-flag', '--json']);
      expect({ id, exitCode, violations: violations(ERROR_SHAPE, JSON.parse(stdout)) }).toEqual({ id, exitCode: 2, violations: null });
    }
  });

  it('a failure before any command runs (an unknown command) prints the same error object', async () => {
    const result = await execa('node', [join(ROOT, 'bin', 'run.js'), 'no-such-command', '--json'], { reject: false, stdin: 'ignore' });
    expect({ exitCode: result.exitCode, violations: violations(ERROR_SHAPE, JSON.parse(result.stdout)) }).toEqual({ exitCode: 2, violations: null });
  });

  it('a run killed mid-apply: plan and status report it, apply recovers it, each in its declared shape', async () => {
    await run(['simulate', 'file', '/srv/f1.img', '--size', '1M']);
    // The journal a killed run leaves: its header (a process long gone), no write begun.
    const { emulator } = await openSimulation(process.env.SCST_SIMULATE_STATE!);
    const header = { version: 1, pid: 2 ** 22 + 1, command: 'apply killed.conf', started: new Date().toISOString(), sysfs: emulator.description, ops: [] };
    mkdirSync(process.env.SCSTADMIN_TS_STATE_DIR!, { recursive: true });
    writeFileSync(join(process.env.SCSTADMIN_TS_STATE_DIR!, 'journal.jsonl'), `${JSON.stringify(header)}\n`);
    const conf = join(dir, 'a.conf');
    for (const [argv, key] of [[['plan', conf], 'interrupted'], [['status', '--config', conf], 'interrupted'], [['apply', conf, '--yes'], 'recovered']] as const) {
      const { id, stdout } = await run([...argv, '--json']);
      const output = JSON.parse(stdout) as Record<string, unknown>;
      expect({ argv, violations: violations(commands.get(id)!.shape!, output), [key]: key in output }).toEqual({ argv, violations: null, [key]: true });
    }
  });

  it('an output with a key the declaration does not have fails the check', async () => {
    await run(['add-device', 'x1', '--handler', 'vdisk_nullio']);
    const { stdout } = await run(['list-devices', '--json']);
    const output = JSON.parse(stdout) as { devices: Array<Record<string, unknown>> };
    output.devices[0]!.extra = 1;
    expect(violations(commands.get('list-devices')!.shape!, output)).not.toBeNull();
    const { stdout: failed } = await run(['set-device', 'no-such-device', 'usn=1', '--json']);
    const error = JSON.parse(failed) as { error: Record<string, unknown> };
    expect(violations(ERROR_SHAPE, error)).toBeNull();
    error.error.stack = 'at …';
    expect(violations(ERROR_SHAPE, error)).not.toBeNull();
  });
});
