/**
 * `simulate fault --delay MS`: every write of the emulated host waits (a slow kernel). The delay
 * is kept in the state file like armed faults, shown by `simulate status`, removed by --clear.
 * No timing is measured: a delayed write is seen still pending after the microtask queue has run.
 */
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { changeSimulation, createSimulation, openSimulation } from '../../src/emulator/simulation.js';
import { renderSimulationStatus, simulationStatus } from '../../src/emulator/simulation-status.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'write-delay-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Let every queued microtask run; timers (and so a delayed write) cannot fire meanwhile. */
async function drainMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

async function appliedBeforeTimers(emulator: Emulator, name: string): Promise<boolean> {
  const write = emulator.write('targets/iscsi/mgmt', `add_target ${name}\n`);
  await drainMicrotasks();
  const applied = await emulator.exists(`targets/iscsi/${name}`);
  await write;
  expect(await emulator.exists(`targets/iscsi/${name}`)).toBe(true);
  return applied;
}

describe('write delay of the emulated host', () => {
  it('a delayed write waits for a timer; without a delay it does not', async () => {
    const emulator = new Emulator();
    expect(await appliedBeforeTimers(emulator, 'iqn.2024-01.lab:fast')).toBe(true);
    emulator.delayWrites(5);
    expect(await appliedBeforeTimers(emulator, 'iqn.2024-01.lab:slow')).toBe(false);
    emulator.delayWrites(0);
    expect(emulator.writeDelay()).toBe(0);
    expect(await appliedBeforeTimers(emulator, 'iqn.2024-01.lab:fast-again')).toBe(true);
  });

  it('is kept in the state file between commands and shown in the status', async () => {
    const file = join(scratch, 'kept.json');
    await createSimulation(file, {}, true);
    await changeSimulation(file, (e) => e.delayWrites(40));
    const { emulator } = await openSimulation(file);
    expect(emulator.writeDelay()).toBe(40);
    const status = simulationStatus(file, emulator.toState(), emulator.armedFaults());
    expect(status.writeDelayMs).toBe(40);
    expect(renderSimulationStatus(status)).toContain('  write delay:  40 ms per write');
    await changeSimulation(file, (e) => e.delayWrites(0));
    expect((await openSimulation(file)).emulator.toState()).not.toHaveProperty('writeDelayMs');
  });
});

describe('simulate fault --delay (built binary)', () => {
  const cli = (args: string[]) => execa('node', [BIN, ...args], { reject: false, env: { NO_COLOR: '1' }, timeout: 20_000 });

  it('sets, reports and clears the delay; a lone --nth or nothing at all is refused', async () => {
    const state = `--simulate=${join(scratch, 'cli.json')}`;
    expect((await cli(['simulate', 'create', '--force', state])).exitCode).toBe(0);

    const set = await cli(['simulate', 'fault', '--delay', '25', state]);
    expect([set.exitCode, set.stdout]).toEqual([0, 'armed faults: none; write delay: 25 ms per write']);
    const both = await cli(['simulate', 'fault', '--nth', '2', '--errno', 'EIO', '--json', state]);
    expect(JSON.parse(both.stdout)).toEqual({ faults: [{ nth: 2, errno: 'EIO' }], writeDelayMs: 25 });

    const status = await cli(['simulate', 'status', '--json', state]);
    expect(JSON.parse(status.stdout)).toMatchObject({ writeDelayMs: 25, faults: [{ nth: 2, errno: 'EIO' }] });
    expect((await cli(['simulate', 'status', state])).stdout).toContain('  write delay:  25 ms per write');

    const cleared = await cli(['simulate', 'fault', '--clear', '--json', state]);
    expect(JSON.parse(cleared.stdout)).toEqual({ faults: [], writeDelayMs: 0 });

    for (const args of [[], ['--nth', '1'], ['--nth', '1', '--delay', '5'], ['--delay', '-1']]) {
      const bad = await cli(['simulate', 'fault', ...args, state]);
      expect(bad.exitCode).toBe(2);
    }
    expect(JSON.parse((await cli(['simulate', 'status', '--json', state])).stdout)).toMatchObject({ writeDelayMs: 0, faults: [] });
  });
});
