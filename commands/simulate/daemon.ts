import * as Args from '@oclif/core/args';
import { defaultSimulationPath } from '../../src/cli/argv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { changeSimulation } from '../../src/emulator/simulation.js';
import { SIMULATE_DAEMON_SHAPE } from '../../src/emulator/json-shapes.js';

const STATES = ['running', 'stopped', 'absent'] as const;

export default class SimulateDaemon extends BaseCommand {
  static override summary = 'Set the state of the emulated iscsi-scstd.';
  static override jsonShape = SIMULATE_DAEMON_SHAPE;
  static override description =
    'running: iSCSI works. stopped: like SIGSTOP, every iSCSI operation times out with EBUSY (the ~31 s wait is not really slept). absent: not running; iSCSI operations fail with EPERM, and stopping it removes every iSCSI target as the kernel does when the daemon exits.';
  static override args = { state: Args.string({ description: 'running | stopped | absent', required: true, options: [...STATES] }) };
  static override examples = ['<%= config.bin %> simulate daemon stopped', '<%= config.bin %> simulate daemon running'];

  async run(): Promise<{ iscsiDaemon: string }> {
    const { args, flags } = await this.parse(SimulateDaemon);
    const file = flags.simulate ?? defaultSimulationPath();
    const state = args.state as (typeof STATES)[number];
    await changeSimulation(file, (emulator) => emulator.setIscsiDaemon(state));
    this.log(`iscsi-scstd is ${state}`);
    return { iscsiDaemon: state };
  }
}
