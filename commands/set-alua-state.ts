import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { EditCommand } from '../src/cli/edit-command.js';
import { ALUA_STATES, editFlags, setAluaState, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class SetAluaState extends EditCommand {
  static override summary = 'Set the ALUA access state of a target group (the failover switch).';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'Initiators see the new state on their next REPORT TARGET PORT GROUPS. --preferred / --no-preferred set or clear the preferred bit. Already so: "already set — nothing to do", exit 0. Saved to the config file unless --no-save.';
  static override args = {
    'device-group': Args.string({ description: 'device group name', required: true }),
    'target-group': Args.string({ description: 'target group name', required: true }),
    state: Args.string({ description: 'ALUA access state', required: true, options: [...ALUA_STATES] }),
  };
  static override flags = {
    preferred: Flags.boolean({ description: 'mark the target group preferred (--no-preferred clears it)', allowNo: true }),
    ...editFlags,
  };
  static override examples = ['<%= config.bin %> set-alua-state dg1 local active --preferred', '<%= config.bin %> set-alua-state dg1 remote standby'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(SetAluaState);
    return this.edit(flags, setAluaState({ deviceGroup: args['device-group'], targetGroup: args['target-group'], state: args.state, preferred: flags.preferred }));
  }
}
