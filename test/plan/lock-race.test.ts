/**
 * The lock between real processes: many runs started at the same instant against a lock left
 * by a dead run. Exactly one may hold it; every other one exits 4 naming the holder's PID. (The
 * built code is run, as the CLI runs it.)
 */
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors.js';

const LOCK_MODULE = join(import.meta.dirname, '..', '..', 'dist', 'src', 'plan', 'lock.js');
const scratch = mkdtempSync(join(tmpdir(), 'lock-race-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * One run: waits for the start signal, takes the lock, says what happened. A winner holds the
 * lock until every run has said so (or 20 s passed), so a run that merely started late cannot
 * win after it.
 */
const RUN = `
import { existsSync, appendFileSync, readFileSync } from 'node:fs';
const { acquireLock } = await import(process.env.LOCK_MODULE);
const { LOCK, GO, LOG, RUNS } = process.env;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
while (!existsSync(GO)) await sleep(2);
try {
  const lock = await acquireLock(LOCK, { command: 'race ' + process.pid });
  appendFileSync(LOG, 'won ' + process.pid + '\\n');
  const until = Date.now() + 20000;
  while (readFileSync(LOG, 'utf8').trim().split('\\n').length < Number(RUNS) && Date.now() < until) await sleep(20);
  await lock.release();
} catch (error) {
  appendFileSync(LOG, 'lost ' + process.pid + ' ' + error.message + '\\n');
  process.exitCode = error.exitCode ?? 1;
}
`;

async function race(runs: number, prepare: (lockFile: string) => void) {
  const dir = mkdtempSync(join(scratch, 'race-'));
  const lockFile = join(dir, 'run', 'scstadmin-ts.lock');
  const go = join(dir, 'go');
  const log = join(dir, 'log');
  writeFileSync(log, '');
  mkdirSync(join(dir, 'run'));
  prepare(lockFile);
  const env = { LOCK_MODULE, LOCK: lockFile, GO: go, LOG: log, RUNS: String(runs) };
  const children = Array.from({ length: runs }, () => execa('node', ['--input-type=module', '-e', RUN], { env, reject: false }));
  // Every run is started and polling before the signal (node needs a while to start).
  await new Promise((r) => setTimeout(r, 1500));
  writeFileSync(go, '');
  const results = await Promise.all(children);
  const lines = readFileSync(log, 'utf8').trim().split('\n');
  return { results, winners: lines.filter((l) => l.startsWith('won ')), losers: lines.filter((l) => l.startsWith('lost ')) };
}

describe('lock between processes', () => {
  it('a lock left by a dead run is taken over by exactly one of many runs', { timeout: 60_000 }, async () => {
    const { results, winners, losers } = await race(12, (lockFile) => writeFileSync(lockFile, '999999999\napply dead.conf\n2026-01-01T00:00:00Z\n'));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(11);
    expect(results.map((r) => r.exitCode).sort()).toEqual([0, ...Array(11).fill(EXIT.LOCKED)]);
    // Every loser names the winner, never the dead run or nobody.
    const winner = winners[0]!.split(' ')[1];
    for (const line of losers) expect(line).toContain(`holds the lock: PID ${winner} (race ${winner})`);
  });

  it('an empty lock file (a run that died creating it) does not block anyone', { timeout: 60_000 }, async () => {
    const { winners, losers } = await race(4, (lockFile) => writeFileSync(lockFile, ''));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(3);
  });
});
