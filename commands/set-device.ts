import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { editFlags, setDevice, type EditReport } from '../src/edit/index.js';
import { parseAssignments } from '../src/edit/assignments.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class SetDevice extends EditCommand {
  static override summary = 'Change attributes of a device (NAME=VALUE…).';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'Writes each attribute whose value differs. Attributes unknown to the device\'s handler, ones SCST only shows, and creation parameters (fixed once the device exists) are refused, exit 2.';
  static override strict = false;
  static override args = {
    device: Args.string({ description: 'device name', required: true }),
    attributes: Args.string({ description: 'NAME=VALUE, one or more', required: true }),
  };
  static override flags = { ...editFlags };
  static override examples = ['<%= config.bin %> set-device disk1 usn=D1 prod_id=LAB', '<%= config.bin %> set-device vol1 threads_num=4'];

  async run(): Promise<EditReport> {
    const { args, argv, flags } = await this.parse(SetDevice);
    const words = (argv as string[]).slice(1);
    return this.edit(flags, setDevice({ name: args.device, attributes: parseAssignments(words, `device ${args.device}`) }));
  }
}
