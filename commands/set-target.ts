import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { driverFlag, editFlags, setTarget, type EditReport } from '../src/edit/index.js';
import { parseAssignments } from '../src/edit/assignments.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class SetTarget extends EditCommand {
  static override summary = 'Change attributes of a target (NAME=VALUE…).';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description = 'Writes each attribute whose value differs, checked against the driver\'s attribute table (unknown, shown-only and creation-only attributes: exit 2). CHAP users and portals have their own commands.';
  static override strict = false;
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    attributes: Args.string({ description: 'NAME=VALUE, one or more', required: true }),
  };
  static override flags = { ...driverFlag, ...editFlags };
  static override examples = ['<%= config.bin %> set-target iqn.2024-01.com.example:store HeaderDigest=CRC32C QueuedCommands=64'];

  async run(): Promise<EditReport> {
    const { args, argv, flags } = await this.parse(SetTarget);
    const attributes = parseAssignments((argv as string[]).slice(1), `target ${flags.driver}/${args.target}`);
    return this.edit(flags, setTarget({ driver: flags.driver, target: args.target, attributes }));
  }
}
