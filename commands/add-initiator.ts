import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { addInitiator, driverFlag, editFlags, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class AddInitiator extends EditCommand {
  static override summary = 'Let an initiator (a name or a pattern) see an initiator group\'s LUNs.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'INITIATOR is an IQN (or the driver\'s name form) or a pattern: * any run, ? one character, one leading ! negates; matching is case-insensitive, the first matching entry of the first group wins. A logged-in initiator it matches moves into the group at once. Already there: "already present — nothing to do", exit 0.';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    group: Args.string({ description: 'initiator group name', required: true }),
    initiator: Args.string({ description: 'initiator name or pattern (*, ?, leading !)', required: true }),
  };
  static override flags = { ...driverFlag, ...editFlags };
  static override examples = [
    '<%= config.bin %> add-initiator iqn.2024-01.com.example:store backup iqn.1993-08.org.debian:01:backup1',
    "<%= config.bin %> add-initiator iqn.2024-01.com.example:store backup 'iqn.2005-03.org.backup:*'",
  ];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(AddInitiator);
    return this.edit(flags, addInitiator({ driver: flags.driver, target: args.target, group: args.group, initiator: args.initiator }));
  }
}
