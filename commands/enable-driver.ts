import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { editFlags, enableDriver, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class EnableDriver extends EditCommand {
  static override summary = 'Enable a target driver (iSCSI: start serving logins on every target).';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override args = { driver: Args.string({ description: 'target driver name', required: true }) };
  static override flags = { ...editFlags };
  static override examples = ['<%= config.bin %> enable-driver iscsi'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(EnableDriver);
    return this.edit(flags, enableDriver({ driver: args.driver, enabled: true }));
  }
}
