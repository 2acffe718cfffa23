/**
 * plan, apply, diff and clear-config through the built binary on an emulated host, as an admin
 * runs them: output, exit codes, --json shapes, the lock, a left-over journal, a failed write.
 */
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/emulator/simulation.js';
import { acquireLock } from '../../src/plan/lock.js';
import { EXAMPLE_11_2 } from '../plan/fixtures.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
const scratch = mkdtempSync(join(tmpdir(), 'apply-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let dir: string;
let state: string;
let file: string;

function cli(args: string[]) {
  return execa('node', [BIN, ...args, `--simulate=${state}`], { reject: false, env: { NO_COLOR: '1', SCST_CONF: '' }, stdin: 'ignore' });
}

function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('scstadmin-ts:') || l.startsWith('hint:'));
}

beforeEach(async () => {
  dir = mkdtempSync(join(scratch, 'run-'));
  state = join(dir, 'state.json');
  file = join(dir, 'scst.conf');
  writeFileSync(file, EXAMPLE_11_2);
  // The host is prepared in-process (as `simulate create` + `simulate file` would): faster.
  const simulation = await createSimulation(state, { hostFiles: { '/dev/vg0/vol1': { kind: 'block', size: 1 << 30 } } }, false);
  await simulation.save();
});

describe('plan', () => {
  it('prints + ~ lines and counts; --detailed-exitcode is 3 before and 0 after apply', async () => {
    const plan = await cli(['plan', file, '--detailed-exitcode']);
    expect(plan.exitCode).toBe(3);
    expect(plan.stdout).toContain('+ device vol1: create device vol1 (vdisk_blockio)');
    expect(plan.stdout).toContain('~ driver iscsi: enable');
    expect(plan.stdout).toMatch(/Plan: 10 to create, 3 to change, 0 to remove.*; 13 sysfs writes\./);
    expect(plan.stdout).not.toContain('secret-0000');
    expect((await cli(['apply', file])).exitCode).toBe(0);
    const after = await cli(['plan', file, '--detailed-exitcode']);
    expect(after.exitCode).toBe(0);
    expect(after.stdout).toMatch(/Nothing to do/);
    // apply says it once, and does not claim a match while something is left alone.
    const again = await cli(['apply', file]);
    expect(again.stdout.match(/nothing to do/gi)).toHaveLength(1);
    expect(again.stdout).not.toContain('matches the file');
  });

  it('--json documents each op and the counts', async () => {
    const { stdout, exitCode } = await cli(['plan', file, '--json']);
    expect(exitCode).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.counts).toMatchObject({ create: 10, change: 3, remove: 0, writes: 13 });
    expect(json.ops[0]).toEqual({ change: 'create', object: 'device vol1', summary: 'create device vol1 (vdisk_blockio)', path: 'handlers/vdisk_blockio/mgmt', data: 'add_device vol1 filename=/dev/vg0/vol1;t10_dev_id=vol1-t10;', destructive: false });
    expect(JSON.stringify(json)).not.toContain('secret-00001');
  });

  it('refuses a bad file with file:line, exit 2', async () => {
    writeFileSync(file, 'HANDLER vdisk_fileio {\n\tDEVICE d1 {\n\t\tfilename /x\n\t}\n');
    const { stderr, exitCode } = await cli(['plan', file]);
    expect(exitCode).toBe(2);
    expect(errorLines(stderr)[0]).toMatch(/scst\.conf:\d+/);
  });

  it('refuses a name SCST\'s command syntax cannot carry before any write, exit 2', async () => {
    writeFileSync(file, 'HANDLER vdisk_fileio {\n\tDEVICE d;1 {\n\t\tfilename /x\n\t}\n}\n');
    const { stderr, exitCode } = await cli(['apply', file, '--yes']);
    expect(exitCode).toBe(2);
    // Refused where it is written: file:line and the name.
    expect(errorLines(stderr)[0]).toMatch(/^scstadmin-ts: .*scst\.conf:2:\d+: device name 'd;1' .*";"/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('apply', () => {
  it('applies, reports writes/reads/ms in --json, and writes nothing the second time', async () => {
    const first = JSON.parse((await cli(['apply', file, '--json'])).stdout);
    expect(first).toMatchObject({ dryRun: false, aborted: false, applied: 13, sysfs: { writes: 13 } });
    expect(first.sysfs.reads).toBeGreaterThan(0);
    expect(typeof first.ms).toBe('number');
    const second = JSON.parse((await cli(['apply', file, '--json'])).stdout);
    expect(second).toMatchObject({ applied: 0, sysfs: { writes: 0 }, plan: { ops: [] } });
  });

  it('--dry-run prints the exact writes and changes nothing', async () => {
    const dry = await cli(['apply', file, '--dry-run', '--detailed-exitcode']);
    expect(dry.exitCode).toBe(3);
    expect(dry.stdout).toContain('    handlers/vdisk_blockio/mgmt ← "add_device vol1 filename=/dev/vg0/vol1;t10_dev_id=vol1-t10;"');
    expect(dry.stdout).toContain('    targets/iscsi/enabled ← "1\\n"');
    expect(dry.stdout).toContain('IncomingUser \\"alice ********\\"');
    expect((await cli(['plan', file, '--detailed-exitcode'])).exitCode).toBe(3);
  });

  it('will not prompt without a terminal: a destructive plan needs --yes (exit 2, nothing changed)', async () => {
    expect((await cli(['apply', file])).exitCode).toBe(0);
    const smaller = EXAMPLE_11_2.replace('\t\tLUN 0 vol1\n\n', '');
    writeFileSync(file, smaller);
    const refused = await cli(['apply', file, '--prune']);
    expect(refused.exitCode).toBe(2);
    expect(errorLines(refused.stderr)).toEqual([expect.stringContaining('needs confirmation'), expect.stringContaining('pass --yes')]);
    expect((await cli(['plan', file, '--prune', '--detailed-exitcode'])).exitCode).toBe(3);
    const done = await cli(['apply', file, '--prune', '--yes']);
    expect(done.exitCode).toBe(0);
    expect(done.stdout).toContain('- LUN 0 of iscsi/iqn.2031-04.test.lab:tgt1: unmap device vol1');
  });

  it('refuses an empty file with --prune (that is clear-config\'s job), exit 2', async () => {
    expect((await cli(['apply', file])).exitCode).toBe(0);
    writeFileSync(file, '# nothing here\n');
    const { stderr, exitCode } = await cli(['apply', file, '--prune', '--yes']);
    expect(exitCode).toBe(2);
    expect(errorLines(stderr)).toEqual([expect.stringContaining('configures nothing'), expect.stringContaining('clear-config --force')]);
    expect((await cli(['plan', file, '--prune', '--json'])).stdout).toContain('"remove"');
  });

  it('exits 4 naming the holder while another run holds the lock', async () => {
    const held = await acquireLock(`${state}.lock`, { command: 'apply other.conf' });
    const { stderr, exitCode } = await cli(['apply', file]);
    await held.release();
    expect(exitCode).toBe(4);
    expect(errorLines(stderr)[0]).toContain(`PID ${process.pid} (apply other.conf)`);
  });

  it('a failed write is rolled back: the error names the op and the errno; the host is unchanged', async () => {
    expect((await cli(['simulate', 'fault', '--nth', '5', '--errno', 'EIO'])).exitCode).toBe(0);
    const failed = await cli(['apply', file]);
    expect(failed.exitCode).toBe(1);
    expect(errorLines(failed.stderr)[0]).toMatch(/^scstadmin-ts: target iscsi\/iqn\.2031-04\.test\.lab:tgt1: add IncomingUser "bob \*{8}".*EIO.*rolled back 4 applied writes/);
    expect(failed.stderr).not.toContain('secret-00002');
    const plan = JSON.parse((await cli(['plan', file, '--json'])).stdout);
    expect(plan.counts.writes).toBe(13);
  });

  it('finds the journal of a killed run, says so, and rolls it back before applying', async () => {
    const journalDir = `${state}.journal`;
    mkdirSync(journalDir, { recursive: true });
    const killed = {
      version: 1, pid: 424242, command: 'apply killed.conf', started: '2031-01-01T00:00:00Z', sysfs: `emulator (${state})`,
      ops: [{ kind: 'add_device', path: 'handlers/vdisk_blockio/mgmt', data: 'add_device vol1 filename=/dev/vg0/vol1;', object: 'device vol1', summary: 'create device vol1', change: 'create', inverse: [{ kind: 'del_device', path: 'handlers/vdisk_blockio/mgmt', data: 'del_device vol1', object: 'device vol1', summary: 'delete device vol1', change: 'remove', inverse: [] }] }],
    };
    expect((await cli(['apply', join(dir, 'none.conf')])).exitCode).toBe(2); // nothing read yet
    writeFileSync(join(journalDir, 'journal.jsonl'), `${JSON.stringify(killed)}\n{"begin":0}\n`);
    const { stderr, stdout, exitCode } = await cli(['apply', file]);
    expect(exitCode).toBe(0);
    expect(stderr).toMatch(/interrupted run left a journal: PID 424242 \(apply killed\.conf\)/);
    expect(stdout).toContain('Rolled back the interrupted run (1 writes begun).');
    expect(stdout).toContain('Applied 13 writes');
    expect(existsSync(join(journalDir, 'journal.jsonl'))).toBe(false);
  });
});

describe('changes held back for --force', () => {
  it('apply that leaves a held-back change exits 1 with the reason, 3 under --detailed-exitcode', async () => {
    const open = EXAMPLE_11_2.replace('\t\tallowed_portal 192.0.2.10\n', '');
    writeFileSync(file, open);
    expect((await cli(['apply', file])).exitCode).toBe(0);
    expect((await cli(['simulate', 'login', 'iqn.2031-04.test.lab:tgt1', 'iqn.2031-01.test.client:node7', '--user', 'alice', '--secret', 'secret-00001'])).exitCode).toBe(0);
    // The group's LUN 0 is gone from the file and replaced by LUN 1: the removal is held back
    // (node7 sees that LUN), the addition is applied.
    writeFileSync(file, open.replace('\t\t\tLUN 0 vol1 {', '\t\t\tLUN 1 vol1 {'));
    const first = await cli(['apply', file, '--prune', '--yes']);
    expect(first.stdout).toContain('Applied 1 write');
    expect(first.stdout).toContain('1 change held back: it needs --force');
    expect(first.exitCode).toBe(1);
    const again = await cli(['apply', file, '--prune', '--yes']);
    expect(again.stdout).toContain('Nothing applied: 1 change needs --force');
    expect(again.exitCode).toBe(1);
    expect((await cli(['apply', file, '--prune', '--yes', '--detailed-exitcode'])).exitCode).toBe(3);
    expect((await cli(['apply', file, '--yes', '--detailed-exitcode'])).exitCode).toBe(0);
  }, 120_000);
});

describe('diff and clear-config', () => {
  it('diff shows drift both ways', async () => {
    expect((await cli(['apply', file])).exitCode).toBe(0);
    writeFileSync(file, EXAMPLE_11_2.replace('HeaderDigest CRC32C', 'HeaderDigest None').replace('\t\tLUN 0 vol1\n\n', ''));
    const { stdout, exitCode } = await cli(['diff', file, '--json', '--detailed-exitcode']);
    expect(exitCode).toBe(3);
    const drift = JSON.parse(stdout);
    expect(drift.inSync).toBe(false);
    expect(drift.fileSide).toEqual([expect.objectContaining({ path: 'targets/iscsi/iqn.2031-04.test.lab:tgt1/HeaderDigest', data: 'None' })]);
    expect(drift.hostSide).toEqual(expect.arrayContaining([expect.objectContaining({ object: 'LUN 0 of iscsi/iqn.2031-04.test.lab:tgt1' })]));
  });

  it('clear-config needs --force, then removes everything and keeps backing files', async () => {
    expect((await cli(['apply', file])).exitCode).toBe(0);
    const refused = await cli(['clear-config']);
    expect(refused.exitCode).toBe(2);
    const cleared = await cli(['clear-config', '--force', '--yes', '--json']);
    expect(cleared.exitCode).toBe(0);
    const report = JSON.parse(cleared.stdout);
    expect(report.applied).toBeGreaterThan(0);
    writeFileSync(file, '');
    const show = JSON.parse((await cli(['show', '--json'])).stdout);
    expect(JSON.stringify(show)).not.toContain('vol1');
    // The backing store is still there: the same file applies again.
    writeFileSync(file, EXAMPLE_11_2);
    expect((await cli(['apply', file])).exitCode).toBe(0);
  });
});

describe('two applies on one emulated host', () => {
  it('with --wait, the second plans on what the first wrote and both changes are kept', async () => {
    const one = join(dir, 'one.conf');
    const two = join(dir, 'two.conf');
    writeFileSync(one, 'HANDLER vdisk_nullio {\n\tDEVICE one {\n\t}\n}\n');
    writeFileSync(two, 'HANDLER vdisk_nullio {\n\tDEVICE two {\n\t}\n}\n');
    // Held until both runs have started, so neither can finish before the other is under way.
    const held = await acquireLock(`${state}.lock`, { command: 'test' });
    const runs = [cli(['apply', one, '--wait', '60', '--json']), cli(['apply', two, '--wait', '60', '--json'])];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await held.release();
    const [a, b] = await Promise.all(runs);
    expect([a!.exitCode, b!.exitCode]).toEqual([0, 0]);
    expect([JSON.parse(a!.stdout).applied, JSON.parse(b!.stdout).applied]).toEqual([1, 1]);
    const show = JSON.parse((await cli(['show', '--json'])).stdout);
    expect(JSON.stringify(show)).toContain('"one"');
    expect(JSON.stringify(show)).toContain('"two"');
  });
});

describe('commands that only look', () => {
  it('plan and diff leave the state file alone (a save could undo what a run saved meanwhile)', async () => {
    const inode = statSync(state).ino;
    expect((await cli(['plan', file])).exitCode).toBe(0);
    expect((await cli(['diff', file])).exitCode).toBe(0);
    expect(statSync(state).ino).toBe(inode);
  });
});
