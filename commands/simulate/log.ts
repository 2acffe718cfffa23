import { defaultSimulationPath } from '../../src/cli/argv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { openSimulation } from '../../src/emulator/simulation.js';
import { integerFlag } from '../../src/cli/integer-flag.js';
import { SIMULATE_LOG_SHAPE } from '../../src/emulator/json-shapes.js';

export default class SimulateLog extends BaseCommand {
  static override summary = 'Show the kernel log of the emulated host (what dmesg would show).';
  static override jsonShape = SIMULATE_LOG_SHAPE;
  static override flags = {
    lines: integerFlag({ char: 'n', description: 'only the last N lines', min: 1, max: 1_000_000_000 }),
  };
  static override examples = ['<%= config.bin %> simulate log -n 20'];

  async run(): Promise<{ lines: string[] }> {
    const { flags } = await this.parse(SimulateLog);
    const { emulator } = await openSimulation(flags.simulate ?? defaultSimulationPath());
    const all = emulator.kernelLog();
    const lines = flags.lines === undefined ? all : all.slice(-flags.lines);
    for (const line of lines) this.log(line);
    return { lines };
  }
}
