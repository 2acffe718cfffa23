import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { defaultSimulationPath } from '../../src/cli/argv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { changeSimulation } from '../../src/emulator/simulation.js';
import { SIMULATE_LOGIN_SHAPE } from '../../src/emulator/json-shapes.js';

export default class SimulateLogin extends BaseCommand {
  static override summary = 'An initiator logs in to a target of the emulated host (a new session).';
  static override jsonShape = SIMULATE_LOGIN_SHAPE;
  static override description =
    'iSCSI logins need iscsi-scstd running, the driver and target enabled, and CHAP credentials (--user/--secret) when the target has IncomingUser accounts; the session is assigned to the first initiator group whose pattern matches.';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    initiator: Args.string({ description: 'initiator name (IQN, WWN, or scst_local session name)', required: true }),
  };
  static override flags = {
    address: Flags.string({ description: 'initiator IP address (iSCSI; default 127.0.0.1)' }),
    driver: Flags.string({ description: 'target driver', default: 'iscsi' }),
    user: Flags.string({ description: 'CHAP user name the initiator presents', dependsOn: ['secret'] }),
    secret: Flags.string({ description: 'CHAP secret the initiator presents', dependsOn: ['user'] }),
  };
  static override examples = ['<%= config.bin %> simulate login iqn.2024-01.lab:t1 iqn.1993-08.org.debian:01:host1'];

  async run(): Promise<{ driver: string; target: string; initiator: string; session: string }> {
    const { args, flags } = await this.parse(SimulateLogin);
    const file = flags.simulate ?? defaultSimulationPath();
    const session = await changeSimulation(file, (emulator) =>
      emulator.login(args.target, args.initiator, {
        driver: flags.driver,
        address: flags.address,
        chap: flags.user === undefined ? undefined : { user: flags.user, secret: flags.secret! },
      }),
    );
    this.log(`${args.initiator} logged in to ${args.target}: session ${session}`);
    return { driver: flags.driver, target: args.target, initiator: args.initiator, session };
  }
}
