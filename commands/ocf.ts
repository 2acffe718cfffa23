import * as Args from '@oclif/core/args';
import { BaseCommand } from '../src/cli/base-command.js';
import { ACTIONS, runAgent } from '../src/ha/agent.js';

export default class Ocf extends BaseCommand {
  // Pacemaker reads an agent's exit code and meta-data XML: JSON has no place in that protocol.
  static override enableJsonFlag = false;
  static override summary = 'The Pacemaker (OCF) resource agent: start, stop, monitor, promote, demote, notify, validate-all, meta-data.';
  static override description =
    'What the installed OCF agent (install-ocf) runs for each action Pacemaker asks for. Parameters come from the environment as OCF_RESKEY_<name> (see meta-data); the exit code is the OCF return code (0 success, 7 not running, 8 running promoted, 1 failed, 5 not installed, 6 not configured). The agent runs SCST as a promotable clone: unpromoted, this node\'s ALUA target group is standby (or offline); promoted, active. See docs/ha.md.';
  static override args = {
    action: Args.string({ description: `the OCF action: ${ACTIONS.join(', ')}`, required: true }),
  };
  static override examples = [
    'OCF_RESKEY_device_groups=dg1 OCF_RESKEY_local_target_group=tg_a OCF_RESKEY_remote_target_group=tg_b <%= config.bin %> ocf monitor',
    '<%= config.bin %> ocf meta-data',
  ];

  async run(): Promise<void> {
    const { args } = await this.parse(Ocf);
    process.exitCode = await runAgent(args.action, {
      env: process.env,
      version: this.config.version,
      out: (text) => process.stdout.write(text),
      log: (line) => process.stderr.write(`${line}\n`),
    });
  }
}
