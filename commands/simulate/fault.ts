import * as Flags from '@oclif/core/flags';
import { defaultSimulationPath } from '../../src/cli/argv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { changeSimulation, parseErrnoName } from '../../src/emulator/simulation.js';
import { renderFaults, type SimulationStatus } from '../../src/emulator/simulation-status.js';
import { integerFlag } from '../../src/cli/integer-flag.js';
import { SIMULATE_FAULT_SHAPE } from '../../src/emulator/json-shapes.js';

export default class SimulateFault extends BaseCommand {
  static override summary = 'Make a later sysfs write of the emulated host fail, or every write slow (fault injection).';
  static override jsonShape = SIMULATE_FAULT_SHAPE;
  static override description =
    'The Nth write from now on (counting only writes whose path contains --path-includes, if given) fails with the errno, once. --delay makes every write wait (a slow kernel) until cleared. Use it to see rollback, progress and locking at work.';
  static override flags = {
    nth: integerFlag({ description: 'which write fails: 1 = the next one', min: 1, max: 1_000_000_000 }),
    errno: Flags.string({ description: 'errno symbol, e.g. EIO, EBUSY, EINVAL' }),
    'path-includes': Flags.string({ description: 'count only writes to paths containing this text' }),
    delay: integerFlag({ description: 'every write waits this many milliseconds (0 = no delay)', helpValue: 'MS', min: 0, max: 60_000 }),
    clear: Flags.boolean({ description: 'disarm every fault and remove the write delay instead', exclusive: ['nth', 'errno', 'path-includes', 'delay'] }),
  };
  static override examples = [
    '<%= config.bin %> simulate fault --nth 3 --errno EIO',
    '<%= config.bin %> simulate fault --nth 1 --errno EBUSY --path-includes luns/mgmt',
    '<%= config.bin %> simulate fault --delay 200',
    '<%= config.bin %> simulate fault --clear',
  ];

  async run(): Promise<Pick<SimulationStatus, 'faults' | 'writeDelayMs'>> {
    const { flags } = await this.parse(SimulateFault);
    const file = flags.simulate ?? defaultSimulationPath();
    const arming = flags.nth !== undefined || flags.errno !== undefined || flags['path-includes'] !== undefined;
    if (!flags.clear && (arming || flags.delay === undefined) && (flags.nth === undefined || flags.errno === undefined)) {
      this.error('give --nth and --errno, or --delay MS (or --clear)', { exit: 2 });
    }
    const result = await changeSimulation(file, (emulator) => {
      if (flags.clear) {
        emulator.clearFaults();
        emulator.delayWrites(0);
      }
      if (arming) emulator.armFault({ nth: flags.nth!, errno: parseErrnoName(flags.errno!), pathIncludes: flags['path-includes'] });
      if (flags.delay !== undefined) emulator.delayWrites(flags.delay);
      return { faults: emulator.armedFaults(), writeDelayMs: emulator.writeDelay() };
    });
    this.log(renderFaults(result));
    return result;
  }
}
