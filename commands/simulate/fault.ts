import { Flags } from '@oclif/core';
import { defaultSimulationPath } from '../../src/cli/argv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { changeSimulation, parseErrnoName } from '../../src/emulator/simulation.js';

export default class SimulateFault extends BaseCommand {
  static override summary = 'Make a later sysfs write of the emulated host fail (fault injection).';
  static override description =
    'The Nth write from now on (counting only writes whose path contains --path-includes, if given) fails with the errno, once. Use it to see rollback at work.';
  static override flags = {
    nth: Flags.integer({ description: 'which write fails: 1 = the next one', min: 1 }),
    errno: Flags.string({ description: 'errno symbol, e.g. EIO, EBUSY, EINVAL' }),
    'path-includes': Flags.string({ description: 'count only writes to paths containing this text' }),
    clear: Flags.boolean({ description: 'disarm every fault instead', exclusive: ['nth', 'errno', 'path-includes'] }),
  };
  static override examples = [
    '<%= config.bin %> simulate fault --nth 3 --errno EIO',
    '<%= config.bin %> simulate fault --nth 1 --errno EBUSY --path-includes luns/mgmt',
    '<%= config.bin %> simulate fault --clear',
  ];

  async run(): Promise<{ faults: Array<{ nth: number; errno: string; pathIncludes?: string }> }> {
    const { flags } = await this.parse(SimulateFault);
    const file = flags.simulate ?? defaultSimulationPath();
    if (!flags.clear && (flags.nth === undefined || flags.errno === undefined)) {
      this.error('give --nth and --errno (or --clear)', { exit: 2 });
    }
    const faults = await changeSimulation(file, (emulator) => {
      if (flags.clear) emulator.clearFaults();
      else emulator.armFault({ nth: flags.nth!, errno: parseErrnoName(flags.errno!), pathIncludes: flags['path-includes'] });
      return emulator.armedFaults();
    });
    this.log(faults.length === 0 ? 'no faults armed' : `armed faults: ${faults.map((f) => `${f.errno} on write #${f.nth}`).join(', ')}`);
    return { faults };
  }
}
