import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { EditCommand } from '../src/cli/edit-command.js';
import { driverFlag, editFlags, moveInitiator, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class MoveInitiator extends EditCommand {
  static override summary = 'Move an initiator name or pattern from one initiator group to another of the same target.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'One write (SCST\'s move): the entry is never missing from both groups. A logged-in initiator it matches changes LUN sets, so that needs --force. Already in the destination only: "already set — nothing to do", exit 0.';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    group: Args.string({ description: 'initiator group the entry is in', required: true }),
    initiator: Args.string({ description: 'initiator name or pattern, as listed', required: true }),
  };
  static override flags = {
    to: Flags.string({ description: 'initiator group to move it to', required: true, helpValue: 'GROUP' }),
    ...driverFlag,
    ...editFlags,
  };
  static override examples = ['<%= config.bin %> move-initiator iqn.2024-01.com.example:store backup iqn.1993-08.org.debian:01:host1 --to hosts'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(MoveInitiator);
    return this.edit(flags, moveInitiator({ driver: flags.driver, target: args.target, group: args.group, initiator: args.initiator, to: flags.to }));
  }
}
