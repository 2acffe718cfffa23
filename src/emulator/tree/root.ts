/**
 * The SCST root directory (spec §1.1): global attributes, `suspend`, `last_sysfs_mgmt_res`,
 * and the five subtrees.
 */
import type { Kernel } from '../kernel.js';
import { kfail } from '../kernel-error.js';
import { Dir, constFile, keyed, rwFile, roFile } from '../nodes.js';
import { kstrtobool, kstrtol, kstrtoul } from '../numbers.js';
import { chompOne } from '../tokenizer.js';
import { aluaDir } from './alua.js';
import { devicesDir } from './devices.js';
import { handlersDir } from './handlers.js';
import { sgvDir } from './sgv.js';
import { targetsDir } from './targets.js';
import { traceLevelFile } from './trace-level.js';

const SCST_VERSION = '3.11.0-pre';
const CLUSTER_NAME_MAX = 64;

function versionText(k: Kernel): string {
  return `SCST version: ${SCST_VERSION}\nSCST build date: \nSCST build number: \nSCST git commit sha1: \n` +
    `SCST kver: ${k.state.host.kver}\nSCST arch type: \nSCST config: TRACING\n`;
}

/** A numeric root attribute: kstrtoul on write, `[key]` when it differs from its default. */
function numberAttr(get: () => number, set: (n: number) => void, defaultValue: number): ReturnType<typeof rwFile> {
  return rwFile(() => keyed(get(), get() !== defaultValue), (data) => set(kstrtoul(data)));
}

function suspendFile(k: Kernel): ReturnType<typeof rwFile> {
  const core = k.state.core;
  return rwFile(() => `${core.suspendCount}\n`, (data) => {
    let value: number;
    try {
      value = kstrtol(data);
    } catch (error) {
      k.log(`scst: ***ERROR***: kstrtoul() for ${data} failed: -22 `);
      throw error;
    }
    if (value >= 0) {
      k.log(`scst: SYSFS: suspending activities (timeout ${value})...`);
      core.suspendCount++;
      k.log('scst: sysfs suspending done');
    } else {
      k.log('scst: SYSFS: resuming activities');
      if (core.suspendCount === 0) k.log('scst: ***WARNING***: Resume without suspend');
      else core.suspendCount--;
    }
  });
}

function lastMgmtResFile(k: Kernel): ReturnType<typeof roFile> {
  const core = k.state.core;
  return roFile(() => {
    // A work still in flight (debug EAGAIN mode) makes the result unknown for now; the poll
    // that sees EAGAIN lets it finish, as time passing would on a real host.
    if (core.pendingWorks > 0) {
      core.pendingWorks--;
      return kfail('EAGAIN');
    }
    return `${core.lastMgmtRes}\n`;
  });
}

/** The root's entries never change (only what they show), so it is built once per kernel. */
const roots = new WeakMap<Kernel, Dir>();

export function rootDir(k: Kernel): Dir {
  let root = roots.get(k);
  if (!root) roots.set(k, (root = buildRootDir(k)));
  return root;
}

function buildRootDir(k: Kernel): Dir {
  const core = k.state.core;
  return new Dir().addAll({
    async_lun_replace: rwFile(() => `${core.asyncLunReplace ? 1 : 0}\n`, (data) => {
      core.asyncLunReplace = kstrtobool(data);
    }),
    cluster_name: rwFile(() => (core.clusterName === '' ? '' : keyed(core.clusterName, true)), (data) => {
      const name = chompOne(data);
      if (name.length >= CLUSTER_NAME_MAX) kfail('EINVAL');
      core.clusterName = name;
    }),
    device_groups: () => aluaDir(k),
    devices: () => devicesDir(k),
    force_global_sgv_pool: numberAttr(() => core.forceGlobalSgvPool, (n) => { core.forceGlobalSgvPool = n; }, 0),
    handlers: () => handlersDir(k),
    last_sysfs_mgmt_res: lastMgmtResFile(k),
    max_tasklet_cmd: numberAttr(() => core.maxTaskletCmd, (n) => { core.maxTaskletCmd = n; }, 10),
    measure_latency: rwFile(() => `${core.measureLatency ? 1 : 0}\n`, (data) => {
      core.measureLatency = kstrtol(data) !== 0;
    }),
    poll_us: numberAttr(() => core.pollUs, (n) => { core.pollUs = n; }, 0),
    setup_id: rwFile(() => keyed(`0x${core.setupId.toString(16)}`, core.setupId !== 0), (data) => {
      core.setupId = kstrtoul(data);
    }),
    sgv: () => sgvDir(k),
    suspend: suspendFile(k),
    targets: () => targetsDir(k),
    threads: rwFile(() => keyed(core.threads, core.threads !== k.state.host.cpus), (data) => {
      k.work(() => {
        const threads = kstrtol(data);
        if (threads <= 0) kfail('EINVAL');
        core.threads = threads;
      });
    }),
    trace_cmds: roFile(() => k.work(() => '', { readOnly: true })),
    trace_level: traceLevelFile(k, '', []),
    trace_mcmds: roFile(() => k.work(() => '', { readOnly: true })),
    version: () => constFile(versionText(k)),
  });
}
