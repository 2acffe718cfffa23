import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { EditCommand } from '../src/cli/edit-command.js';
import { addDevice, editFlags, type EditReport } from '../src/edit/index.js';
import { deviceAttributeFlags, deviceAttributesOf } from '../src/edit/device-flags.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class AddDevice extends EditCommand {
  static override summary = 'Create a device: a file, a block device, a null device, a CD-ROM, or a SCSI device passed through.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'Opens NAME with HANDLER and the creation parameters given; other attributes are written right after. vdisk_fileio needs --file (a regular file or block device), vdisk_blockio a block device; pass-through handlers (dev_disk, dev_tape, …) take the SCSI address H:C:I:L as NAME. The same device again: "already present — nothing to do"; the name with other settings: exit 2. The attribute flags come from the attribute table; --attr NAME=VALUE reaches any other.';
  static override args = {
    device: Args.string({ description: 'device name, or H:C:I:L for a pass-through handler', required: true }),
  };
  static override flags = {
    handler: Flags.string({ description: 'device handler (vdisk_fileio, vdisk_blockio, vdisk_nullio, vcdrom, dev_disk, dev_tape, …)', required: true, helpValue: 'HANDLER' }),
    ...deviceAttributeFlags,
    ...editFlags,
  };
  static override examples = [
    '<%= config.bin %> add-device disk1 --handler vdisk_fileio --file /srv/disk1.img --usn D1',
    '<%= config.bin %> add-device vol1 --handler vdisk_blockio --file /dev/vg0/vol1 --write-through --no-rotational',
    '<%= config.bin %> add-device null1 --handler vdisk_nullio --size 10G',
    '<%= config.bin %> add-device 2:0:1:0 --handler dev_tape',
  ];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(AddDevice);
    return this.edit(flags, addDevice({ name: args.device, handler: flags.handler, attributes: deviceAttributesOf(flags, args.device) }));
  }
}
