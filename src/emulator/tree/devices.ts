/**
 * `devices/D/` (spec §1.3, §2.5): the core files every device has, the `exported/` back links,
 * the handler link, and the handler's own files (HandlerModel.deviceFiles).
 */
import type { Kernel } from '../kernel.js';
import type { HandlerModel } from '../models.js';
import { kfail, noteFailure } from '../kernel-error.js';
import { Dir, constFile, keyed, lazyEntries, link, numberedChildren, prefixMatch, rwFile, woFile } from '../nodes.js';
import { isKernelSpace, kstrtolExact, toCInt } from '../numbers.js';
import { scsiTypeText } from '../scsi-types.js';
import type { DeviceState, LunRef } from '../state.js';
import { chompOne } from '../tokenizer.js';
import { lunPath } from './targets.js';

const POOL_TYPES = ['per_initiator', 'shared'] as const;

/** `threads_pool_type` takes a prefix of a pool type name, as SCST's store compares. */
function parsePoolType(k: Kernel, data: string): DeviceState['threadsPoolType'] {
  const type = POOL_TYPES.find((t) => prefixMatch(t, data));
  if (type) return type;
  k.log(`scst: ***ERROR***: Unknown threads pool type ${data}`);
  k.log(`scst: ***ERROR***: Illegal threads pool type ${data}`);
  return kfail('EINVAL');
}

/**
 * The core's `kstrtol` stores (threads_num, max_tgt_dev_commands, numa_node_id): a parse error
 * is logged with the text as written, and the long is checked and then kept in an int field
 * (so 4294967297 is checked as itself and stored as 1).
 */
function parseLong(k: Kernel, data: string): bigint {
  return noteFailure(() => kstrtolExact(data), (code) => k.log(`scst: ***ERROR***: kstrtol() for ${data} failed: ${code} `));
}

/**
 * `block` (scst_dev_block_store): `0` (then only blanks) unblocks; `1` alone blocks and waits;
 * `1` then `1` (blanks between allowed, none needed) blocks asynchronously with optional data.
 * The first character decides; anything else is EINVAL.
 */
function blockRequest(k: Kernel, data: string): 'unblock' | 'block' {
  let i = 1;
  const skipBlanks = (): void => {
    while (i < data.length && isKernelSpace(data[i])) i++;
  };
  switch (data[0]) {
    case '0':
      skipBlanks();
      if (i < data.length) {
        k.log(`scst: ***ERROR***: Parse error on ${data[i]}`);
        kfail('EINVAL');
      }
      return 'unblock';
    case '1':
      skipBlanks();
      if (i < data.length && data[i] !== '1') {
        k.log(`scst: ***ERROR***: Parse error on ${data[i]}`);
        kfail('EINVAL');
      }
      return 'block';
    default:
      k.log(`scst: ***ERROR***: Illegal blocking value ${data[0] ?? ''}`);
      return kfail('EINVAL');
  }
}

function exportedDir(device: DeviceState): Dir {
  return new Dir().addDynamic(numberedChildren('export', device.exports, (ref: LunRef) => link(`../../../${lunPath(ref)}`)));
}

/** A device is "in use" by sessions when any LUN of it is visible to a session (CM included). */
function deviceHasSessions(k: Kernel, device: DeviceState): boolean {
  for (const ref of Object.values(device.exports)) {
    const target = k.target(ref.driver, ref.target);
    if (!target) continue;
    for (const session of Object.values(target.sessions)) {
      const group = k.groupForInitiator(target, session.initiator);
      if ((group?.name ?? null) === ref.group) return true;
    }
  }
  return false;
}

/** The files SCST's core gives every device (§1.3, §2.5), made when looked up. */
function addCoreDeviceFiles(dir: Dir, k: Kernel, device: DeviceState, handler: HandlerModel | undefined): Dir {
  dir.addAll({
    type: () => constFile(`${scsiTypeText(device.scsiType)}\n`),
    max_tgt_dev_commands: () => rwFile(() => keyed(device.maxTgtDevCommands, device.maxTgtDevCommands !== 64), (data) => {
      const value = parseLong(k, data);
      if (value < 0n) {
        k.log(`scst: ***ERROR***: Illegal max tgt dev value ${value}`);
        kfail('EINVAL');
      }
      if (BigInt(device.maxTgtDevCommands) === value) return;
      k.log(`scst: Setting new queue depth ${value} for device ${device.name} (old ${device.maxTgtDevCommands})`);
      device.maxTgtDevCommands = toCInt(value);
    }),
    numa_node_id: () => rwFile(() => keyed(device.numaNodeId, device.numaNodeId !== -1), (data) => {
      const value = parseLong(k, data);
      if (value < -1n) {
        k.log(`scst: ***ERROR***: Illegal numa_node_id value ${value}`);
        kfail('EINVAL');
      }
      if (BigInt(device.numaNodeId) === value) return;
      k.log(`scst: Setting new NUMA node id ${value} for device ${device.name} (old ${device.numaNodeId})`);
      device.numaNodeId = toCInt(value);
    }),
    block: () => rwFile(() => `${device.blocked ?? 0} 0\n`, (data) => {
      if (blockRequest(k, data) === 'unblock') device.blocked = Math.max(0, (device.blocked ?? 0) - 1);
      else device.blocked = (device.blocked ?? 0) + 1;
    }),
    pr_state: () => rwFile(() => 'version 1\ngeneration 0\n', () => {
      k.work(() => {
        if (deviceHasSessions(k, device)) kfail('EBUSY');
      });
    }),
    pr_file_name: () => rwFile(() => keyed(device.prFileName, device.prFileNameSet), (data) => {
      k.work(() => {
        if (device.attrs.cluster_mode === 1) kfail('EPERM');
        if (deviceHasSessions(k, device)) kfail('EBUSY');
        const path = chompOne(data).trim();
        device.prFileName = path === '' ? `/var/lib/scst/pr/${device.name}` : path;
        device.prFileNameSet = path !== '';
      });
    }),
    dump_prs: () => woFile(() => {}),
    exported: () => exportedDir(device),
  });
  if (!handler) return dir;
  dir.add('handler', link(`../../handlers/${handler.name}`));
  if (handler.defaultThreads < 0) return dir;
  return dir.addAll({
    threads_num: () => rwFile(() => keyed(device.threadsNum, device.threadsNum !== handler.defaultThreads), (data) => {
      const parsed = parseLong(k, data);
      if (parsed < 0n) {
        k.log(`scst: ***ERROR***: Illegal threads num value ${parsed}`);
        kfail('EINVAL');
      }
      // Checked as a long, then handed on as an int.
      const value = toCInt(parsed);
      if (device.threadsNum < 0) {
        k.log(`scst: ***ERROR***: Threads pool disabled for device ${device.name}`);
        kfail('EPERM');
      }
      if (value !== device.threadsNum) {
        k.work(() => { device.threadsNum = value; });
        k.log(`scst: Changed cmd threads num to ${value}`);
      }
    }),
    threads_pool_type: () => rwFile(() => {
      if (device.threadsNum === 0) return 'Async\n';
      return keyed(device.threadsPoolType, device.threadsPoolType !== 'per_initiator');
    }, (data) => {
      const value = parsePoolType(k, data);
      if (value === device.threadsPoolType) return;
      k.work(() => { device.threadsPoolType = value; });
      k.log(`scst: Changed cmd threads pool type to ${POOL_TYPES.indexOf(value)}`);
    }),
  });
}

/**
 * Device directories are kept per device object: their entries change only when the device is
 * bound to another handler. The handler's own files are asked for when one of them is looked up.
 */
const deviceDirs = new WeakMap<DeviceState, { handler: string | null; dir: Dir }>();

function deviceDir(k: Kernel, device: DeviceState): Dir {
  const cached = deviceDirs.get(device);
  if (cached?.handler === device.handler) return cached.dir;
  const handler = device.handler === null ? undefined : k.handlerModel(device.handler);
  const dir = addCoreDeviceFiles(new Dir(), k, device, handler);
  if (handler) dir.addDynamic(lazyEntries(() => handler.deviceFiles(k, device)));
  deviceDirs.set(device, { handler: device.handler, dir });
  return dir;
}

export function devicesDir(k: Kernel): Dir {
  return new Dir().addDynamic({
    allDirs: true,
    names: () => Object.keys(k.state.devices),
    child: (name) => {
      const device = k.device(name);
      return device ? deviceDir(k, device) : undefined;
    },
  });
}
