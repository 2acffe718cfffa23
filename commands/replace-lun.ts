import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { EditCommand } from '../src/cli/edit-command.js';
import { driverFlag, editFlags, replaceLun, type EditReport } from '../src/edit/index.js';
import { MAX_LUN } from '../src/model/validate.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class ReplaceLun extends EditCommand {
  static override summary = 'Put another device behind an existing LUN in one step.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description = 'SCST swaps the device atomically (initiators see a capacity/inquiry change). A LUN a logged-in initiator sees is replaced only with --force.';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    lun: Args.integer({ description: 'LUN number', required: true, min: 0, max: MAX_LUN }),
    device: Args.string({ description: 'device name', required: true }),
  };
  static override flags = {
    ...driverFlag,
    group: Flags.string({ description: 'the LUN is in this initiator group', helpValue: 'GROUP' }),
    'read-only': Flags.boolean({ description: 'the initiators see the LUN read-only' }),
    ...editFlags,
  };
  static override examples = ['<%= config.bin %> replace-lun iqn.2024-01.com.example:store 0 disk2 --force'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(ReplaceLun);
    return this.edit(flags, replaceLun({ driver: flags.driver, target: args.target, lun: args.lun, device: args.device, group: flags.group, readOnly: flags['read-only'] }));
  }
}
