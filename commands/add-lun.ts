import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { EditCommand } from '../src/cli/edit-command.js';
import { addLun, driverFlag, editFlags, type EditReport } from '../src/edit/index.js';
import { MAX_LUN } from '../src/model/validate.js';
import { integerFlag } from '../src/cli/integer-flag.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class AddLun extends EditCommand {
  static override summary = 'Export a device as a LUN of a target (or of one of its initiator groups).';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'Maps DEVICE into the LUN set of TARGET — or of its initiator group with --group — at the lowest free LUN number (0 first) unless --lun gives one. Already mapped there: "already present — nothing to do", exit 0 (--strict: exit 1). A LUN number held by another device is refused (exit 2). The change is saved to the config file unless --no-save.';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    device: Args.string({ description: 'device name', required: true }),
  };
  static override flags = {
    ...driverFlag,
    lun: integerFlag({ description: 'LUN number (default: the lowest free, 0 first)', min: 0, max: MAX_LUN, helpValue: 'N' }),
    group: Flags.string({ description: 'map into this initiator group instead of the default LUN set', helpValue: 'GROUP' }),
    'read-only': Flags.boolean({ description: 'the initiators see the LUN read-only' }),
    ...editFlags,
  };
  static override examples = [
    '<%= config.bin %> add-lun iqn.2024-01.com.example:store disk1',
    '<%= config.bin %> add-lun iqn.2024-01.com.example:store disk2 --lun 5 --group backup --read-only',
  ];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(AddLun);
    return this.edit(flags, addLun({ driver: flags.driver, target: args.target, device: args.device, lun: flags.lun, group: flags.group, readOnly: flags['read-only'] }));
  }
}
