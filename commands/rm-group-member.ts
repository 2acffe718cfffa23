import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { editFlags, rmGroupMember, type EditReport } from '../src/edit/index.js';
import { memberFlags } from '../src/edit/alua-cli.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class RmGroupMember extends EditCommand {
  static override summary = 'Remove a device from an ALUA device group, or (with --target-group) a target from a target group.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description = 'The device or target itself stays. Not there: a note, exit 0 (--strict: exit 1).';
  static override args = {
    'device-group': Args.string({ description: 'device group name', required: true }),
    member: Args.string({ description: 'device name, or target name with --target-group', required: true }),
  };
  static override flags = { 'target-group': memberFlags['target-group'], ...editFlags };
  static override examples = ['<%= config.bin %> rm-group-member dg1 disk1', '<%= config.bin %> rm-group-member dg1 iqn.2024-01.com.example:node2 --target-group remote'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(RmGroupMember);
    return this.edit(flags, rmGroupMember({ deviceGroup: args['device-group'], member: args.member, targetGroup: flags['target-group'] }));
  }
}
