/**
 * The access, CHAP, ALUA and session changes through the edit engine on an emulated host, in
 * process: what each does to the host and to the config file, idempotence, and every refusal —
 * its message and exit code, with the host and the file left exactly as they were.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/emulator.js';
import { UserError } from '../../src/errors.js';
import {
  addChapUser, addDevice, addDeviceGroup, addGroup, addGroupMember, addInitiator, addTargetGroup, allowPortal, batch, clearInitiators, closeSession,
  denyPortal, listChapUsers, listSessions, moveInitiator, rmChapUser, rmDeviceGroup, rmGroup, rmGroupMember, rmInitiator, rmTargetGroup,
  rmDevice, runEdit, setAluaState, type Change, type EditOptions,
} from '../../src/edit/index.js';
import { readLive } from '../../src/live/index.js';
import { parseConf } from '../../src/conf/parse.js';
import { planAgainstHost } from '../../src/plan/index.js';
import { applyExample, exampleHost, treeDump, writeAll } from '../plan/fixtures.js';

const T = 'iqn.2031-04.test.lab:tgt1';
const HOST = 'iqn.2031-01.test.client:node7';
const scratch = mkdtempSync(join(tmpdir(), 'access-changes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let host: Emulator;
let options: EditOptions & { saveTo: string };

beforeEach(async () => {
  host = exampleHost();
  // §11.2: target T with LUN 0, group `hosts` (LUN 0 read-only, initiator HOST), CHAP users
  // alice and bob, discovery user disc, allowed_portal 192.0.2.10; target and driver enabled.
  await applyExample(host);
  const dir = mkdtempSync(join(scratch, 'run-'));
  options = { saveTo: join(dir, 'scst.conf'), lockFile: join(dir, 'lock'), stateDir: join(dir, 'state') };
  writeFileSync(options.saveTo, '# the admin\'s own comment\n');
  await run(addGroup({ driver: 'iscsi', target: T, group: 'seed' })); // a real file to compare
});

const run = (change: Change, extra: EditOptions = {}) => runEdit(host, change, { ...options, ...extra });
const file = () => readFileSync(options.saveTo, 'utf8');
const target = async () => (await readLive(host, { scope: `targets/iscsi/${T}` })).drivers.iscsi!.targets[T]!;

/** A refusal: the error (exit code, message), and neither host nor file changed. */
async function refused(change: () => Change, extra: EditOptions = {}): Promise<UserError> {
  const before = await treeDump(host);
  const text = file();
  const error = await Promise.resolve().then(() => run(change(), extra)).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  expect(await treeDump(host)).toEqual(before);
  expect(file()).toBe(text);
  return error as UserError;
}

async function loginHost(): Promise<void> {
  // Set-up: the emulated portal is 127.0.0.1, which §11.2's allowed_portal excludes.
  await host.write('targets/iscsi/mgmt', `del_target_attribute ${T} allowed_portal 192.0.2.10`);
  host.login(T, HOST, { chap: { user: 'alice', secret: 'secret-00001' }, address: '192.0.2.30' });
}

describe('initiator groups and initiators', () => {
  it('adds a group and a pattern, saves both, and says "nothing to do" the second time', async () => {
    const added = await run(addGroup({ driver: 'iscsi', target: T, group: 'backup' }));
    expect(added).toMatchObject({ outcome: 'done', applied: 1, saved: { status: 'updated' } });
    await run(addInitiator({ driver: 'iscsi', target: T, group: 'backup', initiator: 'iqn.2005-03.org.backup:*' }));
    expect((await target()).groups.backup!.initiators).toEqual(['iqn.2005-03.org.backup:*']);
    expect(file()).toMatch(/^# the admin's own comment\n/);
    expect(file()).toMatch(/GROUP backup \{[^}]*INITIATOR iqn\.2005-03\.org\.backup:\*/);
    const again = await run(addInitiator({ driver: 'iscsi', target: T, group: 'backup', initiator: 'iqn.2005-03.org.backup:*' }));
    expect(again).toMatchObject({ outcome: 'nothing-to-do', applied: 0 });
    const strict = await refused(() => addInitiator({ driver: 'iscsi', target: T, group: 'backup', initiator: 'iqn.2005-03.org.backup:*' }), { strict: true });
    expect(strict).toMatchObject({ exitCode: 1, code: 'ALREADY_PRESENT', message: 'already present — nothing to do' });
  });

  it('moves an entry in one write, removes and clears entries, and deletes a group', async () => {
    await run(addGroup({ driver: 'iscsi', target: T, group: 'backup' }));
    const moved = await run(moveInitiator({ driver: 'iscsi', target: T, group: 'hosts', initiator: HOST, to: 'backup' }));
    expect(moved.plan.ops.map((o) => o.data)).toEqual([`move ${HOST} backup`]);
    expect((await target()).groups.backup!.initiators).toEqual([HOST]);
    expect((await run(moveInitiator({ driver: 'iscsi', target: T, group: 'hosts', initiator: HOST, to: 'backup' }))).outcome).toBe('nothing-to-do');
    await run(addInitiator({ driver: 'iscsi', target: T, group: 'backup', initiator: 'iqn.x:*' }));
    const cleared = await run(clearInitiators({ driver: 'iscsi', target: T, group: 'backup' }));
    expect(cleared.applied).toBe(2);
    expect((await target()).groups.backup!.initiators).toEqual([]);
    expect((await run(rmInitiator({ driver: 'iscsi', target: T, group: 'backup', initiator: 'iqn.x:*' }))).outcome).toBe('nothing-to-do');
    await run(rmGroup({ driver: 'iscsi', target: T, group: 'hosts' }));
    expect(Object.keys((await target()).groups).sort()).toEqual(['backup', 'seed']);
    expect(file()).not.toMatch(/GROUP hosts/);
    // The file and the host agree: planning the saved file against the host changes nothing.
    const saved = parseConf(file(), 'scst.conf').config;
    expect((await planAgainstHost(host, saved)).ops).toEqual([]);
  });

  it('refuses what a logged-in initiator relies on without --force, naming the session', async () => {
    await loginHost();
    for (const change of [
      () => rmInitiator({ driver: 'iscsi', target: T, group: 'hosts', initiator: HOST }),
      () => rmGroup({ driver: 'iscsi', target: T, group: 'hosts' }),
      () => clearInitiators({ driver: 'iscsi', target: T, group: 'hosts' }),
      () => moveInitiator({ driver: 'iscsi', target: T, group: 'hosts', initiator: HOST, to: 'seed' }),
    ]) {
      const error = await refused(change);
      expect(error).toMatchObject({ exitCode: 2, code: 'IN_USE' });
      expect(error.message).toContain(`1 session (${HOST})`);
      expect(error.hint).toMatch(/--force/);
    }
    // With --force the group goes; its session falls back to the default LUNs first.
    await run(rmGroup({ driver: 'iscsi', target: T, group: 'hosts' }), { force: true });
    const after = await target();
    expect(after.groups.hosts).toBeUndefined();
    expect(after.sessions?.[0]?.group).toBeUndefined();
  });

  it('keeps the undo of a removed group whole: its LUNs and initiators come back on rollback', async () => {
    const dry = await run(rmGroup({ driver: 'iscsi', target: T, group: 'hosts' }), { dryRun: true });
    expect(dry.plan.ops).toHaveLength(1);
    const undo = dry.plan.ops[0]!.inverse.map((o) => `${o.path} ${String(o.data)}`);
    expect(undo).toEqual(expect.arrayContaining([
      `targets/iscsi/${T}/ini_groups/hosts/luns/mgmt add vol1 0 read_only=1;`,
      `targets/iscsi/${T}/ini_groups/hosts/initiators/mgmt add ${HOST}`,
    ]));
    host.armFault({ nth: 1, errno: 'EIO' });
    const error = await refused(() => rmGroup({ driver: 'iscsi', target: T, group: 'hosts' }));
    expect(error.exitCode).toBe(1);
  });

  it('refuses missing objects and bad names, exit 2, nothing written', async () => {
    const cases: Array<[() => Change, RegExp, string]> = [
      [() => addGroup({ driver: 'iscsi', target: 'iqn.2031-04.test.lab:none', group: 'g' }), /no such target/, 'target iscsi/iqn.2031-04.test.lab:none'],
      [() => addInitiator({ driver: 'iscsi', target: T, group: 'nosuch', initiator: HOST }), /no such initiator group/, `group iscsi/${T}/nosuch`],
      [() => addInitiator({ driver: 'iscsi', target: T, group: 'hosts', initiator: 'iqn.a;b' }), /contains ";"/, `initiator iqn.a;b of iscsi/${T}/hosts`],
      [() => addInitiator({ driver: 'iscsi', target: T, group: 'hosts', initiator: 'a b' }), /blank/, `initiator a b of iscsi/${T}/hosts`],
      [() => addInitiator({ driver: 'iscsi', target: T, group: 'hosts', initiator: 'a!b' }), /leading '!'/, `initiator a!b of iscsi/${T}/hosts`],
      [() => addGroup({ driver: 'iscsi', target: T, group: 'mgmt' }), /collides/, `group iscsi/${T}/mgmt`],
      [() => moveInitiator({ driver: 'iscsi', target: T, group: 'hosts', initiator: 'iqn.nobody', to: 'seed' }), /not in group hosts/, `initiator iqn.nobody of iscsi/${T}/hosts`],
      [() => moveInitiator({ driver: 'iscsi', target: T, group: 'hosts', initiator: HOST, to: 'hosts' }), /same/, `initiator ${HOST} of iscsi/${T}/hosts`],
      [() => allowPortal({ driver: 'iscsi', target: T, portal: '10.0.0.1 10.0.0.2' }), /contains a space/, 'allowed portal 10.0.0.1 10.0.0.2 of target iscsi/' + T],
      [() => allowPortal({ driver: 'copy_manager', target: 'copy_manager_tgt', portal: '10.0.0.1' }), /no such target driver|no allowed_portal/, ''],
    ];
    for (const [change, message, object] of cases) {
      const error = await refused(change);
      expect(error.exitCode, error.message).toBe(2);
      expect(error.message).toMatch(message);
      if (object) expect(error.object).toBe(object);
    }
    await run(addInitiator({ driver: 'iscsi', target: T, group: 'seed', initiator: HOST }));
    const both = await refused(() => moveInitiator({ driver: 'iscsi', target: T, group: 'hosts', initiator: HOST, to: 'seed' }));
    expect(both.message).toMatch(/in both hosts and seed/);
    expect(both.hint).toMatch(/rm-initiator/);
  });

  it('allows and denies portals', async () => {
    await run(allowPortal({ driver: 'iscsi', target: T, portal: '10.1.*' }));
    expect((await target()).attributes.allowed_portal?.sort()).toEqual(['10.1.*', '192.0.2.10']);
    expect((await run(allowPortal({ driver: 'iscsi', target: T, portal: '10.1.*' }))).outcome).toBe('nothing-to-do');
    await run(denyPortal({ driver: 'iscsi', target: T, portal: '192.0.2.10' }));
    await run(denyPortal({ driver: 'iscsi', target: T, portal: '10.1.*' }));
    expect((await target()).attributes.allowed_portal).toBeUndefined();
    expect((await run(denyPortal({ driver: 'iscsi', target: T, portal: '10.1.*' }))).outcome).toBe('nothing-to-do');
    expect(file()).not.toMatch(/allowed_portal/);
  });
});

describe('CHAP users', () => {
  const list = { driver: 'iscsi', target: T, direction: 'incoming' as const };

  it('adds, replaces a secret, removes; never puts a secret in details', async () => {
    const added = await run(addChapUser({ ...list, user: 'carol', secret: 'carol-secret-1' }));
    expect(JSON.stringify(added.details)).not.toContain('carol-secret-1');
    expect(file()).toContain('IncomingUser "carol carol-secret-1"');
    expect((await run(addChapUser({ ...list, user: 'carol', secret: 'carol-secret-1' }))).outcome).toBe('nothing-to-do');
    // --generate semantics: an existing user keeps its secret.
    expect((await run(addChapUser({ ...list, user: 'carol', secret: 'another-one-22', keepExisting: true }))).outcome).toBe('nothing-to-do');
    const replaced = await run(addChapUser({ ...list, user: 'carol', secret: 'carol-secret-2' }));
    expect(replaced.plan.ops.map((o) => o.kind)).toEqual(['del_dynamic', 'add_dynamic']);
    const rows = await listChapUsers(host, { driver: 'iscsi', target: T, showSecrets: true });
    expect(rows.filter((r) => r.user === 'carol')).toEqual([{ driver: 'iscsi', target: T, direction: 'incoming', user: 'carol', secret: 'carol-secret-2' }]);
    await run(rmChapUser({ ...list, user: 'carol' }));
    expect((await run(rmChapUser({ ...list, user: 'carol' }))).outcome).toBe('nothing-to-do');
    expect(file()).not.toContain('carol');
  });

  it('lists discovery and targets, secrets masked', async () => {
    const rows = await listChapUsers(host, { driver: 'iscsi' });
    expect(rows.map((r) => [r.target, r.direction, r.user, r.secret])).toEqual([
      [null, 'incoming', 'disc', '********'],
      [T, 'incoming', 'alice', '********'],
      [T, 'incoming', 'bob', '********'],
    ]);
    expect(await listChapUsers(host, { driver: 'iscsi', discovery: true })).toHaveLength(1);
  });

  it('keeps one outgoing user: another one only with --force, the old one deleted first', async () => {
    await run(addChapUser({ ...list, direction: 'outgoing', user: 'tgt1', secret: 'outgoing-secret' }));
    const error = await refused(() => addChapUser({ ...list, direction: 'outgoing', user: 'tgt2', secret: 'outgoing-secret2' }));
    expect(error).toMatchObject({ exitCode: 2, code: 'IN_USE' });
    expect(error.message).toMatch(/already has the outgoing user tgt1/);
    const forced = await run(addChapUser({ ...list, direction: 'outgoing', user: 'tgt2', secret: 'outgoing-secret2' }), { force: true });
    expect(forced.plan.ops.map((o) => o.kind)).toEqual(['del_dynamic', 'add_dynamic']);
    expect((await target()).attributes.OutgoingUser).toEqual(['tgt2 outgoing-secret2']);
  });

  it('discovery users live on the driver', async () => {
    await run(addChapUser({ driver: 'iscsi', direction: 'incoming', user: 'disc2', secret: 'discovery-pw-2' }));
    expect((await listChapUsers(host, { driver: 'iscsi', discovery: true })).map((r) => r.user)).toEqual(['disc', 'disc2']);
    expect(file()).toMatch(/TARGET_DRIVER iscsi \{[^]*IncomingUser "disc2 discovery-pw-2"/);
  });

  it('refuses bad secrets and names before reading anything, never quoting the secret', async () => {
    for (const [secret, message] of [['short', /at least 12/], ['x'.repeat(256), /at most 255/], ['has blank inside', /blank/], ['semi;colon-000', /";"/]] as const) {
      const error = await refused(() => addChapUser({ ...list, user: 'dave', secret }));
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(secret);
    }
    expect((await refused(() => addChapUser({ ...list, user: 'da;ve', secret: 'good-secret-01' }))).message).toMatch(/user name contains/);
    expect((await refused(() => addChapUser({ ...list, target: 'iqn.none', user: 'dave', secret: 'good-secret-01' }))).message).toBe('no such target');
    expect((await refused(() => addChapUser({ ...list, driver: 'scst_local', target: 'scst_local_tgt', user: 'dave', secret: 'good-secret-01' }))).exitCode).toBe(2);
  });
});

describe('ALUA', () => {
  beforeEach(async () => {
    await run(addDeviceGroup({ deviceGroup: 'dg1' }));
    await run(addGroupMember({ deviceGroup: 'dg1', member: 'vol1' }));
    await run(addTargetGroup({ deviceGroup: 'dg1', targetGroup: 'local', groupId: 1 }));
    await run(addGroupMember({ deviceGroup: 'dg1', targetGroup: 'local', member: T }));
    await run(addTargetGroup({ deviceGroup: 'dg1', targetGroup: 'remote', groupId: 2 }));
    await run(addGroupMember({ deviceGroup: 'dg1', targetGroup: 'remote', member: 'iqn.2031-04.test.lab:peer', relTgtId: 7 }));
  });

  const dg = async () => (await readLive(host, { scope: 'device_groups/dg1' })).deviceGroups.dg1!;

  it('builds a device group with local and remote ports, saved to the file', async () => {
    const group = await dg();
    expect(group.devices).toEqual(['vol1']);
    expect(group.targetGroups.local!.targets[T]).toBeDefined();
    expect(group.targetGroups.remote!.targets['iqn.2031-04.test.lab:peer']).toMatchObject({ remote: true, attributes: { rel_tgt_id: ['7'] } });
    expect(file()).toMatch(/DEVICE_GROUP dg1 \{\n\tDEVICE vol1\n/);
    expect(file()).toMatch(/TARGET iqn\.2031-04\.test\.lab:peer \{\n\t\t\trel_tgt_id 7\n/);
    const saved = parseConf(file(), 'scst.conf').config;
    expect((await planAgainstHost(host, saved)).ops).toEqual([]);
    expect((await run(addTargetGroup({ deviceGroup: 'dg1', targetGroup: 'local', groupId: 1 }))).outcome).toBe('nothing-to-do');
    const renumbered = await run(addTargetGroup({ deviceGroup: 'dg1', targetGroup: 'local', groupId: 3 }));
    expect(renumbered.plan.ops.map((o) => o.data)).toEqual(['3\n']);
  });

  it('setAluaState switches state and the preferred bit; the same again is nothing to do', async () => {
    const standby = await run(setAluaState({ deviceGroup: 'dg1', targetGroup: 'remote', state: 'standby' }));
    expect(standby.plan.ops.map((o) => [o.path, o.data])).toEqual([['device_groups/dg1/target_groups/remote/state', 'standby\n']]);
    expect((await run(setAluaState({ deviceGroup: 'dg1', targetGroup: 'remote', state: 'standby' }))).outcome).toBe('nothing-to-do');
    // An unset preferred is 0: asking for --no-preferred is nothing to do.
    expect((await run(setAluaState({ deviceGroup: 'dg1', targetGroup: 'local', state: 'active', preferred: false }))).outcome).toBe('nothing-to-do');
    await run(setAluaState({ deviceGroup: 'dg1', targetGroup: 'local', state: 'nonoptimized', preferred: true }));
    expect((await dg()).targetGroups.local!.attributes).toMatchObject({ state: ['nonoptimized'], preferred: ['1'] });
    expect(file()).toMatch(/TARGET_GROUP local \{\n\t\tgroup_id 1\n\t\tpreferred 1\n\t\tstate nonoptimized\n/);
  });

  it('refuses unknown groups, states and members, taken members and non-empty removals', async () => {
    await run(addDeviceGroup({ deviceGroup: 'dg2' }));
    const cases: Array<[() => Change, RegExp]> = [
      [() => setAluaState({ deviceGroup: 'dg1', targetGroup: 'remote', state: 'sleepy' }), /not an ALUA state/],
      [() => setAluaState({ deviceGroup: 'dg1', targetGroup: 'nosuch', state: 'active' }), /no such target group/],
      [() => setAluaState({ deviceGroup: 'dgx', targetGroup: 'local', state: 'active' }), /no such device group/],
      [() => addTargetGroup({ deviceGroup: 'dg1', targetGroup: 'tg3', groupId: 0 }), /out of range/],
      [() => addGroupMember({ deviceGroup: 'dg1', member: 'nodevice' }), /no such device/],
      [() => addGroupMember({ deviceGroup: 'dg2', member: 'vol1' }), /already in device group dg1/],
      [() => addGroupMember({ deviceGroup: 'dg1', targetGroup: 'remote', member: T }), /already in target group local/],
      [() => addGroupMember({ deviceGroup: 'dg1', targetGroup: 'remote', member: 'iqn.typo' }), /needs --rel-tgt-id/],
      [() => addGroupMember({ deviceGroup: 'dg2', targetGroup: 'nosuch', member: T }), /no such target group/],
      [() => rmDeviceGroup({ deviceGroup: 'dg1' }), /still holds 1 device and 2 target groups/],
      [() => rmTargetGroup({ deviceGroup: 'dg1', targetGroup: 'local' }), /still holds 1 target/],
    ];
    for (const [change, message] of cases) {
      const error = await refused(change);
      expect(error.exitCode, error.message).toBe(2);
      expect(error.message).toMatch(message);
    }
  });

  it('an empty device group is saved, and re-applying the file builds it again', async () => {
    await run(addDeviceGroup({ deviceGroup: 'dg9' }));
    expect(file()).toMatch(/^DEVICE_GROUP dg9$/m);
    const saved = parseConf(file(), 'scst.conf');
    expect(saved.diagnostics).toEqual([]);
    expect(saved.config.deviceGroups.dg9).toEqual({ name: 'dg9', attributes: {}, devices: [], targetGroups: {} });
    const fresh = exampleHost();
    await applyExample(fresh);
    await writeAll(fresh, (await planAgainstHost(fresh, saved.config)).ops);
    expect(Object.keys((await readLive(fresh, { scope: 'device_groups' })).deviceGroups).sort()).toEqual(['dg1', 'dg9']);
    expect((await planAgainstHost(fresh, saved.config)).ops).toEqual([]);
    // Removed again, its line goes.
    await run(rmDeviceGroup({ deviceGroup: 'dg9' }));
    expect(file()).not.toMatch(/dg9/);
  });

  it('rm-device --force of a member: a failure later in the run puts back the device, its LUNs and its membership', async () => {
    // A re-created device gets the copy manager's next automatic LUN: the rest must be as it was.
    const state = async () => {
      const live = await readLive(host);
      delete live.drivers.copy_manager;
      return live;
    };
    const before = await state();
    const text = file();
    const failing = async (change: Change, fault: Parameters<Emulator['armFault']>[0]) => {
      host.armFault(fault);
      const error = await run(change, { force: true }).then(() => undefined, (e: unknown) => e);
      host.clearFaults();
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).exitCode).toBe(1);
      expect(await state()).toEqual(before);
      expect(file()).toBe(text);
    };
    // The deletion itself refused, after the membership was given up.
    await failing(rmDevice({ name: 'vol1' }), { nth: 1, errno: 'ENOMEM', pathIncludes: 'handlers/' });
    // A later change of the same run refused, after the device was deleted.
    const later = batch('rm-device vol1, add-device vol9', [rmDevice({ name: 'vol1' }), addDevice({ name: 'vol9', handler: 'vdisk_nullio', attributes: { size_mb: '8' } })]);
    await failing(later, { nth: 1, errno: 'ENOMEM', pathIncludes: 'vdisk_nullio' });
    // Done for real, the membership goes with the device, on the host and in the file.
    await run(rmDevice({ name: 'vol1' }), { force: true });
    expect((await dg()).devices).toEqual([]);
    expect(file()).not.toMatch(/DEVICE vol1/);
  });

  it('removes members and groups; --force takes a non-empty device group with its contents', async () => {
    await run(rmGroupMember({ deviceGroup: 'dg1', targetGroup: 'remote', member: 'iqn.2031-04.test.lab:peer' }));
    expect((await run(rmGroupMember({ deviceGroup: 'dg1', targetGroup: 'remote', member: 'iqn.2031-04.test.lab:peer' }))).outcome).toBe('nothing-to-do');
    await run(rmTargetGroup({ deviceGroup: 'dg1', targetGroup: 'remote' }));
    await run(rmGroupMember({ deviceGroup: 'dg1', member: 'vol1' }));
    await run(rmDeviceGroup({ deviceGroup: 'dg1' }), { force: true });
    expect((await readLive(host, { scope: 'device_groups' })).deviceGroups).toEqual({});
    expect(file()).not.toMatch(/DEVICE_GROUP/);
    expect((await run(rmDeviceGroup({ deviceGroup: 'dg1' }))).outcome).toBe('nothing-to-do');
  });
});

describe('sessions', () => {
  it('lists who is logged in and closes a session through the executor', async () => {
    await loginHost();
    const rows = await listSessions(host, { driver: 'iscsi', target: T });
    expect(rows).toEqual([{ driver: 'iscsi', target: T, session: HOST, initiator: HOST, group: 'hosts', luns: [0], addresses: ['192.0.2.30'], commands: 0 }]);
    const text = file();
    const closed = await closeSession(host, { driver: 'iscsi', target: T, session: HOST }, options);
    expect(closed).toMatchObject({ outcome: 'done', applied: 1, saved: { status: 'skipped' } });
    // The emulated initiator logs in again at once, as a real one does: a new session, NAME_1.
    expect((await listSessions(host, { driver: 'iscsi' })).map((r) => r.session)).toEqual([`${HOST}_1`]);
    expect(file()).toBe(text);
    expect((await closeSession(host, { driver: 'iscsi', target: T, session: HOST }, options)).outcome).toBe('nothing-to-do');
    await expect(closeSession(host, { driver: 'iscsi', target: T, session: HOST }, { ...options, strict: true })).rejects.toMatchObject({ exitCode: 1 });
    await expect(closeSession(host, { driver: 'iscsi', target: T, session: '../luns' }, options)).rejects.toMatchObject({ exitCode: 2 });
    await expect(listSessions(host, { driver: 'iscsi', target: 'iqn.none' })).rejects.toMatchObject({ exitCode: 2, message: 'no such target' });
  });
});

describe('cost', () => {
  it('add-initiator makes the same sysfs calls whatever the number of initiators, groups and targets', async () => {
    const counts = async () => {
      const result = await run(addInitiator({ driver: 'iscsi', target: T, group: 'seed', initiator: `iqn.2031-01.test.client:probe${Math.random()}`.replace('0.', '') }), { saveTo: undefined });
      const { reads, lists, readlinks, writes } = result.sysfs;
      return { reads, lists, readlinks, writes };
    };
    const small = await counts();
    for (let i = 0; i < 200; i++) await host.write(`targets/iscsi/${T}/ini_groups/seed/initiators/mgmt`, `add iqn.2031-01.test.client:bulk${i}`);
    for (let i = 0; i < 20; i++) await host.write(`targets/iscsi/${T}/ini_groups/mgmt`, `create g${i}`);
    for (let i = 0; i < 20; i++) await host.write('targets/iscsi/mgmt', `add_target iqn.2031-04.test.lab:t${i}`);
    expect(await counts()).toEqual(small);
  });
});
