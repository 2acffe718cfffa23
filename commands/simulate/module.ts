import * as Args from '@oclif/core/args';
import { defaultSimulationPath } from '../../src/cli/argv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { changeSimulation } from '../../src/emulator/simulation.js';
import { SIMULATE_MODULE_SHAPE } from '../../src/emulator/json-shapes.js';

export default class SimulateModule extends BaseCommand {
  static override summary = 'Load or unload a kernel module on the emulated host.';
  static override jsonShape = SIMULATE_MODULE_SHAPE;
  static override description =
    'Loading makes the module\'s handlers and target drivers appear (with the modules it needs); unloading is refused while devices or dependent modules use it.';
  static override args = {
    action: Args.string({ description: 'load | unload', required: true, options: ['load', 'unload'] }),
    name: Args.string({ description: 'module name, e.g. scst_disk, qla2x00tgt, iscsi_scst', required: true }),
  };
  static override examples = ['<%= config.bin %> simulate module load qla2x00tgt', '<%= config.bin %> simulate module unload scst_local'];

  async run(): Promise<{ modules: string[] }> {
    const { args, flags } = await this.parse(SimulateModule);
    const file = flags.simulate ?? defaultSimulationPath();
    const modules = await changeSimulation(file, (emulator) => {
      if (args.action === 'load') emulator.loadModule(args.name);
      else emulator.unloadModule(args.name);
      return emulator.loadedModules();
    });
    this.log(`${args.action === 'load' ? 'loaded' : 'unloaded'} ${args.name}; modules: ${modules.join(', ') || 'none'}`);
    return { modules };
  }
}
