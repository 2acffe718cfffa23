import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { addGroupMember, editFlags, type EditReport } from '../src/edit/index.js';
import { memberFlags } from '../src/edit/alua-cli.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class AddGroupMember extends EditCommand {
  static override summary = 'Add a device to an ALUA device group, or (with --target-group) a target to a target group.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'A device belongs to one device group at most, a target to one target group of a device group. A target that is not on this node is a remote port: give its --rel-tgt-id on the other node. Already there: "already present — nothing to do", exit 0.';
  static override args = {
    'device-group': Args.string({ description: 'device group name', required: true }),
    member: Args.string({ description: 'device name, or target name with --target-group', required: true }),
  };
  static override flags = { ...memberFlags, ...editFlags };
  static override examples = [
    '<%= config.bin %> add-group-member dg1 disk1',
    '<%= config.bin %> add-group-member dg1 iqn.2024-01.com.example:node1 --target-group local',
    '<%= config.bin %> add-group-member dg1 iqn.2024-01.com.example:node2 --target-group remote --rel-tgt-id 2',
  ];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(AddGroupMember);
    return this.edit(flags, addGroupMember({ deviceGroup: args['device-group'], member: args.member, targetGroup: flags['target-group'], relTgtId: flags['rel-tgt-id'] }));
  }
}
