/**
 * ALUA device groups (spec scst-conf §6.9): created after the targets they link to, attributes
 * only where they differ, removals with --prune, and rollback at every failing write.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { applyConfig } from '../../src/plan/index.js';
import { conf, EXAMPLE_11_2, exampleHost, planFile, treeDump, writeAll } from './fixtures.js';

const ALUA = `${EXAMPLE_11_2}
DEVICE_GROUP dg1 {
	DEVICE vol1

	TARGET_GROUP local {
		group_id 1
		state active

		TARGET iqn.2031-04.test.lab:tgt1
	}

	TARGET_GROUP remote {
		group_id 2
		state standby

		TARGET iqn.2031-04.test.lab:peer {
			rel_tgt_id 10
		}
	}
}
`;

const dgWrites = (plan: { ops: Array<{ path: string; data: string }> }) => plan.ops.filter((o) => o.path.startsWith('device_groups')).map((o) => [o.path, o.data]);

describe('device groups', () => {
  it('are created after the targets, with members and attributes', async () => {
    const host = exampleHost();
    const plan = await planFile(host, ALUA);
    const writes = plan.ops.map((o) => o.path);
    expect(writes.indexOf('device_groups/mgmt')).toBeGreaterThan(writes.lastIndexOf('targets/iscsi/mgmt'));
    expect(dgWrites(plan)).toEqual([
      ['device_groups/mgmt', 'create dg1'],
      ['device_groups/dg1/devices/mgmt', 'add vol1'],
      ['device_groups/dg1/target_groups/mgmt', 'create local'],
      ['device_groups/dg1/target_groups/local/mgmt', 'add iqn.2031-04.test.lab:tgt1'],
      ['device_groups/dg1/target_groups/local/group_id', '1\n'],
      ['device_groups/dg1/target_groups/local/state', 'active\n'],
      ['device_groups/dg1/target_groups/mgmt', 'create remote'],
      ['device_groups/dg1/target_groups/remote/mgmt', 'add iqn.2031-04.test.lab:peer'],
      ['device_groups/dg1/target_groups/remote/iqn.2031-04.test.lab:peer/rel_tgt_id', '10\n'],
      ['device_groups/dg1/target_groups/remote/group_id', '2\n'],
      ['device_groups/dg1/target_groups/remote/state', 'standby\n'],
    ]);
    await writeAll(host, plan.ops);
    expect((await planFile(host, ALUA)).ops).toEqual([]);
  });

  it('write only what differs, and remove what the file lacks with --prune', async () => {
    const host = exampleHost();
    await writeAll(host, (await planFile(host, ALUA)).ops);
    const failover = ALUA.replace('state standby', 'state active').replace('state active\n\n\t\tTARGET iqn.2031-04.test.lab:tgt1', 'state standby\n\n\t\tTARGET iqn.2031-04.test.lab:tgt1');
    expect(dgWrites(await planFile(host, failover))).toEqual([
      ['device_groups/dg1/target_groups/local/state', 'standby\n'],
      ['device_groups/dg1/target_groups/remote/state', 'active\n'],
    ]);
    const withoutRemote = ALUA.replace(/\n\tTARGET_GROUP remote \{[\s\S]*?\n\t\}\n/, '\n');
    // (the copy manager's automatic LUN of vol1 is noted as left alone too)
    expect((await planFile(host, withoutRemote)).notes.filter((n) => !n.object.startsWith('target copy_manager/'))).toEqual([expect.objectContaining({ kind: 'kept', object: 'target group dg1/remote' })]);
    const pruned = await planFile(host, withoutRemote, { prune: true });
    expect(dgWrites(pruned)).toEqual([['device_groups/dg1/target_groups/mgmt', 'del remote']]);
    expect(pruned.ops[0]!.inverse.map((o) => o.data)).toEqual(['create remote', 'add iqn.2031-04.test.lab:peer', '10\n', '2\n', 'standby\n']);
  });

  it('a failing write at any point of an ALUA plan leaves the host as it was', async () => {
    const n = (await planFile(exampleHost(), ALUA)).ops.length;
    for (let k = 1; k <= n; k++) {
      const host = exampleHost();
      const before = await treeDump(host);
      host.armFault({ nth: k, errno: 'EINVAL' });
      const dir = mkdtempSync(join(tmpdir(), 'alua-'));
      const error = await applyConfig(host, conf(ALUA), { lockFile: join(dir, 'lock'), stateDir: join(dir, 'state'), suspend: false }).catch((e: unknown) => e);
      expect(error, `write ${k}`).toBeInstanceOf(UserError);
      host.clearFaults();
      expect(await treeDump(host), `after failing write ${k} of ${n}`).toEqual(before);
    }
  });
});
