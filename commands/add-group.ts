import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { addGroup, driverFlag, editFlags, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class AddGroup extends EditCommand {
  static override summary = 'Create an initiator group on a target.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'A group has its own LUN set (add-lun --group) and the initiators that see it (add-initiator). Already there: "already present — nothing to do", exit 0 (--strict: exit 1). Saved to the config file unless --no-save.';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    group: Args.string({ description: 'initiator group name', required: true }),
  };
  static override flags = { ...driverFlag, ...editFlags };
  static override examples = ['<%= config.bin %> add-group iqn.2024-01.com.example:store backup'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(AddGroup);
    return this.edit(flags, addGroup({ driver: flags.driver, target: args.target, group: args.group }));
  }
}
