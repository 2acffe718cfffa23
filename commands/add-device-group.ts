import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { addDeviceGroup, editFlags, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class AddDeviceGroup extends EditCommand {
  static override summary = 'Create an ALUA device group (devices that fail over together).';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description = 'Then add its devices and target groups. Already there: "already present — nothing to do", exit 0.';
  static override args = { 'device-group': Args.string({ description: 'device group name', required: true }) };
  static override flags = { ...editFlags };
  static override examples = ['<%= config.bin %> add-device-group dg1'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(AddDeviceGroup);
    return this.edit(flags, addDeviceGroup({ deviceGroup: args['device-group'] }));
  }
}
