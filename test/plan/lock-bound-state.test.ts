/**
 * Runs on one emulated host (--simulate STATE.json) that wait for each other's lock: each plans
 * on, and keeps, what the run before it wrote — the state file is read under the lock and saved
 * before the lock goes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, openSimulation } from '../../src/emulator/simulation.js';
import { acquireLock, applyConfig } from '../../src/plan/index.js';
import { LockBoundSimulation } from '../../src/plan/lock-bound-state.js';
import { conf } from './fixtures.js';

const deviceConf = (name: string) => `HANDLER vdisk_nullio {\n\tDEVICE ${name} {\n\t}\n}\n`;

async function freshHost() {
  const dir = mkdtempSync(join(tmpdir(), 'scstadmin-ts-bound-'));
  const state = join(dir, 'state.json');
  await createSimulation(state, {}, false);
  return { state, run: { lockFile: join(dir, 'state.json.lock'), stateDir: join(dir, 'journal') } };
}

async function devicesIn(state: string): Promise<string[]> {
  const simulation = await openSimulation(state);
  return (await simulation.sysfs.list('handlers/vdisk_nullio')).filter((e) => e.type === 'link').map((e) => e.name);
}

describe('an emulated host shared by waiting runs', () => {
  it('the run that waited plans on what the first one wrote, and both changes are kept', async () => {
    const { state, run } = await freshHost();
    // Both open the host before either holds the lock, as two commands started together do.
    const first = await LockBoundSimulation.open(state);
    const second = await LockBoundSimulation.open(state);
    const held = await acquireLock(run.lockFile, { command: 'test' });
    const waiting = applyConfig(second, conf(deviceConf('b')), { ...run, waitSeconds: 30 });
    const firstRun = (async () => {
      await held.release();
      return applyConfig(first, conf(deviceConf('a')), { ...run, waitSeconds: 30 });
    })();
    const [a, b] = await Promise.all([firstRun, waiting]);
    await Promise.all([first.close(), second.close()]);
    expect([a.applied, b.applied]).toEqual([1, 1]);
    // Saved by whichever ran last: on the state it loaded under the lock, so the other's device is there.
    expect(await devicesIn(state)).toEqual(['a', 'b']);
  });

  it('a run that only looked does not rewrite the state file', async () => {
    const { state, run } = await freshHost();
    const looker = await LockBoundSimulation.open(state);
    await applyConfig(await LockBoundSimulation.open(state), conf(deviceConf('a')), run).then(() => undefined);
    await applyConfig(looker, conf(deviceConf('a')), { ...run, dryRun: true });
    const before = readFileSync(state, 'utf8');
    await looker.close();
    expect(readFileSync(state, 'utf8')).toBe(before);
    expect(await devicesIn(state)).toEqual(['a']);
  });
});
