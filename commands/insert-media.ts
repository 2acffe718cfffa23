import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { editFlags, insertMedia, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class InsertMedia extends EditCommand {
  static override summary = 'Insert an image into a vcdrom device.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description = 'Writes FILE (an absolute path to an existing image) to the vcdrom device\'s filename; the same image again: nothing to do.';
  static override args = {
    device: Args.string({ description: 'vcdrom device name', required: true }),
    file: Args.string({ description: 'image file (absolute path)', required: true }),
  };
  static override flags = { ...editFlags };
  static override examples = ['<%= config.bin %> insert-media cd1 /srv/iso/debian.iso'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(InsertMedia);
    return this.edit(flags, insertMedia({ name: args.device, file: args.file }));
  }
}
