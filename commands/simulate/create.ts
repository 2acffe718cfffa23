import * as Flags from '@oclif/core/flags';
import { defaultSimulationPath } from '../../src/cli/argv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { DEFAULT_MODULES } from '../../src/emulator/emulator.js';
import { createSimulation, parseScsiDevice } from '../../src/emulator/simulation.js';
import { renderSimulationStatus, simulationStatus, type SimulationStatus } from '../../src/emulator/simulation-status.js';
import { SIMULATION_STATUS_SHAPE } from '../../src/emulator/json-shapes.js';

export default class SimulateCreate extends BaseCommand {
  static override summary = 'Create a fresh emulated SCST host for --simulate.';
  static override jsonShape = SIMULATION_STATUS_SHAPE;
  static override description =
    'Writes a new state file: the given kernel modules loaded (default scst, scst_vdisk, scst_local, iscsi_scst), iscsi-scstd running unless --no-daemon, no SCST objects.';
  static override flags = {
    modules: Flags.string({ description: `comma-separated kernel modules to load (default ${DEFAULT_MODULES.join(',')})` }),
    'no-daemon': Flags.boolean({ description: 'start with iscsi-scstd not running' }),
    force: Flags.boolean({ description: 'replace an existing state file', aliases: ['fresh'] }),
    'scsi-device': Flags.string({
      description: 'a local SCSI device for the pass-through handlers: H:C:I:L or H:C:I:L=TYPE (disk, tape, cdrom, …)',
      multiple: true,
    }),
  };
  static override examples = [
    '<%= config.bin %> simulate create',
    '<%= config.bin %> simulate create --modules scst,scst_vdisk,scst_disk,iscsi_scst --force',
    '<%= config.bin %> simulate create --simulate=/tmp/lab.json --no-daemon',
    '<%= config.bin %> simulate create --modules scst,scst_disk,scst_tape --scsi-device 2:0:0:0 --scsi-device 3:0:0:0=tape --force',
  ];

  async run(): Promise<SimulationStatus> {
    const { flags } = await this.parse(SimulateCreate);
    const file = flags.simulate ?? defaultSimulationPath();
    const modules = flags.modules?.split(',').map((m) => m.trim()).filter((m) => m !== '');
    const simulation = await createSimulation(
      file,
      {
        modules,
        iscsiDaemon: flags['no-daemon'] ? 'absent' : undefined,
        scsiDevices: flags['scsi-device']?.map(parseScsiDevice),
      },
      flags.force,
    );
    const status = simulationStatus(file, simulation.emulator.toState());
    for (const line of renderSimulationStatus(status)) this.log(line);
    return status;
  }
}
