/**
 * Planner behaviour beyond the worked examples: dynamic attributes as sets, LUN swaps in one
 * write, initiator moves, what sessions use needs --force, suspend bracketing, refused names.
 */
import { describe, expect, it } from 'vitest';
import { EXIT, UserError } from '../../src/errors.js';
import { dict, emptyConfig } from '../../src/model/types.js';
import { CountingSysfs, driftPlan, planChanges } from '../../src/plan/index.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { applyExample, conf, EXAMPLE_11_2, exampleHost, planFile, writeAll } from './fixtures.js';

const T = 'iqn.2031-04.test.lab:tgt1';
const TP = `targets/iscsi/${T}`;
const writes = (plan: { ops: Array<{ path: string; data: string }> }) => plan.ops.map((o) => [o.path, o.data]);

/** The §11.2 file with a second device vol2 defined. */
const WITH_VOL2 = EXAMPLE_11_2.replace('HANDLER vdisk_blockio {', 'HANDLER vdisk_blockio {\n\tDEVICE vol2 {\n\t\tfilename /dev/vg0/vol2\n\t}');

describe('dynamic attributes', () => {
  it('replaces an OutgoingUser by deleting the old one first', async () => {
    const host = exampleHost();
    await applyExample(host);
    await host.write('targets/iscsi/mgmt', `add_target_attribute ${T} OutgoingUser old secret-000001`);
    const plan = await planFile(host, EXAMPLE_11_2.replace('allowed_portal 192.0.2.10', 'allowed_portal 192.0.2.10\n\t\tOutgoingUser "new secret-000002"'));
    expect(writes(plan)).toEqual([
      ['targets/iscsi/mgmt', `del_target_attribute ${T} OutgoingUser old secret-000001`],
      ['targets/iscsi/mgmt', `add_target_attribute ${T} OutgoingUser new secret-000002`],
    ]);
    await writeAll(host, plan.ops);
  });

  it('replaces a CHAP user whose secret changed, without --prune', async () => {
    const host = exampleHost();
    await applyExample(host);
    const plan = await planFile(host, EXAMPLE_11_2.replace('alice secret-00001', 'alice secret-99999'));
    expect(writes(plan)).toEqual([
      ['targets/iscsi/mgmt', `del_target_attribute ${T} IncomingUser alice secret-00001`],
      ['targets/iscsi/mgmt', `add_target_attribute ${T} IncomingUser alice secret-99999`],
    ]);
    expect(plan.ops.map((o) => o.summary).join(' ')).not.toContain('secret-');
  });
});

describe('LUNs and initiators', () => {
  it('swaps the device behind a LUN with one replace write, undone by the reverse replace', async () => {
    const host = exampleHost();
    await writeAll(host, (await planFile(host, WITH_VOL2)).ops);
    const plan = await planFile(host, WITH_VOL2.replace(/(\t\tLUN 0 vol1\n\n)/, '\t\tLUN 0 vol2\n\n'));
    expect(writes(plan)).toEqual([[`${TP}/luns/mgmt`, 'replace vol2 0']]);
    expect(plan.ops[0]!.inverse.map((o) => o.data)).toEqual(['replace vol1 0']);
    expect(plan.ops[0]!.destructive).toBe(true);
  });

  it('moves an initiator between groups in one write', async () => {
    const host = exampleHost();
    await applyExample(host);
    const moved = EXAMPLE_11_2.replace('\t\t\tINITIATOR iqn.2031-01.test.client:node7\n', '').replace(
      /(\t\tGROUP hosts \{)/,
      '\t\tGROUP others {\n\t\t\tINITIATOR iqn.2031-01.test.client:node7\n\t\t}\n\n$1',
    );
    const plan = await planFile(host, moved);
    expect(writes(plan)).toEqual([
      [`${TP}/ini_groups/mgmt`, 'create others'],
      [`${TP}/ini_groups/hosts/initiators/mgmt`, 'move iqn.2031-01.test.client:node7 others'],
    ]);
    expect(plan.ops[1]!.inverse.map((o) => [o.path, o.data])).toEqual([[`${TP}/ini_groups/others/initiators/mgmt`, 'move iqn.2031-01.test.client:node7 hosts']]);
  });
});

describe('what a session uses needs --force', () => {
  async function hostWithSession() {
    const host = exampleHost();
    await applyExample(host);
    await host.write('targets/iscsi/mgmt', `del_target_attribute ${T} allowed_portal 192.0.2.10`);
    host.login(T, 'iqn.2031-01.test.client:node7', { chap: { user: 'alice', secret: 'secret-00001' } });
    return host;
  }
  const withoutGroupLun = EXAMPLE_11_2.replace('allowed_portal 192.0.2.10\n', '').replace(/\t\t\tLUN 0 vol1 \{\n\t\t\t\tread_only 1\n\t\t\t\}\n\n/, '');

  it('holds back removing a LUN a session sees, and says why', async () => {
    const host = await hostWithSession();
    const plan = await planFile(host, withoutGroupLun, { prune: true });
    expect(plan.ops).toEqual([]);
    expect(withoutCopyManager(plan.notes)).toEqual([expect.objectContaining({ kind: 'held', object: `LUN 0 of iscsi/${T}/hosts`, message: expect.stringContaining('1 session (iqn.2031-01.test.client:node7) seeing this LUN') })]);
  });

  it('removes it with --force, marked as forced', async () => {
    const host = await hostWithSession();
    const plan = await planFile(host, withoutGroupLun, { prune: true, force: true });
    expect(writes(plan)).toEqual([[`${TP}/ini_groups/hosts/luns/mgmt`, 'del 0']]);
    expect(plan.ops[0]!.force).toContain('seeing this LUN');
  });
});

describe('suspend bracketing', () => {
  const many = (n: number) => {
    const devices = Array.from({ length: n }, (_, i) => `\tDEVICE n${i} {\n\t\tsize_mb 1\n\t}`).join('\n');
    const luns = Array.from({ length: n }, (_, i) => `\t\tLUN ${i} n${i}`).join('\n');
    return `HANDLER vdisk_nullio {\n${devices}\n}\nTARGET_DRIVER iscsi {\n\tTARGET iqn.2031-04.test.lab:many {\n${luns}\n\t}\n}\n`;
  };

  it('brackets a mass change with one suspend and one resume', async () => {
    const plan = await planFile(exampleHost(), many(40));
    expect(writes(plan)[0]).toEqual(['suspend', '30\n']);
    expect(writes(plan).at(-1)).toEqual(['suspend', '-1\n']);
    expect(plan.ops[0]!.inverse.map((o) => o.data)).toEqual(['-1\n']);
  });

  it('not for small plans, never with --no-suspend, always with --suspend SECONDS', async () => {
    const host = exampleHost();
    expect(writes(await planFile(host, many(3)))[0]![0]).not.toBe('suspend');
    expect(writes(await planFile(host, many(40), { suspend: false })).filter(([p]) => p === 'suspend')).toEqual([]);
    expect(writes(await planFile(host, many(3), { suspend: 10 }))[0]).toEqual(['suspend', '10\n']);
  });

  it('the emulated host accepts the bracket and ends unsuspended', async () => {
    const host = exampleHost();
    await writeAll(host, (await planFile(host, many(40))).ops);
    expect(await host.read('suspend')).toBe('0\n');
  });
});

describe('refused input', () => {
  it('a name with ";" is refused before any write, naming the object (exit 2)', () => {
    const desired = emptyConfig();
    desired.handlers.vdisk_nullio = { name: 'vdisk_nullio', attributes: dict(), devices: { 'a;b': { name: 'a;b', handler: 'vdisk_nullio', attributes: dict() } } };
    const live = emptyConfig();
    live.handlers.vdisk_nullio = { name: 'vdisk_nullio', attributes: dict(), devices: dict(), createParams: ['size_mb'] };
    const error = (() => {
      try {
        planChanges(desired, live);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(EXIT.USAGE);
    expect((error as UserError).object).toBe('device a;b');
  });

  it('a handler or driver that is not loaded is bad input, with a hint', () => {
    const desired = emptyConfig();
    desired.drivers.qla2x00t = { name: 'qla2x00t', attributes: dict(), targets: dict() };
    const error = (() => {
      try {
        planChanges(desired, emptyConfig());
      } catch (e) {
        return e;
      }
    })() as UserError;
    expect(error.exitCode).toBe(EXIT.USAGE);
    expect(error.message).toBe('is not loaded on this host');
    expect(error.object).toBe('driver qla2x00t');
  });

  it('an attribute the host does not have is bad input before any write', async () => {
    const host = exampleHost();
    await applyExample(host);
    const error = await planFile(host, EXAMPLE_11_2.replace('HeaderDigest CRC32C', 'HeaderDigest CRC32C\n\t\tNoSuchKey 1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('has no attribute "NoSuchKey"');
  });
});

describe('references', () => {
  it('a LUN on a device neither the file nor the host defines is bad input before any write', async () => {
    const error = await planFile(exampleHost(), EXAMPLE_11_2.replace('\t\tLUN 0 vol1\n\n', '\t\tLUN 0 vol9\n\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(EXIT.USAGE);
    expect((error as UserError).object).toBe(`LUN 0 of iscsi/${T}`);
    expect((error as UserError).message).toContain('uses device vol9');
  });
});

describe('attributes that need a disabled target', () => {
  it('two enabled targets swapping rel_tgt_id are disabled around the writes and enabled last', async () => {
    const two = (a: number, b: number) => `HANDLER vdisk_nullio {\n\tDEVICE n0 {\n\t\tsize_mb 1\n\t}\n}\nTARGET_DRIVER iscsi {\n\tTARGET iqn.2031-04.test.lab:a {\n\t\trel_tgt_id ${a}\n\t\tenabled 1\n\t\tLUN 0 n0\n\t}\n\tTARGET iqn.2031-04.test.lab:b {\n\t\trel_tgt_id ${b}\n\t\tenabled 1\n\t\tLUN 0 n0\n\t}\n}\n`;
    const host = exampleHost();
    await writeAll(host, (await planFile(host, two(1, 2))).ops);
    const plan = await planFile(host, two(2, 1));
    expect(writes(plan)).toEqual([
      ['targets/iscsi/iqn.2031-04.test.lab:a/enabled', '0'],
      ['targets/iscsi/iqn.2031-04.test.lab:a/rel_tgt_id', '2'],
      ['targets/iscsi/iqn.2031-04.test.lab:b/enabled', '0'],
      ['targets/iscsi/iqn.2031-04.test.lab:b/rel_tgt_id', '1'],
      ['targets/iscsi/iqn.2031-04.test.lab:a/enabled', '1'],
      ['targets/iscsi/iqn.2031-04.test.lab:b/enabled', '1'],
    ]);
    await writeAll(host, plan.ops);
    expect((await planFile(host, two(2, 1))).ops).toEqual([]);
  });

  it('a unique new rel_tgt_id is written without disabling', async () => {
    const host = exampleHost();
    await applyExample(host);
    const plan = await planFile(host, EXAMPLE_11_2.replace('HeaderDigest CRC32C', 'HeaderDigest CRC32C\n\t\trel_tgt_id 7'));
    expect(writes(plan)).toEqual([[`${TP}/rel_tgt_id`, '7']]);
  });
});

describe('cost', () => {
  it('re-planning reads grow linearly with the number of LUNs and the re-apply writes nothing', async () => {
    const file = (n: number) => {
      const devices = Array.from({ length: n }, (_, i) => `\tDEVICE n${i} {\n\t\tsize_mb 1\n\t}`).join('\n');
      const luns = Array.from({ length: n }, (_, i) => `\t\tLUN ${i} n${i}`).join('\n');
      return `HANDLER vdisk_nullio {\n${devices}\n}\nTARGET_DRIVER iscsi {\n\tTARGET iqn.2031-04.test.lab:many {\n${luns}\n\t}\n}\n`;
    };
    const reads = async (n: number) => {
      const host = exampleHost();
      await writeAll(host, (await planFile(host, file(n))).ops);
      const counting = new CountingSysfs(host);
      expect((await planFile(counting, file(n))).ops).toEqual([]);
      return counting.counts.reads + counting.counts.lists + counting.counts.readlinks;
    };
    const [r10, r20, r30] = [await reads(10), await reads(20), await reads(30)];
    expect(r30 - r20).toBe(r20 - r10);
  });
});

describe('iSCSI daemon', () => {
  it('a file with iSCSI targets is refused up front while iscsi-scstd is not running', async () => {
    const host = exampleHost();
    host.setIscsiDaemon('absent');
    const error = (await planFile(host, EXAMPLE_11_2).catch((e: unknown) => e)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.object).toBe('driver iscsi');
    expect(error.hint).toContain('daemon start');
  });
});

describe('targets a module creates by itself', () => {
  it('scst_local_tgt absent from the file is no drift: plan, --prune and the drift of status and doctor agree', async () => {
    const host = new Emulator({ modules: ['scst', 'scst_vdisk', 'iscsi_scst', 'scst_local'], useRealFileSystem: false, hostFiles: { '/dev/vg0/vol1': { kind: 'block', size: 1 << 30 } } });
    await applyExample(host);
    const text = `${EXAMPLE_11_2}\nTARGET_DRIVER scst_local {\n}\n`;
    const plain = await planFile(host, text);
    const pruned = await planFile(host, text, { prune: true, force: true });
    const drift = await driftPlan(host, conf(text));
    for (const plan of [plain, pruned, drift]) {
      expect(plan.ops).toEqual([]);
      expect(withoutCopyManager(plan.notes)).toEqual([expect.objectContaining({ kind: 'kept', object: 'target scst_local/scst_local_tgt', message: expect.stringContaining('created by the scst_local module itself') })]);
    }
  });
});

/** The plan's notes but the copy manager's (its automatic LUNs are noted as left alone). */
function withoutCopyManager<T extends { object: string }>(notes: T[]): T[] {
  return notes.filter((n) => !n.object.startsWith('target copy_manager/'));
}
