import * as Args from '@oclif/core/args';
import { defaultSimulationPath } from '../../src/cli/argv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { changeSimulation } from '../../src/emulator/simulation.js';
import { integerFlag } from '../../src/cli/integer-flag.js';
import { SIMULATE_USER_DEVICE_SHAPE } from '../../src/emulator/json-shapes.js';

export default class SimulateUserDevice extends BaseCommand {
  static override summary = 'A user-space program registers (or drops) an scst_user device on the emulated host.';
  static override jsonShape = SIMULATE_USER_DEVICE_SHAPE;
  static override description =
    'Needs the scst_user module. The device appears as devices/NAME with its own handler directory handlers/NAME; unregistering removes it and its LUNs, as when the program closes /dev/scst_user.';
  static override args = {
    action: Args.string({ description: 'register | unregister', required: true, options: ['register', 'unregister'] }),
    name: Args.string({ description: 'device name (at most 50 bytes)', required: true }),
  };
  static override flags = {
    type: integerFlag({ description: 'SCSI device type (0 disk, 1 tape, 5 cd-rom, …)', default: 0, min: 0, max: 31 }),
  };
  static override examples = ['<%= config.bin %> simulate user-device register udisk1', '<%= config.bin %> simulate user-device unregister udisk1'];

  async run(): Promise<{ device: string; registered: boolean }> {
    const { args, flags } = await this.parse(SimulateUserDevice);
    const file = flags.simulate ?? defaultSimulationPath();
    const registered = args.action === 'register';
    await changeSimulation(file, (emulator) => {
      if (registered) emulator.registerUserDevice(args.name, { type: flags.type });
      else emulator.unregisterUserDevice(args.name);
    });
    this.log(`scst_user device ${args.name} ${registered ? 'registered' : 'unregistered'}`);
    return { device: args.name, registered };
  }
}
