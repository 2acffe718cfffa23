import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { clearInitiators, driverFlag, editFlags, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class ClearInitiators extends EditCommand {
  static override summary = 'Remove every initiator name and pattern from an initiator group.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'The group and its LUNs stay. Entries that put logged-in initiators into the group are removed only with --force. An empty group: a note, exit 0 (--strict: exit 1).';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    group: Args.string({ description: 'initiator group name', required: true }),
  };
  static override flags = { ...driverFlag, ...editFlags };
  static override examples = ['<%= config.bin %> clear-initiators iqn.2024-01.com.example:store backup'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(ClearInitiators);
    return this.edit(flags, clearInitiators({ driver: flags.driver, target: args.target, group: args.group }));
  }
}
