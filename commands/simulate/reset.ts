import { defaultSimulationPath } from '../../src/cli/argv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { resetSimulation } from '../../src/emulator/simulation.js';
import { renderSimulationStatus, simulationStatus, type SimulationStatus } from '../../src/emulator/simulation-status.js';
import { SIMULATION_STATUS_SHAPE } from '../../src/emulator/json-shapes.js';

export default class SimulateReset extends BaseCommand {
  static override summary = 'Reboot the emulated host: same modules, daemon and backing files, no SCST configuration.';
  static override jsonShape = SIMULATION_STATUS_SHAPE;
  static override examples = ['<%= config.bin %> simulate reset'];

  async run(): Promise<SimulationStatus> {
    const { flags } = await this.parse(SimulateReset);
    const file = flags.simulate ?? defaultSimulationPath();
    const simulation = await resetSimulation(file);
    const status = simulationStatus(file, simulation.emulator.toState());
    for (const line of renderSimulationStatus(status)) this.log(line);
    return status;
  }
}
