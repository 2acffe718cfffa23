import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { driverFlag, editFlags, rmTarget, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class RmTarget extends EditCommand {
  static override summary = 'Remove a target with its LUNs and groups (devices stay).';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'Disables the target, closes its sessions and deletes it. While initiators are logged in this needs --force (exit 2 otherwise, naming the sessions). Not there: a note, exit 0 (--strict: exit 1).';
  static override args = { target: Args.string({ description: 'target name', required: true }) };
  static override flags = { ...driverFlag, ...editFlags };
  static override examples = ['<%= config.bin %> rm-target iqn.2024-01.com.example:store', '<%= config.bin %> rm-target iqn.2024-01.com.example:store --force'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(RmTarget);
    return this.edit(flags, rmTarget({ driver: flags.driver, target: args.target }));
  }
}
