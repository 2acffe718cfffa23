import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { EditCommand } from '../src/cli/edit-command.js';
import { driverFlag, editFlags, rmLun, type EditReport } from '../src/edit/index.js';
import { MAX_LUN } from '../src/model/validate.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class RmLun extends EditCommand {
  static override summary = 'Unmap a LUN of a target (or of one of its initiator groups); the device stays.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description = 'A LUN a logged-in initiator sees is removed only with --force (exit 2 otherwise, naming the session). Not there: a note, exit 0 (--strict: exit 1).';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    lun: Args.integer({ description: 'LUN number', required: true, min: 0, max: MAX_LUN }),
  };
  static override flags = { ...driverFlag, group: Flags.string({ description: 'the LUN is in this initiator group', helpValue: 'GROUP' }), ...editFlags };
  static override examples = ['<%= config.bin %> rm-lun iqn.2024-01.com.example:store 3', '<%= config.bin %> rm-lun iqn.2024-01.com.example:store 0 --group backup --force'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(RmLun);
    return this.edit(flags, rmLun({ driver: flags.driver, target: args.target, lun: args.lun, group: flags.group }));
  }
}
