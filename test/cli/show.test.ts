/**
 * `show` through the built binary, as an admin runs it: against a copied tree (--sysfs-root,
 * SCST_SYSFS_ROOT), against a missing tree, and against an emulated host (--simulate).
 */
import { execa } from 'execa';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTree, treeRecord, type RecordedTree } from '../live/recorded-tree.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
const T1 = 'iqn.2024-01.lab.test:t1';

function cli(args: string[], env: Record<string, string> = {}) {
  return execa('node', [BIN, ...args], { reject: false, env: { NO_COLOR: '', ...env } });
}

/** Our own error lines, whatever else a half-built tree may print on stderr. */
function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('scstadmin-ts:') || l.startsWith('hint:'));
}

let tree: RecordedTree;
let scratch: string;
beforeAll(() => {
  tree = freshTree()
    .apply(treeRecord('10-devices.jsonl', 190))
    .apply(treeRecord('10-devices.jsonl', 191))
    .apply(treeRecord('20-iscsi-targets.jsonl', 226));
  scratch = mkdtempSync(join(tmpdir(), 'show-cli-'));
});
afterAll(() => {
  tree.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('show on a copied tree', () => {
  it('prints one line per object with summaries, without colour when not on a terminal', async () => {
    const { stdout, exitCode } = await cli(['show', '--sysfs-root', tree.root]);
    expect(exitCode).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^o- \/ \.+ \[SCST 3\.11\.0-pre\]$/);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}\| o- vdisk_nullio \.+ \[Direct-access device, 4 devices\]$/));
    expect(lines).toContainEqual(expect.stringMatching(/o- d8 \.+ \[vdisk_fileio, 64\.0 MiB, \/tmp\/d1\.img, not exported\]$/));
    expect(lines).toContainEqual(expect.stringMatching(/o- iscsi \.+ \[disabled, iscsi-scstd connected, 6 targets\]$/));
    expect(stdout).not.toContain('\u001b[');
  });

  it('narrows to a target, masks CHAP secrets, and reveals them only with --show-secrets', async () => {
    const masked = await cli(['show', `targets/iscsi/${T1}`, '--sysfs-root', tree.root]);
    expect(masked.exitCode).toBe(0);
    expect(masked.stdout.split('\n')[0]).toMatch(new RegExp(`^o- ${T1} \\.+ \\[disabled, 1 LUN, 1 group, 0 sessions\\]$`));
    expect(masked.stdout).toMatch(/o- IncomingUser \.+ \[user4 \*{8}\]/);
    expect(masked.stdout).not.toContain('password4444');
    const shown = await cli(['show', `targets/iscsi/${T1}`, '--show-secrets', '--sysfs-root', tree.root]);
    expect(shown.stdout).toMatch(/o- IncomingUser \.+ \[user4 password4444\]/);
  });

  it('prints the model as JSON, masked the same way', async () => {
    const { stdout, exitCode } = await cli(['show', '--json', '--sysfs-root', tree.root]);
    expect(exitCode).toBe(0);
    const config = JSON.parse(stdout);
    expect(Object.keys(config)).toEqual(expect.arrayContaining(['attributes', 'handlers', 'drivers', 'alua', 'deviceGroups', 'live']));
    expect(config.live.version).toBe('3.11.0-pre');
    expect(config.handlers.vdisk_fileio.devices.d8.attributes.t10_dev_id).toEqual(['my-t10-id']);
    expect(config.drivers.iscsi.targets[T1].attributes.IncomingUser).toEqual(['user4 ********']);
    expect(config.drivers.iscsi.attributes.OutgoingUser).toEqual(['dout ********']);
    expect(stdout).not.toContain('dpassword789');
  });

  it('stops quietly with exit 0 when the reader of its output goes away (show | head -1)', async () => {
    const { stdout, stderr } = await execa('bash', ['-c', `node "${BIN}" show --sysfs-root "${tree.root}" | head -1; echo "status=\${PIPESTATUS[0]}"`], { reject: false });
    expect(stdout.split('\n')).toEqual([expect.stringMatching(/^o- \/ /), 'status=0']);
    expect(stderr).toBe('');
  });

  it('takes the tree from SCST_SYSFS_ROOT and narrows with devices/NAME', async () => {
    const { stdout, exitCode } = await cli(['show', 'devices/n2', '--json'], { SCST_SYSFS_ROOT: tree.root });
    expect(exitCode).toBe(0);
    const config = JSON.parse(stdout);
    expect(Object.keys(config.handlers)).toEqual(['vdisk_nullio']);
    expect(Object.keys(config.handlers.vdisk_nullio.devices)).toEqual(['n2']);
    expect(config.drivers).toEqual({});
  });

  it('finds a target whose name holds "/" by its sysfs directory name with "!"', async () => {
    const { stdout, exitCode } = await cli(['show', 'targets/iscsi/iqn.2024-01.lab.test:slash!x/luns', '--sysfs-root', tree.root]);
    expect(exitCode).toBe(0);
    expect(stdout).toBe('o- luns');
  });

  it('refuses a PATH that names nothing: one line, exit 2', async () => {
    const { stderr, exitCode } = await cli(['show', 'devices/nosuch', '--sysfs-root', tree.root]);
    expect(exitCode).toBe(2);
    expect(errorLines(stderr)).toEqual(['scstadmin-ts: devices/nosuch: no such object in the SCST tree: devices/nosuch', 'hint: run "scstadmin-ts show" to see what exists']);
  });
});

describe('show when SCST is not loaded', () => {
  const missing = '/nonexistent/scst_tgt';
  it('says so in one line with a hint, exit 1, no stack trace', async () => {
    const { stdout, stderr, exitCode } = await cli(['show', '--sysfs-root', missing]);
    expect(exitCode).toBe(1);
    expect(stdout).toBe('');
    expect(errorLines(stderr)).toEqual([`scstadmin-ts: SCST is not loaded (no ${missing})`, 'hint: load it with "scstadmin-ts modules load" (or "modprobe scst")']);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('reports the error as JSON with --json', async () => {
    const { stdout, exitCode } = await cli(['show', '--json', '--sysfs-root', missing]);
    expect(exitCode).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({ code: 'SCST_NOT_LOADED', exitCode: 1 });
  });
});

describe('command-line usage errors', () => {
  it('an unknown flag exits 2 in the one-line format', async () => {
    const { stderr, exitCode } = await cli(['show', '--bogus', '--sysfs-root', tree.root]);
    expect(exitCode).toBe(2);
    expect(errorLines(stderr)).toEqual(['scstadmin-ts: Nonexistent flag: --bogus', 'hint: see --help']);
  });

  it('a flag without its value and an extra argument exit 2 in the one-line format', async () => {
    const noValue = await cli(['show', '--sysfs-root']);
    expect(noValue.exitCode).toBe(2);
    expect(errorLines(noValue.stderr)).toEqual(['scstadmin-ts: Flag --sysfs-root expects a value', 'hint: see --help']);
    const extra = await cli(['show', 'devices', 'more', '--sysfs-root', tree.root]);
    expect(extra.exitCode).toBe(2);
    expect(errorLines(extra.stderr)).toEqual(['scstadmin-ts: Unexpected argument: more', 'hint: see --help']);
  });

  it('missing required arguments are named on the one line', async () => {
    const { stderr, exitCode } = await cli(['simulate', 'login', `--simulate=${join(scratch, 'unused.json')}`]);
    expect(exitCode).toBe(2);
    expect(errorLines(stderr)[0]).toMatch(/^scstadmin-ts: Missing 2 required args: \w+, \w+$/);
  });

  it('an unknown command exits 2 in the one-line format', async () => {
    const { stderr, exitCode } = await cli(['no-such-command']);
    expect(exitCode).toBe(2);
    expect(errorLines(stderr)).toEqual(['scstadmin-ts: command no-such-command not found', 'hint: see --help']);
  });
});

describe('show --simulate', () => {
  it('shows a default emulated host and keeps its state file', async () => {
    const state = join(scratch, 'host.json');
    const { stdout, exitCode, stderr } = await cli(['show', '--json', `--simulate=${state}`]);
    expect(stderr).not.toMatch(/^scstadmin-ts:/m);
    expect(exitCode).toBe(0);
    const config = JSON.parse(stdout);
    expect(Object.keys(config.drivers)).toEqual(expect.arrayContaining(['copy_manager', 'iscsi', 'scst_local']));
    expect(config.drivers.iscsi.daemon).toBe('connected');
    const text = await cli(['show', `--simulate=${state}`]);
    expect(text.stdout.split('\n')[0]).toMatch(/^o- \/ \.+ \[SCST 3\.11\.0-pre\]$/);
  });

  it('saves a new host, but commands that only look never rewrite an existing state file', async () => {
    const state = join(scratch, 'looked-at.json');
    expect((await cli(['show', `--simulate=${state}`])).exitCode).toBe(0);
    expect(existsSync(state)).toBe(true);
    const before = statSync(state);
    const conf = join(scratch, 'looked-at.conf');
    writeFileSync(conf, 'HANDLER vdisk_nullio {\n\tDEVICE n1\n}\n');
    expect((await cli(['show', '--json', `--simulate=${state}`])).exitCode).toBe(0);
    expect((await cli(['check-config', conf, `--simulate=${state}`])).exitCode).toBe(0);
    expect((await cli(['write-config', join(scratch, 'saved.conf'), `--simulate=${state}`])).exitCode).toBe(0);
    const after = statSync(state);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('shows what simulate injections did: an absent daemon and a new session', async () => {
    const state = join(scratch, 'injected.json');
    expect((await cli(['simulate', 'create', '--no-daemon', `--simulate=${state}`])).exitCode).toBe(0);
    expect((await cli(['simulate', 'login', 'scst_local_tgt', 'extra_host', '--driver', 'scst_local', `--simulate=${state}`])).exitCode).toBe(0);
    const { stdout, exitCode } = await cli(['show', 'targets', `--simulate=${state}`]);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/o- iscsi \.+ \[iscsi-scstd not running, 0 targets\]/);
    expect(stdout).toMatch(/o- scst_local_tgt \.+ \[0 LUNs, 2 sessions\]/);
    expect(stdout).toMatch(/o- extra_host \.+ \[default LUNs, 0 LUNs\]/);
  });
});
