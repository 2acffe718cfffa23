import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { driverFlag, editFlags, rmInitiator, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class RmInitiator extends EditCommand {
  static override summary = 'Remove an initiator name or pattern from an initiator group.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'The entry is matched exactly as written. An entry that put a logged-in initiator into the group is removed only with --force (the session then sees the target\'s default LUNs). Not there: a note, exit 0 (--strict: exit 1).';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    group: Args.string({ description: 'initiator group name', required: true }),
    initiator: Args.string({ description: 'initiator name or pattern, as listed', required: true }),
  };
  static override flags = { ...driverFlag, ...editFlags };
  static override examples = ['<%= config.bin %> rm-initiator iqn.2024-01.com.example:store backup iqn.1993-08.org.debian:01:backup1'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(RmInitiator);
    return this.edit(flags, rmInitiator({ driver: flags.driver, target: args.target, group: args.group, initiator: args.initiator }));
  }
}
