/**
 * Values the host has and the file does not mention (issue: a file that drops `read_only 1` from
 * a LUN or `QueuedCommands 64` from a target showed "No drift"). A live value that differs from
 * its default is drift: plan and diff show it as on the host only; apply --prune writes the
 * default back, and re-maps a LUN whose read_only differs only with --force; without --prune it
 * is left alone. A LUN of a read-only device reads read_only 1 by itself: that is no drift.
 */
import { describe, expect, it } from 'vitest';
import { driftOf } from '../../src/plan/drift.js';
import { conf, exampleHost, planFile, writeAll } from './fixtures.js';

const T = 'iqn.2031-04.test.drift:t1';
const TP = `targets/iscsi/${T}`;
const PLAIN = `HANDLER vdisk_nullio {\n\tDEVICE d1 {\n\t}\n}\nTARGET_DRIVER iscsi {\n\tenabled 1\n\tTARGET ${T} {\n\t\tenabled 1\n\t\tLUN 0 d1\n\t}\n}\n`;
const SET = PLAIN.replace('\t\tenabled 1\n\t\tLUN 0 d1\n', '\t\tenabled 1\n\t\tQueuedCommands 64\n\t\tLUN 0 d1 {\n\t\t\tread_only 1\n\t\t}\n');

async function hostWithValues() {
  const host = exampleHost();
  await writeAll(host, (await planFile(host, SET)).ops);
  return host;
}

const writes = (plan: { ops: Array<{ path: string; data: string }> }) => plan.ops.map((o) => [o.path, o.data]);

describe('values the file does not mention', () => {
  it('plan shows them as left alone; apply without --prune neither writes nor reads them', async () => {
    const host = await hostWithValues();
    const plan = await planFile(host, PLAIN, { drift: true });
    expect(plan.ops).toEqual([]);
    expect(plan.notes.map((n) => `${n.kind} ${n.object}: ${n.message}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^kept target iscsi/${T}: QueuedCommands 64 is not in the file`)),
      expect.stringMatching(new RegExp(`^kept LUN 0 of iscsi/${T}: read_only 1 is not in the file`)),
    ]));
    expect(await planFile(host, PLAIN)).toMatchObject({ ops: [], notes: [] });
  });

  it('diff lists them on the host side', async () => {
    const { drift } = await driftOf(await hostWithValues(), conf(PLAIN));
    expect(drift.inSync).toBe(false);
    expect(drift.fileSide).toEqual([]);
    expect(drift.hostSide.map((i) => `${i.object}: ${i.summary}`)).toEqual([
      expect.stringMatching(new RegExp(`^target iscsi/${T}: reset QueuedCommands 64 → 32`)),
      expect.stringMatching(new RegExp(`^LUN 0 of iscsi/${T}: re-map device d1 without read_only 1`)),
    ]);
  });

  it('apply --prune writes the default back and re-maps the LUN only with --force', async () => {
    const host = await hostWithValues();
    const held = await planFile(host, PLAIN, { prune: true });
    expect(writes(held)).toEqual([[`${TP}/QueuedCommands`, '32']]);
    expect(held.ops[0]!.inverse.map((o) => o.data)).toEqual(['64']);
    expect(held.notes).toEqual([expect.objectContaining({ kind: 'held', object: `LUN 0 of iscsi/${T}`, message: expect.stringContaining('read_only 1 on the host is not in the file') })]);

    const forced = await planFile(host, PLAIN, { prune: true, force: true });
    expect(writes(forced)).toEqual([[`${TP}/QueuedCommands`, '32'], [`${TP}/luns/mgmt`, 'replace d1 0']]);
    expect(forced.ops[1]!.inverse.map((o) => o.data)).toEqual(['replace d1 0 read_only=1;']);
    await writeAll(host, forced.ops);
    expect(await planFile(host, PLAIN, { prune: true, force: true })).toMatchObject({ ops: [], notes: [] });
    expect((await driftOf(host, conf(PLAIN))).drift.inSync).toBe(true);
  });

  it('a LUN of a read-only device is not drift', async () => {
    const host = exampleHost();
    const readOnlyDevice = PLAIN.replace('\tDEVICE d1 {\n\t}', '\tDEVICE d1 {\n\t\tread_only 1\n\t}');
    await writeAll(host, (await planFile(host, readOnlyDevice)).ops);
    expect(await host.read(`${TP}/luns/0/read_only`)).toBe('1\n[key]\n');
    expect(await planFile(host, readOnlyDevice, { prune: true, force: true })).toMatchObject({ ops: [], notes: [] });
    expect((await driftOf(host, conf(readOnlyDevice))).drift.inSync).toBe(true);
  });
});
