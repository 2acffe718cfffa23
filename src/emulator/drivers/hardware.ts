/**
 * Hardware target drivers: their targets are the ports of adapters in the host, present from
 * module load; the driver has no `mgmt`, so there is no `add_target`/`del_target`, and
 * SysfsRules classify such targets as hardware. They start disabled, as after a real load.
 */
import type { Kernel } from '../kernel.js';
import type { ModuleModel, TargetDriverModel } from '../models.js';
import { registerModule } from '../module-registry.js';
import { constFile } from '../nodes.js';

interface HardwareDriverSpec {
  module: string;
  driver: string;
  /** The adapter ports of the emulated host, as target names. */
  ports(k: Kernel): string[];
  /** The driver marks its targets with a `hw_target` file. */
  hwTargetFile: boolean;
  /** The driver declares trace flags, so its directory has `trace_level` (spec §1.4). */
  traceLevel: boolean;
}

function hardwareDriverModel(spec: HardwareDriverSpec): TargetDriverModel {
  return {
    name: spec.driver,
    traceTokens: spec.traceLevel ? [] : null,
    hasEnabled: true,
    canCloseSession: false,
    dif: false,
    targetFiles: () => (spec.hwTargetFile ? { hw_target: constFile('1\n') } : {}),
  };
}

/** Register the module: at load one hardware target per port. */
export function registerHardwareDriver(spec: HardwareDriverSpec): ModuleModel {
  const module: ModuleModel = {
    name: spec.module,
    requires: ['scst'],
    handlers: [],
    drivers: [hardwareDriverModel(spec)],
    onLoad: (k) => {
      for (const port of spec.ports(k)) {
        if (!k.target(spec.driver, port)) k.createTarget(spec.driver, port, { hardware: true });
      }
    },
  };
  registerModule(module);
  return module;
}

/**
 * InfiniBand SRP target: one target per HCA port, named by its GID (two ports emulated). Its
 * template declares no trace flags, so no `trace_level`.
 */
registerHardwareDriver({
  module: 'ib_srpt',
  driver: 'ib_srpt',
  ports: () => ['fe80:0000:0000:0000:0002:c903:00a1:b201', 'fe80:0000:0000:0000:0002:c903:00a1:b202'],
  hwTargetFile: false,
  traceLevel: false,
});

/**
 * FCoE target: targets appear with FCoE local ports, which the emulated host has none of, so
 * `targets/fcst` is an empty directory (no mgmt, no trace flags, no targets).
 */
registerHardwareDriver({ module: 'fcst', driver: 'fcst', ports: () => [], hwTargetFile: false, traceLevel: false });
