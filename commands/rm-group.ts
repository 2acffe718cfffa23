import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { driverFlag, editFlags, rmGroup, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class RmGroup extends EditCommand {
  static override summary = 'Delete an initiator group with its LUNs and initiators.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'The devices behind its LUNs are not touched. A group a logged-in initiator is attached to is removed only with --force (its sessions fall back to the target\'s default LUNs). Not there: a note, exit 0 (--strict: exit 1).';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    group: Args.string({ description: 'initiator group name', required: true }),
  };
  static override flags = { ...driverFlag, ...editFlags };
  static override examples = ['<%= config.bin %> rm-group iqn.2024-01.com.example:store backup'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(RmGroup);
    return this.edit(flags, rmGroup({ driver: flags.driver, target: args.target, group: args.group }));
  }
}
