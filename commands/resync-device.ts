import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { editFlags, resyncDevice, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class ResyncDevice extends EditCommand {
  static override summary = 'Make SCST re-read the size of a device whose backing file or LV grew.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description = 'One write to the device\'s resync_size (vdisk_fileio and vdisk_blockio); initiators are told the new capacity.';
  static override args = { device: Args.string({ description: 'device name', required: true }) };
  static override flags = { ...editFlags };
  static override examples = ['<%= config.bin %> resync-device vol1'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(ResyncDevice);
    return this.edit(flags, resyncDevice({ name: args.device }));
  }
}
