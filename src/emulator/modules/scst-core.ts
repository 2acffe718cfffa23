/**
 * The `scst` module itself: the copy manager target driver (spec §1.10) with its permanent
 * target and session, and the automatic copy-manager LUN every vdisk device gets.
 */
import type { Kernel } from '../kernel.js';
import { SCST_MAX_LUN } from '../kernel.js';
import type { TargetDriverModel } from '../models.js';
import { registerModule } from '../module-registry.js';
import { registerLocalScsiDevices } from '../handlers/passthrough.js';
import { freshCoreState } from '../initial-state.js';
import { constFile, keyed, rwFile } from '../nodes.js';
import { kstrtoul } from '../numbers.js';
import { DIF_CAPABILITIES } from '../tree/target-attributes.js';

export const COPY_MANAGER = 'copy_manager';
const COPY_MANAGER_TARGET = 'copy_manager_tgt';
const COPY_MANAGER_SESSION = 'copy_manager_sess';

const copyManagerDriver: TargetDriverModel = {
  name: COPY_MANAGER,
  traceTokens: null,
  hasEnabled: false,
  canCloseSession: false,
  dif: true,
  driverFiles: (k) => {
    const data = k.state.drivers[COPY_MANAGER]!.driverData;
    const allow = (): number => Number(data.allowNotConnectedCopy ?? 0);
    return {
      allow_not_connected_copy: rwFile(() => keyed(allow(), allow() !== 0), (text) => {
        data.allowNotConnectedCopy = kstrtoul(text) === 0 ? 0 : 1;
      }),
      dif_capabilities: constFile(DIF_CAPABILITIES),
    };
  },
};

/**
 * Map a new device into copy_manager_tgt at the next LUN of the global counter (never rewound;
 * numbers in use are skipped; it wraps below SCST_MAX_LUN).
 */
export function assignCopyManagerLun(k: Kernel, device: string): void {
  const target = k.target(COPY_MANAGER, COPY_MANAGER_TARGET);
  if (!target) return;
  let lun = k.state.counters.cmLun;
  for (let tries = 0; tries <= SCST_MAX_LUN && target.luns[String(lun)]; tries++) lun = (lun + 1) % SCST_MAX_LUN;
  if (target.luns[String(lun)]) return;
  k.state.counters.cmLun = (lun + 1) % SCST_MAX_LUN;
  k.addLun({ driver: COPY_MANAGER, target: COPY_MANAGER_TARGET, group: null, lun }, device, false);
  k.log(`scst: Added device ${device} to group ${COPY_MANAGER_TARGET} (LUN ${lun}, flags 0x4) to target ${COPY_MANAGER_TARGET}`);
}

registerModule({
  name: 'scst',
  requires: [],
  handlers: [],
  drivers: [copyManagerDriver],
  onLoad: (k) => {
    const target = k.createTarget(COPY_MANAGER, COPY_MANAGER_TARGET);
    k.createSession(target, COPY_MANAGER_SESSION);
    registerLocalScsiDevices(k);
  },
  onUnload: (k) => {
    // The module's settings and ALUA configuration live in its memory: a reload starts afresh.
    // (In place: the generated root directory holds on to the core state object.)
    // The debug-EAGAIN switch stands for a build option, so it stays.
    const debugSysfsEagain = k.state.core.debugSysfsEagain;
    Object.assign(k.state.core, freshCoreState(k.state.host.cpus), { debugSysfsEagain });
    k.state.deviceGroups.splice(0);
    for (const device of Object.values(k.state.devices)) device.deviceGroup = null;
    k.state.counters.cmLun = 0;
    k.state.counters.relTgtId = 1;
  },
});
