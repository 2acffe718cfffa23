import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { editFlags, rmDevice, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class RmDevice extends EditCommand {
  static override summary = 'Close a device in SCST (its backing file is never touched).';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'Removes DEVICE from SCST. While it is exported as a LUN this is refused (exit 2) unless --force, which unmaps those LUNs with it; a LUN an initiator sees needs --force too. The backing file or block device stays as it is. Not there: a note, exit 0 (--strict: exit 1).';
  static override args = { device: Args.string({ description: 'device name', required: true }) };
  static override flags = { ...editFlags };
  static override examples = ['<%= config.bin %> rm-device disk1', '<%= config.bin %> rm-device disk1 --force'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(RmDevice);
    return this.edit(flags, rmDevice({ name: args.device }));
  }
}
