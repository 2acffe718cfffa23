import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { driverFlag, editFlags, enableTarget, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class DisableTarget extends EditCommand {
  static override summary = 'Disable a target: initiators cannot log in to it.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override args = { target: Args.string({ description: 'target name', required: true }) };
  static override flags = { ...driverFlag, ...editFlags };
  static override examples = ['<%= config.bin %> disable-target iqn.2024-01.com.example:store'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(DisableTarget);
    return this.edit(flags, enableTarget({ driver: flags.driver, target: args.target, enabled: false }));
  }
}
