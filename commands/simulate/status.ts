import { defaultSimulationPath } from '../../src/cli/argv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { openSimulation } from '../../src/emulator/simulation.js';
import { renderSimulationStatus, simulationStatus, type SimulationStatus } from '../../src/emulator/simulation-status.js';
import { SIMULATION_STATUS_SHAPE } from '../../src/emulator/json-shapes.js';

export default class SimulateStatus extends BaseCommand {
  static override summary = 'Show the emulated host: modules, iscsi-scstd, armed faults, object counts.';
  static override jsonShape = SIMULATION_STATUS_SHAPE;
  static override examples = ['<%= config.bin %> simulate status', '<%= config.bin %> simulate status --json'];

  async run(): Promise<SimulationStatus> {
    const { flags } = await this.parse(SimulateStatus);
    const file = flags.simulate ?? defaultSimulationPath();
    const { emulator } = await openSimulation(file);
    const status = simulationStatus(file, emulator.toState(), emulator.armedFaults());
    for (const line of renderSimulationStatus(status)) this.log(line);
    return status;
  }
}
