/**
 * The core part of a session directory (spec §1.7): counters, latency/, the `luns` link to the
 * LUN set the session is assigned to (evaluated now), one `lunN` per visible LUN, and
 * `force_close` for drivers that can close sessions. Drivers add their files via sessionFiles.
 */
import type { Kernel } from '../kernel.js';
import type { TargetDriverModel } from '../models.js';
import { COPY_MANAGER } from '../modules/scst-core.js';
import { Dir, constFile, counterFile, link, numberedChildren, roFile, sysfsName, woFile } from '../nodes.js';
import type { SessionState, TargetState } from '../state.js';
import { DIF_CHECKS_FAILED, TARGET_COUNTERS } from './target-attributes.js';

const LATENCY_SIZES = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288];
const LATENCY_EMPTY = 'state count min max avg stddev\n';
/** First pid handed to emulated per-LUN threads (real values vary per boot). */
const THREAD_PID_BASE = 200;

function latencyDir(): Dir {
  const dir = new Dir();
  for (const prefix of ['n', 'r', 'w', 'b']) {
    for (const size of LATENCY_SIZES) dir.add(`${prefix}${size}`, counterFile(LATENCY_EMPTY));
  }
  return dir;
}

/**
 * Per-LUN thread facts. With per-initiator pools each session attaching to a device gets the
 * next pool index; the copy manager's session attaches first (at device creation), so it holds
 * index 0 and initiator sessions come after it.
 */
function lunThreadsDir(k: Kernel, deviceName: string, lun: number, poolIndex: number): Dir {
  const threads = Math.max(0, k.device(deviceName)?.threadsNum ?? 0);
  const first = THREAD_PID_BASE + lun * threads;
  const pids = Array.from({ length: threads }, (_, i) => first + threads - 1 - i);
  return new Dir().addAll({
    active_commands: constFile('0\n'),
    thread_index: constFile(threads > 0 ? `${poolIndex}\n` : '-1\n'),
    thread_pid: constFile(`${pids.join(' ')}\n`),
  });
}

export function closeSession(k: Kernel, driver: TargetDriverModel, target: TargetState, session: SessionState): void {
  if (driver.closeSession) driver.closeSession(k, target, session);
  else k.removeSession(target, session.name);
}

export function sessionDir(k: Kernel, driver: TargetDriverModel, target: TargetState, session: SessionState): Dir {
  const group = k.groupForInitiator(target, session.initiator);
  const luns = k.sessionLuns(target, session);
  const dir = new Dir();
  for (const name of TARGET_COUNTERS) dir.add(name, counterFile());
  dir.addAll({
    initiator_name: constFile(`${session.initiator}\n`),
    commands: constFile('0\n'),
    // Both are computed by read-only sysfs works in SCST (EAGAIN in debug EAGAIN mode).
    active_commands: roFile(() => k.work(() => '0\n', { readOnly: true })),
    force_close: driver.canCloseSession ? woFile(() => closeSession(k, driver, target, session)) : undefined,
    dif_checks_failed: driver.dif ? { ...counterFile(), show: () => k.work(() => DIF_CHECKS_FAILED, { readOnly: true }) } : undefined,
    luns: link(group ? `../../ini_groups/${sysfsName(group.name)}/luns` : '../../luns'),
    latency: latencyDir,
  });
  const poolIndex = driver.name === COPY_MANAGER ? 0 : 1;
  dir.addDynamic(numberedChildren('lun', luns, (lun, n) => lunThreadsDir(k, lun.device, n, poolIndex)));
  return dir.addAll(driver.sessionFiles?.(k, target, session) ?? {});
}
