import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { defaultSimulationPath } from '../../src/cli/argv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { changeSimulation } from '../../src/emulator/simulation.js';
import { SIMULATE_LOGOUT_SHAPE } from '../../src/emulator/json-shapes.js';

export default class SimulateLogout extends BaseCommand {
  static override summary = 'A session of the emulated host logs out.';
  static override jsonShape = SIMULATE_LOGOUT_SHAPE;
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    session: Args.string({ description: 'session directory name (as in targets/DRV/T/sessions/)', required: true }),
  };
  static override flags = {
    driver: Flags.string({ description: 'target driver', default: 'iscsi' }),
  };
  static override examples = ['<%= config.bin %> simulate logout iqn.2024-01.lab:t1 iqn.1993-08.org.debian:01:host1'];

  async run(): Promise<{ driver: string; target: string; session: string }> {
    const { args, flags } = await this.parse(SimulateLogout);
    const file = flags.simulate ?? defaultSimulationPath();
    await changeSimulation(file, (emulator) => emulator.logout(args.target, args.session, { driver: flags.driver }));
    this.log(`session ${args.session} logged out of ${args.target}`);
    return { driver: flags.driver, target: args.target, session: args.session };
  }
}
