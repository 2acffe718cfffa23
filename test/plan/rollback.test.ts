/**
 * Fault injection: for a plan of N writes, failing the k-th write — for every k — must leave the
 * emulated host exactly as it was before the run, and the error must name the op and the errno.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { applyConfig, executePlan, Journal, readJournal, recoverJournal } from '../../src/plan/index.js';
import { JournalWriteError } from '../../src/plan/journal.js';
import type { Emulator } from '../../src/emulator/emulator.js';
import { applyExample, conf, EXAMPLE_11_2, exampleHost, planFile, treeDump, writeAll } from './fixtures.js';

const T = 'iqn.2031-04.test.lab:tgt1';

function runDirs() {
  const dir = mkdtempSync(join(tmpdir(), 'scstadmin-ts-plan-'));
  return { lockFile: join(dir, 'lock'), stateDir: join(dir, 'state') };
}

/** Values that legitimately differ after a delete + re-create: counters the kernel never rewinds. */
const COUNTERS = [/^targets\/copy_manager\/copy_manager_tgt\/(luns|sessions)\//, /\/exported\//, /\/tid$/, /\/thread_pid$/];

async function everyFailureRollsBack(setUp: () => Promise<Emulator>, text: string, options: { prune?: boolean; force?: boolean }, exclude: RegExp[] = []) {
  const probe = await setUp();
  const n = (await planFile(probe, text, options)).ops.length;
  expect(n).toBeGreaterThan(2);
  for (let k = 1; k <= n; k++) {
    const host = await setUp();
    const before = await treeDump(host, exclude);
    host.armFault({ nth: k, errno: 'EINVAL' });
    const error = await applyConfig(host, conf(text), { ...options, ...runDirs(), suspend: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, `write ${k} of ${n}`).toBeInstanceOf(UserError);
    const details = (error as UserError).details as { failedOp: number; errno: string; rolledBack: number; rollbackFailures: string[] };
    expect(details).toMatchObject({ failedOp: k - 1, errno: 'EINVAL', rolledBack: k - 1, rollbackFailures: [] });
    expect((error as UserError).message, (error as UserError).message).toMatch(/failed: .*EINVAL/);
    host.clearFaults();
    expect(await treeDump(host, exclude), `host after failing write ${k} of ${n}`).toEqual(before);
  }
  return n;
}

describe('rollback on a failed write', () => {
  it('restores an empty host for every failing write of the §11.2 plan', async () => {
    const n = await everyFailureRollsBack(async () => exampleHost(), EXAMPLE_11_2, {});
    expect(n).toBe(13);
  });

  it('restores a drifted host for every failing write of a plan with removals and a re-create', async () => {
    const setUp = async () => {
      const host = exampleHost();
      await applyExample(host);
      await host.write('handlers/vdisk_fileio/mgmt', 'add_device scratch filename=/srv/scratch.img');
      await host.write(`targets/iscsi/${T}/luns/mgmt`, 'add scratch 1');
      await host.write(`targets/iscsi/${T}/ini_groups/mgmt`, 'create old');
      await host.write(`targets/iscsi/${T}/ini_groups/old/initiators/mgmt`, 'add iqn.2031-01.test.client:old');
      await host.write('targets/iscsi/mgmt', 'add_target iqn.2031-04.test.lab:extra');
      await host.write('targets/iscsi/mgmt', `add_target_attribute ${T} IncomingUser carol secret-00003`);
      await host.write('devices/vol1/t10_dev_id', 'other');
      return host;
    };
    const changed = EXAMPLE_11_2.replace('filename /dev/vg0/vol1', 'filename /dev/vg0/vol2').replace('HeaderDigest CRC32C', 'HeaderDigest None');
    const n = await everyFailureRollsBack(setUp, changed, { prune: true, force: true }, COUNTERS);
    expect(n).toBeGreaterThanOrEqual(8);
  });
});

describe('rollback of a re-create', () => {
  it('re-opens the device with the attributes the file does not name (the host is read for them)', async () => {
    const setUp = async () => {
      const host = exampleHost();
      await applyExample(host);
      await host.write('devices/vol1/usn', 'U-NOT-IN-FILE');
      return host;
    };
    const changed = EXAMPLE_11_2.replace('filename /dev/vg0/vol1', 'filename /dev/vg0/vol2');
    await everyFailureRollsBack(setUp, changed, { force: true }, COUNTERS);
  });
});

describe('removing a group an initiator is logged in to', () => {
  // The emulated initiators come from a portal the example's allowed_portal would refuse.
  const FILE = EXAMPLE_11_2.replace('\t\tallowed_portal 192.0.2.10\n', '');
  const setUp = async () => {
    const host = exampleHost();
    await writeAll(host, (await planFile(host, FILE)).ops);
    await host.write(`targets/iscsi/${T}/ini_groups/mgmt`, 'create old');
    await host.write(`targets/iscsi/${T}/ini_groups/old/initiators/mgmt`, 'add iqn.2031-01.test.client:old');
    await host.write(`targets/iscsi/${T}/ini_groups/old/initiators/mgmt`, 'add iqn.2031-01.test.client:spare');
    await host.write(`targets/iscsi/${T}/ini_groups/old/luns/mgmt`, 'add vol1 0');
    host.login(T, 'iqn.2031-01.test.client:old', { chap: { user: 'bob', secret: 'secret-00002' } });
    return host;
  };

  it('re-homes the session by removing the initiators, then deletes the group (--force)', async () => {
    const host = await setUp();
    const result = await applyConfig(host, conf(FILE), { prune: true, force: true, ...runDirs(), suspend: false });
    expect(result.plan.ops.map((op) => op.kind)).toEqual(['del_initiator', 'del_initiator', 'del_group']);
    expect((await host.list(`targets/iscsi/${T}/ini_groups`)).map((e) => e.name)).toEqual(['hosts', 'mgmt']);
    // The initiator stays logged in, now seeing the target's default LUNs.
    expect((await host.list(`targets/iscsi/${T}/sessions`)).map((e) => e.name)).toEqual(['iqn.2031-01.test.client:old']);
  });

  it('is undone for every failing write', async () => {
    await everyFailureRollsBack(setUp, FILE, { prune: true, force: true }, COUNTERS);
  });
});

describe('a rollback that cannot finish', () => {
  it('says which undo writes failed and points at diff', async () => {
    const host = exampleHost();
    host.armFault({ nth: 3, errno: 'EIO' }); // the third write of the plan
    host.armFault({ nth: 4, errno: 'EIO' }); // one of the undo writes after it
    const dirs = runDirs();
    const error = (await applyConfig(host, conf(EXAMPLE_11_2), { ...dirs, suspend: false }).catch((e: unknown) => e)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    const details = error.details as { rollbackFailures: string[]; rolledBack: number };
    expect(details.rollbackFailures).toEqual([expect.stringMatching(/^(target|device) .*: delete .*: EIO$/)]);
    expect(error.message).toMatch(/rollback incomplete/);
    expect(error.hint).toMatch(/scstadmin-ts diff/);
  });
});

describe('a write the kernel refuses', () => {
  it('is reported with the errno and the kernel log line, after the earlier writes are undone', async () => {
    const host = exampleHost();
    const before = await treeDump(host);
    const file = 'HANDLER vdisk_blockio {\n\tDEVICE a1 {\n\t\tfilename /dev/vg0/vol1\n\t}\n\tDEVICE b1 {\n\t\tfilename /srv/scratch.img\n\t}\n}\n';
    const error = (await applyConfig(host, conf(file), runDirs()).catch((e: unknown) => e)) as UserError;
    expect(error.object).toBe('device b1');
    expect(error.message).toMatch(/add_device b1 filename=\/srv\/scratch\.img;.*\(ENOTBLK\); kernel: .+; rolled back 1 applied write;/);
    expect(await treeDump(host)).toEqual(before);
  });
});

describe('a rollback that cannot finish', () => {
  it('keeps the journal, marked with what was undone, and the next run finishes the rollback', async () => {
    const host = exampleHost();
    const before = await treeDump(host);
    host.armFault({ nth: 12, errno: 'EIO' }); // enabling the target, the plan's 12th write
    host.armFault({ nth: 14, errno: 'EIO' }); // one of its three undo writes
    const dirs = runDirs();
    const error = (await applyConfig(host, conf(EXAMPLE_11_2), { ...dirs, suspend: false }).catch((e: unknown) => e)) as UserError;
    const journal = join(dirs.stateDir, 'journal.jsonl');
    expect(error.message).toMatch(/rollback incomplete, these undo writes failed \(left to undo\): .*EIO/);
    expect(error.message).toContain(`the journal ${journal} is kept`);
    const left = await readJournal(dirs.stateDir);
    expect(left).toMatchObject({ lastBegun: 11, failed: 11 });
    expect(left!.undone.size).toBe(10); // every applied op but the one whose undo failed
    // The cause is gone: the next run undoes only what is left, and the host is as before.
    host.clearFaults();
    const recovered = await recoverJournal(host, dirs);
    expect(recovered).toMatchObject({ action: 'rolled-back', failures: [] });
    expect(await readJournal(dirs.stateDir)).toBeUndefined();
    expect(await treeDump(host)).toEqual(before);
  });

  it('in a recovery keeps the journal again and stops the run, naming what is left', async () => {
    const host = exampleHost();
    const before = await treeDump(host);
    const dirs = runDirs();
    host.armFault({ nth: 12, errno: 'EIO' });
    host.armFault({ nth: 14, errno: 'EIO' });
    await applyConfig(host, conf(EXAMPLE_11_2), { ...dirs, suspend: false }).catch(() => {});
    host.armFault({ nth: 1, errno: 'EBUSY' }); // the first undo of the recovery fails too
    const error = (await applyConfig(host, conf(EXAMPLE_11_2), { ...dirs, suspend: false }).catch((e: unknown) => e)) as UserError;
    expect(error.code).toBe('JOURNAL_ROLLBACK_INCOMPLETE');
    expect(error.message).toMatch(/could not finish; left to undo: .*EBUSY.*the journal .* is kept/);
    expect(await readJournal(dirs.stateDir)).toBeDefined();
    // --resume is refused once a rollback of the run has begun.
    const resume = (await recoverJournal(host, { ...dirs, resume: true }).catch((e: unknown) => e)) as UserError;
    expect(resume.code).toBe('JOURNAL_ROLLING_BACK');
    expect(await recoverJournal(host, dirs)).toMatchObject({ action: 'rolled-back' });
    expect(await treeDump(host)).toEqual(before);
  });
});

describe('a journal that cannot be written mid-run (ENOSPC)', () => {
  it('rolls back like a failed write, naming the journal file', async () => {
    const host = exampleHost();
    const before = await treeDump(host);
    const dirs = runDirs();
    const ops = (await planFile(host, EXAMPLE_11_2, { suspend: false })).ops;
    const real = await Journal.create(dirs.stateDir, { command: 'apply', sysfs: host.description, ops });
    // The state directory fills up before write 7 can be recorded.
    const full = Object.assign(Object.create(real) as Journal, {
      begin(index: number) {
        if (index === 6) throw new JournalWriteError(real.path, Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        real.begin(index);
      },
    });
    const error = (await executePlan(host, ops, { journal: full }).catch((e: unknown) => e)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.code).toBe('JOURNAL_FAILED');
    expect(error.object).toBe(real.path);
    expect(error.message).toMatch(/^cannot write the journal: ENOSPC.*nothing more was written; rolled back 6 applied writes/);
    expect(await treeDump(host)).toEqual(before);
    expect(await readJournal(dirs.stateDir)).toBeUndefined();
  });
});
