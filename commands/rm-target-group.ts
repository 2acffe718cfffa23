import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { editFlags, rmTargetGroup, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class RmTargetGroup extends EditCommand {
  static override summary = 'Delete an ALUA target group from a device group.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description = 'One that still holds targets is deleted with them only with --force (the targets themselves stay). Not there: a note, exit 0.';
  static override args = {
    'device-group': Args.string({ description: 'device group name', required: true }),
    'target-group': Args.string({ description: 'target group name', required: true }),
  };
  static override flags = { ...editFlags };
  static override examples = ['<%= config.bin %> rm-target-group dg1 remote'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(RmTargetGroup);
    return this.edit(flags, rmTargetGroup({ deviceGroup: args['device-group'], targetGroup: args['target-group'] }));
  }
}
