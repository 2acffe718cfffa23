/**
 * `qla2x00t` (module qla2x00tgt): a QLogic Fibre Channel target driver. Its targets are the HBA
 * ports of the emulated host (`EmulatorOptions.hardwareTargets`, by WWN) and carry `hw_target`.
 */
import { registerHardwareDriver } from './hardware.js';

const QLA2X00T = 'qla2x00t';

registerHardwareDriver({
  module: 'qla2x00tgt',
  driver: QLA2X00T,
  ports: (k) => k.state.host.hardwareTargets,
  hwTargetFile: true,
  traceLevel: true,
});
