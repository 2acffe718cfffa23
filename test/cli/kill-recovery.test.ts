/**
 * kill -9 of a real apply on an emulated host, then recovery as an admin meets it: plan and
 * status say an interrupted run is pending, the host kept every write the killed run made (as a
 * kernel does), and the next apply rolls them back cleanly, or --resume finishes them.
 */
import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulation, openSimulation } from '../../src/emulator/simulation.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
const scratch = mkdtempSync(join(tmpdir(), 'kill-recovery-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const DEVICES = 24;
let dir: string;
let state: string;
let conf: string;

function cli(args: string[]) {
  return execa('node', [BIN, ...args, `--simulate=${state}`], { reject: false, env: { NO_COLOR: '1', SCST_CONF: '' }, stdin: 'ignore' });
}

const names = Array.from({ length: DEVICES }, (_, i) => `vol${i}`);

beforeEach(async () => {
  dir = mkdtempSync(join(scratch, 'run-'));
  state = join(dir, 'state.json');
  conf = join(dir, 'scst.conf');
  const devices = names.map((n) => `\tDEVICE ${n} {\n\t\tfilename /dev/vg0/${n}\n\t}`).join('\n');
  const luns = names.map((n, i) => `\t\tLUN ${i} ${n}`).join('\n');
  writeFileSync(conf, `HANDLER vdisk_blockio {\n${devices}\n}\n\nTARGET_DRIVER iscsi {\n\tenabled 1\n\tTARGET iqn.2031-04.test.lab:kill {\n${luns}\n\t\tenabled 1\n\t}\n}\n`);
  const simulation = await createSimulation(state, { hostFiles: Object.fromEntries(names.map((n) => [`/dev/vg0/${n}`, { kind: 'block' as const, size: 1 << 30 }])) }, false);
  simulation.emulator.delayWrites(40); // a slow kernel, so the run can be killed half-way
  await simulation.save();
});

/** Starts `apply`, and kills it with SIGKILL once its journal shows `writes` begun. */
async function killedApply(writes: number): Promise<{ pid: number; begun: number }> {
  const child = cli(['apply', conf]);
  const journal = join(`${state}.journal`, 'journal.jsonl');
  const begun = () => (existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').filter((l) => l.startsWith('{"begin"')).length : 0);
  const until = Date.now() + 60_000;
  while (begun() < writes && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGKILL');
  const result = await child;
  expect(result.signal).toBe('SIGKILL');
  return { pid: child.pid!, begun: begun() };
}

async function devicesOnHost(): Promise<number> {
  const simulation = await openSimulation(state);
  const entries = await simulation.sysfs.list('handlers/vdisk_blockio');
  simulation.release();
  return entries.filter((e) => names.includes(e.name)).length;
}

describe('an apply killed half-way', () => {
  it('is reported by plan and status, kept by the emulated host, and rolled back by the next apply', { timeout: 180_000 }, async () => {
    const { pid, begun } = await killedApply(10);
    // Every write the killed run made is on the host (the first ones create the devices).
    expect(await devicesOnHost()).toBeGreaterThanOrEqual(begun - 1);

    const plan = await cli(['plan', conf]);
    expect(plan.stderr).toMatch(new RegExp(`warning: an interrupted run is pending: PID ${pid} \\(apply ${conf}\\) started \\S+ had begun ${begun} of \\d+ writes`));
    expect(plan.stderr).toContain('the next apply, reload, start, stop or clear-config first rolls them back (with --resume: writes the other');
    expect(plan.stderr).toContain('this plan is made against the host as that run left it');
    const status = await cli(['status', '--config', conf]);
    expect(status.stdout).toContain(`an interrupted run is pending: PID ${pid}`);

    const apply = await cli(['apply', conf]);
    expect(apply.exitCode).toBe(0);
    expect(apply.stderr).toContain(`an interrupted run left a journal: PID ${pid}`);
    expect(apply.stdout).toContain(`Rolled back the interrupted run (${begun} writes begun).`);
    expect(apply.stdout).not.toContain('could not undo');
    expect((await cli(['plan', conf, '--detailed-exitcode'])).exitCode).toBe(0);
  });

  it('is finished by apply --resume', { timeout: 180_000 }, async () => {
    await killedApply(12);
    const resumed = await cli(['apply', conf, '--resume']);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.stdout).toMatch(/Resumed the interrupted run \(\d+ writes in its plan\)\./);
    const plan = await cli(['plan', conf, '--detailed-exitcode']);
    expect(plan.exitCode).toBe(0);
    expect(plan.stderr).not.toContain('interrupted');
    expect(await devicesOnHost()).toBe(DEVICES);
  });
});
