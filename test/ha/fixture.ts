/** A two-target-group ALUA host on the emulator, as node A of a pair sees it, for the agent's tests. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeSimulation, createSimulation } from '../../src/emulator/simulation.js';

export const HA_CONF = `HANDLER vdisk_fileio {
\tDEVICE d1 {
\t\tfilename /srv/ha/d1.img
\t}
\tDEVICE d2 {
\t\tfilename /srv/ha/d2.img
\t}
}

TARGET_DRIVER iscsi {
\tenabled 1

\tTARGET iqn.2031-04.test.ha:node-a {
\t\tLUN 0 d1
\t\tLUN 1 d2
\t\tenabled 1
\t\trel_tgt_id 1
\t}
}

DEVICE_GROUP dg1 {
\tDEVICE d1

\tTARGET_GROUP tg_a {
\t\tgroup_id 1
\t\tstate active
\t\tTARGET iqn.2031-04.test.ha:node-a
\t}

\tTARGET_GROUP tg_b {
\t\tgroup_id 2
\t\tstate active
\t\tTARGET iqn.2031-04.test.ha:node-b {
\t\t\trel_tgt_id 2
\t\t}
\t}
}

DEVICE_GROUP dg2 {
\tDEVICE d2

\tTARGET_GROUP tg_a {
\t\tgroup_id 3
\t\tTARGET iqn.2031-04.test.ha:node-a
\t}

\tTARGET_GROUP tg_b {
\t\tgroup_id 4
\t\tTARGET iqn.2031-04.test.ha:node-b {
\t\t\trel_tgt_id 2
\t\t}
\t}
}
`;

export interface HaHost {
  dir: string;
  state: string;
  config: string;
  /** The environment Pacemaker would give the agent on node A. */
  env: Record<string, string>;
}

/** A fresh emulated host with no SCST module loaded, its backing files, and the agent's parameters. */
export async function haHost(): Promise<HaHost> {
  const dir = await mkdtemp(join(tmpdir(), 'scst-ha-'));
  const state = join(dir, 'host.json');
  const config = join(dir, 'scst.conf');
  await createSimulation(state, { modules: [] }, true);
  await changeSimulation(state, (emulator) => {
    for (const file of ['/srv/ha/d1.img', '/srv/ha/d2.img']) emulator.addHostFile(file, { kind: 'file', size: 64 << 20 });
  });
  await writeFile(config, HA_CONF);
  const env = {
    OCF_RESKEY_config: config,
    OCF_RESKEY_device_groups: 'dg1 dg2',
    OCF_RESKEY_local_target_group: 'tg_a',
    OCF_RESKEY_remote_target_group: 'tg_b',
    OCF_RESKEY_simulate: state,
    OCF_RESKEY_lock_wait: '0',
    OCF_RESKEY_CRM_meta_on_node: 'node-a',
    SCST_DEFAULTS_FILE: join(dir, 'default-scst'),
  };
  return { dir, state, config, env };
}
