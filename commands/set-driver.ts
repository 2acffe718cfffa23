import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { editFlags, setDriver, type EditReport } from '../src/edit/index.js';
import { parseAssignments } from '../src/edit/assignments.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class SetDriver extends EditCommand {
  static override summary = 'Change attributes of a target driver (NAME=VALUE…).';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description = 'Writes each attribute whose value differs, checked against the driver\'s attribute table (iSCSI: iSNSServer, link_local, internal_portal, …). Discovery CHAP users have their own commands.';
  static override strict = false;
  static override args = {
    driver: Args.string({ description: 'target driver name', required: true }),
    attributes: Args.string({ description: 'NAME=VALUE, one or more', required: true }),
  };
  static override flags = { ...editFlags };
  static override examples = ['<%= config.bin %> set-driver iscsi iSNSServer=10.0.0.5'];

  async run(): Promise<EditReport> {
    const { args, argv, flags } = await this.parse(SetDriver);
    return this.edit(flags, setDriver({ driver: args.driver, attributes: parseAssignments((argv as string[]).slice(1), `driver ${args.driver}`) }));
  }
}
