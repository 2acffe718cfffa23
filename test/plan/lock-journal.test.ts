/**
 * The lock (two applies never interleave; one waits or exits 4) and the journal (a run killed
 * half-way is rolled back, or resumed, by the next run).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, UserError } from '../../src/errors.js';
import { acquireLock, applyConfig, Journal, readJournal, recoverJournal } from '../../src/plan/index.js';
import type { DirEntry, Sysfs } from '../../src/sysfs/types.js';
import { conf, EXAMPLE_11_2, exampleHost, planFile, treeDump } from './fixtures.js';

function runDirs() {
  const dir = mkdtempSync(join(tmpdir(), 'scstadmin-ts-lock-'));
  return { lockFile: join(dir, 'run', 'scstadmin-ts.lock'), stateDir: join(dir, 'state') };
}

/** Records every write with the name of the run that made it. */
class Tagged implements Sysfs {
  constructor(private readonly inner: Sysfs, private readonly tag: string, private readonly log: string[]) {}
  get description() { return this.inner.description; }
  read(p: string) { return this.inner.read(p); }
  list(p: string): Promise<DirEntry[]> { return this.inner.list(p); }
  readlink(p: string) { return this.inner.readlink(p); }
  exists(p: string) { return this.inner.exists(p); }
  async write(p: string, d: string) {
    this.log.push(this.tag);
    await this.inner.write(p, d);
  }
}

const SECOND_TARGET = `${EXAMPLE_11_2.replace(/\n}\n$/, '')}
	TARGET iqn.2031-04.test.lab:tgt2 {
		LUN 0 vol1
	}
}
`;

describe('lock', () => {
  it('names the holder and exits 4 when held', async () => {
    const { lockFile } = runDirs();
    const held = await acquireLock(lockFile, { command: 'apply first.conf' });
    const error = await acquireLock(lockFile, { command: 'apply second.conf' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(EXIT.LOCKED);
    expect((error as UserError).message).toContain(`PID ${process.pid} (apply first.conf)`);
    await held.release();
    const again = await acquireLock(lockFile, { command: 'apply second.conf' });
    await again.release();
  });

  it('takes over a lock whose holder no longer runs', async () => {
    const { lockFile } = runDirs();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(lockFile, '..'), { recursive: true });
    writeFileSync(lockFile, '999999999\napply dead.conf\n2026-01-01T00:00:00Z\n');
    const lock = await acquireLock(lockFile, { command: 'apply' });
    await lock.release();
  });

  it('two applies at once: the second exits 4 without waiting', async () => {
    const host = exampleHost();
    host.delayWrites(2);
    const dirs = runDirs();
    const results = await Promise.allSettled([
      applyConfig(host, conf(EXAMPLE_11_2), { ...dirs, command: 'apply a' }),
      applyConfig(host, conf(SECOND_TARGET), { ...dirs, command: 'apply b' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as UserError).exitCode).toBe(EXIT.LOCKED);
  });

  it('two applies at once with --wait: the second waits, their writes never interleave', async () => {
    const host = exampleHost();
    host.delayWrites(2);
    const dirs = runDirs();
    const log: string[] = [];
    const [a, b] = await Promise.all([
      applyConfig(new Tagged(host, 'a', log), conf(EXAMPLE_11_2), { ...dirs, waitSeconds: 60 }),
      applyConfig(new Tagged(host, 'b', log), conf(SECOND_TARGET), { ...dirs, waitSeconds: 60 }),
    ]);
    expect(a.applied + b.applied).toBe(log.length);
    // Whichever ran first wrote everything before the other wrote anything.
    expect(log.join('')).toMatch(/^(a*b*|b*a*)$/);
    expect((await planFile(host, SECOND_TARGET)).ops).toEqual([]);
  });
});

describe('confirmation', () => {
  const smaller = EXAMPLE_11_2.replace('\t\tLUN 0 vol1\n\n', '');

  it('is asked without the lock held, and a refusal changes nothing', async () => {
    const host = exampleHost();
    const dirs = runDirs();
    await applyConfig(host, conf(EXAMPLE_11_2), dirs);
    let lockedWhileAsking: boolean | undefined;
    const result = await applyConfig(host, conf(smaller), {
      ...dirs,
      prune: true,
      confirm: async () => {
        lockedWhileAsking = existsSync(dirs.lockFile);
        return false;
      },
    });
    expect(lockedWhileAsking).toBe(false);
    expect(result).toMatchObject({ aborted: true, applied: 0 });
    expect((await planFile(host, smaller, { prune: true })).ops).toHaveLength(1);
  });

  it('applies nothing when the host changed while the question was open', async () => {
    const host = exampleHost();
    const dirs = runDirs();
    await applyConfig(host, conf(EXAMPLE_11_2), dirs);
    const error = await applyConfig(host, conf(smaller), {
      ...dirs,
      prune: true,
      confirm: async () => {
        await host.write('devices/vol1/t10_dev_id', 'changed-meanwhile');
        return true;
      },
    }).catch((e: unknown) => e);
    expect((error as UserError).code).toBe('HOST_CHANGED');
    expect(await host.read('targets/iscsi/iqn.2031-04.test.lab:tgt1/luns/0/read_only')).toBeDefined();
  });
});

describe('journal of a killed run', () => {
  /** A run killed after `k` writes: its journal says op k had begun. */
  async function killedRun(k: number) {
    const host = exampleHost();
    const dirs = runDirs();
    const before = await treeDump(host);
    const plan = await planFile(host, EXAMPLE_11_2);
    const journal = await Journal.create(dirs.stateDir, { command: 'apply killed.conf', sysfs: host.description, ops: plan.ops });
    for (let i = 0; i < k; i++) {
      journal.begin(i);
      await host.write(plan.ops[i]!.path, plan.ops[i]!.data);
    }
    journal.begin(k); // killed while writing op k, before it reached the kernel
    journal.abandon();
    return { host, dirs, before, total: plan.ops.length };
  }

  it('is found and rolled back by the next run, which then applies its own plan', async () => {
    const { host, dirs, total } = await killedRun(6);
    const notices: string[] = [];
    const result = await applyConfig(host, conf(EXAMPLE_11_2), { ...dirs, onNotice: (m) => notices.push(m) });
    expect(notices).toEqual([expect.stringMatching(/interrupted run left a journal: PID \d+ \(apply killed.conf\).* applied 7 of 13 writes/)]);
    expect(result.recovered).toMatchObject({ action: 'rolled-back', begun: 7, total, failures: [] });
    expect(result.applied).toBe(13);
    expect(await readJournal(dirs.stateDir)).toBeUndefined();
    expect((await planFile(host, EXAMPLE_11_2)).ops).toEqual([]);
  });

  it('a dry run mentions it and leaves it in place', async () => {
    const { host, dirs } = await killedRun(2);
    const notices: string[] = [];
    const result = await applyConfig(host, conf(EXAMPLE_11_2), { ...dirs, dryRun: true, onNotice: (m) => notices.push(m) });
    expect(result.dryRun).toBe(true);
    expect(notices).toEqual([expect.stringMatching(/interrupted run left a journal.*the next apply rolls it back/)]);
    expect(await readJournal(dirs.stateDir)).toBeDefined();
  });

  it('rollback alone leaves the host as it was before the killed run', async () => {
    for (const k of [0, 1, 6, 12]) {
      const { host, dirs, before } = await killedRun(k);
      const recovered = await recoverJournal(host, dirs);
      expect(recovered?.action).toBe('rolled-back');
      expect(await treeDump(host), `killed after ${k} writes`).toEqual(before);
    }
  });

  it('is never undone on another tree than the one it was written to', async () => {
    const { dirs } = await killedRun(3);
    const other = exampleHost();
    const error = await recoverJournal({ ...other, description: 'elsewhere', read: (p) => other.read(p), write: (p, d) => other.write(p, d), list: (p) => other.list(p), readlink: (p) => other.readlink(p), exists: (p) => other.exists(p) }, dirs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('JOURNAL_OTHER_TREE');
    expect(await readJournal(dirs.stateDir)).toBeDefined();
  });

  it('--resume writes the rest of the killed plan', async () => {
    const { host, dirs } = await killedRun(6);
    const recovered = await recoverJournal(host, { ...dirs, resume: true });
    expect(recovered).toMatchObject({ action: 'resumed', begun: 7 });
    expect((await planFile(host, EXAMPLE_11_2)).ops).toEqual([]);
    expect(await readJournal(dirs.stateDir)).toBeUndefined();
  });
});
