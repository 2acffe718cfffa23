/**
 * The OCF agent's actions and return codes against the emulated host: the promotable clone's
 * life cycle, the ALUA states each role leaves, notifications of the peer's role, and the codes
 * Pacemaker acts on when something is wrong.
 */
import { rm, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeSimulation, openSimulation } from '../../src/emulator/simulation.js';
import { runAgent } from '../../src/ha/agent.js';
import { OCF } from '../../src/ha/codes.js';
import { metaData } from '../../src/ha/metadata.js';
import { PARAMETERS } from '../../src/ha/parameters.js';
import { haHost, type HaHost } from './fixture.js';

let host: HaHost;
let logged: string[];
let printed: string;

beforeEach(async () => {
  host = await haHost();
  logged = [];
  printed = '';
});
afterEach(async () => {
  await rm(host.dir, { recursive: true, force: true });
});

function agent(action: string, extra: Record<string, string> = {}) {
  return runAgent(action, {
    env: { ...host.env, ...extra },
    version: '9.9.9',
    out: (text) => { printed += text; },
    log: (line) => { logged.push(line); },
  });
}

/** The state of each (device group, target group) on the emulated host. */
async function aluaStates(): Promise<Record<string, string>> {
  const { emulator } = await openSimulation(host.state);
  const states: Record<string, string> = {};
  for (const dg of ['dg1', 'dg2']) {
    for (const tg of ['tg_a', 'tg_b']) {
      const path = `device_groups/${dg}/target_groups/${tg}/state`;
      if (await emulator.exists(path)) states[`${dg}/${tg}`] = (await emulator.read(path)).split('\n')[0]!;
    }
  }
  return states;
}

const all = (tgA: string, tgB: string) => ({ 'dg1/tg_a': tgA, 'dg1/tg_b': tgB, 'dg2/tg_a': tgA, 'dg2/tg_b': tgB });

describe('life cycle of the promotable clone', () => {
  it('start, promote, demote and stop give the OCF codes and the ALUA states of each role', async () => {
    expect(await agent('monitor')).toBe(OCF.NOT_RUNNING);
    expect(await agent('start')).toBe(OCF.SUCCESS);
    expect(await agent('monitor')).toBe(OCF.SUCCESS);
    // The file says active: a starting node never claims so, whatever the file says.
    expect(await aluaStates()).toEqual(all('standby', 'standby'));

    expect(await agent('promote')).toBe(OCF.SUCCESS);
    expect(await agent('monitor')).toBe(OCF.RUNNING_PROMOTED);
    expect(await aluaStates()).toEqual(all('active', 'standby'));
    // Promotion passes through transitioning in every device group before any goes active.
    expect(logged.filter((l) => l.includes('tg_a'))).toEqual([
      'scst: dg1/tg_a: transitioning', 'scst: dg2/tg_a: transitioning', 'scst: dg1/tg_a: active', 'scst: dg2/tg_a: active',
    ]);

    logged = [];
    expect(await agent('demote')).toBe(OCF.SUCCESS);
    expect(await agent('monitor')).toBe(OCF.SUCCESS);
    expect(await aluaStates()).toEqual(all('standby', 'standby'));
    expect(logged.filter((l) => l.includes('dg1/tg_a'))).toEqual(['scst: dg1/tg_a: transitioning', 'scst: dg1/tg_a: standby']);

    expect(await agent('stop')).toBe(OCF.SUCCESS);
    expect(await agent('monitor')).toBe(OCF.NOT_RUNNING);
    expect(await aluaStates()).toEqual({});
  });

  it('start and stop are idempotent, and promote of a promoted node succeeds', async () => {
    expect(await agent('stop')).toBe(OCF.SUCCESS);
    expect(await agent('start')).toBe(OCF.SUCCESS);
    expect(await agent('start')).toBe(OCF.SUCCESS);
    expect(await agent('promote')).toBe(OCF.SUCCESS);
    expect(await agent('promote')).toBe(OCF.SUCCESS);
    expect(await agent('monitor')).toBe(OCF.RUNNING_PROMOTED);
    expect(await agent('demote')).toBe(OCF.SUCCESS);
    expect(await agent('stop')).toBe(OCF.SUCCESS);
    expect(await agent('stop')).toBe(OCF.SUCCESS);
  });

  it('the unpromoted state can be offline', async () => {
    const offline = { OCF_RESKEY_unpromoted_state: 'offline' };
    expect(await agent('start', offline)).toBe(OCF.SUCCESS);
    expect(await aluaStates()).toEqual(all('offline', 'offline'));
    expect(await agent('promote', offline)).toBe(OCF.SUCCESS);
    expect(await aluaStates()).toEqual(all('active', 'offline'));
    expect(await agent('demote', offline)).toBe(OCF.SUCCESS);
    expect(await aluaStates()).toEqual(all('offline', 'offline'));
  });

  it('stop with unload_modules takes the modules away; without it they stay', async () => {
    await agent('start');
    expect(await agent('stop')).toBe(OCF.SUCCESS);
    expect((await openSimulation(host.state)).emulator.loadedModules()).toContain('scst');
    await agent('start');
    expect(await agent('stop', { OCF_RESKEY_unload_modules: 'true' })).toBe(OCF.SUCCESS);
    expect((await openSimulation(host.state)).emulator.loadedModules()).not.toContain('scst');
    expect(await agent('monitor')).toBe(OCF.NOT_RUNNING);
  });

  it('promote of a stopped node fails', async () => {
    expect(await agent('promote')).toBe(OCF.ERR_GENERIC);
    expect(logged.join('\n')).toMatch(/not running/);
  });
});

describe('notifications: the remote target group follows the peer', () => {
  const notify = (type: string, operation: string, extra: Record<string, string> = {}) =>
    agent('notify', { OCF_RESKEY_CRM_meta_notify_type: type, OCF_RESKEY_CRM_meta_notify_operation: operation, ...extra });

  it('peer promoted: active; peer about to change: transitioning; peer demoted: the unpromoted state', async () => {
    await agent('start');
    expect(await notify('pre', 'promote', { OCF_RESKEY_CRM_meta_notify_promote_uname: 'node-b' })).toBe(OCF.SUCCESS);
    expect(await aluaStates()).toEqual(all('standby', 'transitioning'));
    expect(await notify('post', 'promote', { OCF_RESKEY_CRM_meta_notify_promote_uname: 'node-b', OCF_RESKEY_CRM_meta_notify_promoted_uname: 'node-b' })).toBe(OCF.SUCCESS);
    expect(await aluaStates()).toEqual(all('standby', 'active'));
    expect(await notify('post', 'demote', { OCF_RESKEY_CRM_meta_notify_demote_uname: 'node-b', OCF_RESKEY_CRM_meta_notify_master_uname: 'node-b' })).toBe(OCF.SUCCESS);
    expect(await aluaStates()).toEqual(all('standby', 'standby'));
  });

  it('its own promotion is not the peer\'s, and a promoted node never reports the peer active', async () => {
    await agent('start');
    await notify('post', 'promote', { OCF_RESKEY_CRM_meta_notify_promote_uname: 'node-a' });
    expect(await aluaStates()).toEqual(all('standby', 'standby'));
    await agent('promote');
    await notify('post', 'start', { OCF_RESKEY_CRM_meta_notify_promoted_uname: 'node-a node-b' });
    expect(await aluaStates()).toEqual(all('active', 'standby'));
  });

  it('a notification on a stopped node changes nothing and succeeds', async () => {
    expect(await notify('post', 'promote', { OCF_RESKEY_CRM_meta_notify_promote_uname: 'node-b' })).toBe(OCF.SUCCESS);
    expect(await agent('monitor')).toBe(OCF.NOT_RUNNING);
  });
});

describe('failures give the codes Pacemaker recovers from', () => {
  it('a dead iscsi-scstd is a failure, not "running"', async () => {
    await agent('start');
    await changeSimulation(host.state, (emulator) => emulator.setIscsiDaemon('absent'));
    expect(await agent('monitor')).toBe(OCF.ERR_GENERIC);
    expect(logged.join('\n')).toMatch(/iscsi-scstd is not connected/);
  });

  it('a module the file needs that is gone is a failure', async () => {
    await agent('start');
    await changeSimulation(host.state, (emulator) => {
      emulator.setIscsiDaemon('absent');
      emulator.unloadModule('iscsi_scst');
    });
    expect(await agent('monitor')).toBe(OCF.ERR_GENERIC);
    expect(logged.join('\n')).toMatch(/iscsi_scst/);
  });

  it('a refused write fails the promote, is rolled back, and monitor tells the truth', async () => {
    await agent('start');
    await changeSimulation(host.state, (emulator) => emulator.armFault({ nth: 1, errno: 'EIO', pathIncludes: 'tg_a' }));
    expect(await agent('promote')).toBe(OCF.ERR_GENERIC);
    expect(await agent('monitor')).toBe(OCF.SUCCESS);
    expect((await aluaStates())['dg1/tg_a']).toBe('standby');
  });

  it('a promote interrupted between transitioning and active is reported as failed', async () => {
    await agent('start');
    // What a promote killed by the cluster's timeout leaves behind.
    await changeSimulation(host.state, (emulator) => emulator.write('device_groups/dg1/target_groups/tg_a/state', 'transitioning'));
    expect(await agent('monitor')).toBe(OCF.ERR_GENERIC);
    expect(logged.join('\n')).toMatch(/interrupted promote or demote/);
  });

  it('a device group missing from the kernel while SCST runs is a failure', async () => {
    await agent('start');
    await changeSimulation(host.state, async (emulator) => {
      await emulator.write('device_groups/dg2/target_groups/mgmt', 'del tg_a');
    });
    expect(await agent('monitor')).toBe(OCF.ERR_GENERIC);
  });
});

describe('validate-all and meta-data', () => {
  it('accepts good parameters and refuses bad ones with the OCF code for each', async () => {
    expect(await agent('validate-all')).toBe(OCF.SUCCESS);
    expect(await agent('validate-all', { OCF_RESKEY_device_groups: '' })).toBe(OCF.ERR_CONFIGURED);
    expect(await agent('validate-all', { OCF_RESKEY_unpromoted_state: 'active' })).toBe(OCF.ERR_CONFIGURED);
    expect(await agent('validate-all', { OCF_RESKEY_unload_modules: 'maybe' })).toBe(OCF.ERR_CONFIGURED);
    expect(await agent('validate-all', { OCF_RESKEY_lock_wait: '99999999999' })).toBe(OCF.ERR_CONFIGURED);
    expect(await agent('validate-all', { OCF_RESKEY_remote_target_group: 'tg_a' })).toBe(OCF.ERR_CONFIGURED);
    expect(await agent('validate-all', { OCF_RESKEY_device_groups: 'dg1 dg9' })).toBe(OCF.ERR_CONFIGURED);
    expect(logged.at(-1)).toMatch(/defines no device group dg9/);
    expect(await agent('validate-all', { OCF_RESKEY_local_target_group: 'tg_x' })).toBe(OCF.ERR_CONFIGURED);
    expect(await agent('validate-all', { OCF_RESKEY_config: `${host.config}.missing` })).toBe(OCF.ERR_INSTALLED);
    await writeFile(host.config, 'HANDLER vdisk_fileio {\n');
    expect(await agent('validate-all')).toBe(OCF.ERR_CONFIGURED);
    expect(logged.at(-1)).toMatch(/scst\.conf:\d+/);
  });

  it('an unknown action is unimplemented; actions other than meta-data check the parameters first', async () => {
    expect(await agent('reload')).toBe(OCF.ERR_UNIMPLEMENTED);
    expect(await agent('start', { OCF_RESKEY_device_groups: '' })).toBe(OCF.ERR_CONFIGURED);
    expect(await agent('monitor')).toBe(OCF.NOT_RUNNING);
  });

  it('meta-data declares every parameter with its type and default, and the promotable actions', async () => {
    expect(await agent('meta-data', { OCF_RESKEY_device_groups: '' })).toBe(OCF.SUCCESS);
    expect(printed).toBe(metaData('9.9.9'));
    expect(printed).toMatch(/<version>1\.1<\/version>/);
    for (const spec of PARAMETERS) {
      const block = new RegExp(`<parameter name="${spec.name}" unique="0" required="${spec.default === undefined ? 1 : 0}">[\\s\\S]*?</parameter>`).exec(printed)?.[0];
      expect(block, spec.name).toBeDefined();
      expect(block).toContain(`<shortdesc lang="en">`);
      expect(block).toMatch(/<content type="(string|boolean|integer)"/);
      if (spec.default !== undefined) expect(block).toContain(`default="${spec.default}"`);
    }
    expect(printed).toContain('One of: standby, offline.');
    for (const action of ['start', 'stop', 'promote', 'demote', 'notify', 'validate-all', 'meta-data']) expect(printed).toContain(`<action name="${action}"`);
    expect(printed).toMatch(/<action name="monitor"[^>]*role="Promoted"/);
    expect(printed).toMatch(/<action name="monitor"[^>]*role="Unpromoted"/);
  });
});
