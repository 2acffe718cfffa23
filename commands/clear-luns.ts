import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { EditCommand } from '../src/cli/edit-command.js';
import { clearLuns, driverFlag, editFlags, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class ClearLuns extends EditCommand {
  static override summary = 'Unmap every LUN of a target (or of one of its initiator groups); the devices stay.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description = 'LUNs a logged-in initiator sees need --force (exit 2 otherwise, naming the sessions).';
  static override args = { target: Args.string({ description: 'target name', required: true }) };
  static override flags = { ...driverFlag, group: Flags.string({ description: 'clear this initiator group\'s LUNs instead', helpValue: 'GROUP' }), ...editFlags };
  static override examples = ['<%= config.bin %> clear-luns iqn.2024-01.com.example:store --group backup'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(ClearLuns);
    return this.edit(flags, clearLuns({ driver: flags.driver, target: args.target, group: flags.group }));
  }
}
