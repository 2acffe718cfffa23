import * as Args from '@oclif/core/args';
import { integerFlag } from '../src/cli/integer-flag.js';
import { EditCommand } from '../src/cli/edit-command.js';
import { addTargetGroup, editFlags, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class AddTargetGroup extends EditCommand {
  static override summary = 'Create an ALUA target group in a device group, with its group id.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'A new target group is active. The same group id: "already present — nothing to do"; another id: the id is changed. Add its targets with add-group-member --target-group.';
  static override args = {
    'device-group': Args.string({ description: 'device group name', required: true }),
    'target-group': Args.string({ description: 'target group name', required: true }),
  };
  static override flags = {
    'group-id': integerFlag({ description: 'ALUA target port group id, unique across the cluster', required: true, min: 1, max: 65535, helpValue: 'N' }),
    ...editFlags,
  };
  static override examples = ['<%= config.bin %> add-target-group dg1 local --group-id 1'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(AddTargetGroup);
    return this.edit(flags, addTargetGroup({ deviceGroup: args['device-group'], targetGroup: args['target-group'], groupId: flags['group-id'] }));
  }
}
