import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { editFlags, ejectMedia, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class EjectMedia extends EditCommand {
  static override summary = 'Eject the image of a vcdrom device.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description = 'Empties the vcdrom device\'s filename (the image file itself is untouched); no media: nothing to do.';
  static override args = { device: Args.string({ description: 'vcdrom device name', required: true }) };
  static override flags = { ...editFlags };
  static override examples = ['<%= config.bin %> eject-media cd1'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(EjectMedia);
    return this.edit(flags, ejectMedia({ name: args.device }));
  }
}
