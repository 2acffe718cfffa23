/**
 * `qla2x00t` (module qla2x00tgt): a Fibre Channel hardware target driver. Its targets are the
 * HBA ports, present from module load and named by WWN; there is no driver `mgmt`, so
 * `add_target`/`del_target` are impossible and SysfsRules classify the targets as hardware
 * (`hw_target` present, no `mgmt`). They start disabled, as after a real module load.
 */
import type { Kernel } from '../kernel.js';
import type { ModuleModel, TargetDriverModel } from '../models.js';
import { registerModule } from '../module-registry.js';
import { constFile } from '../nodes.js';

export const QLA2X00T = 'qla2x00t';


export const qla2x00tDriverModel: TargetDriverModel = {
  name: QLA2X00T,
  traceTokens: [],
  hasEnabled: true,
  canCloseSession: false,
  dif: false,
  targetFiles: () => ({ hw_target: constFile('1\n') }),
};

export const qla2x00tModule: ModuleModel = {
  name: 'qla2x00tgt',
  requires: ['scst'],
  handlers: [],
  drivers: [qla2x00tDriverModel],
  onLoad: (k: Kernel) => {
    for (const wwn of k.state.host.hardwareTargets) {
      if (!k.target(QLA2X00T, wwn)) k.createTarget(QLA2X00T, wwn, { hardware: true });
    }
  },
};

registerModule(qla2x00tModule);
