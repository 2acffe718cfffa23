import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { editFlags, rmDeviceGroup, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class RmDeviceGroup extends EditCommand {
  static override summary = 'Delete an ALUA device group.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'One that still holds devices or target groups is deleted with them only with --force (the devices themselves stay). Not there: a note, exit 0 (--strict: exit 1).';
  static override args = { 'device-group': Args.string({ description: 'device group name', required: true }) };
  static override flags = { ...editFlags };
  static override examples = ['<%= config.bin %> rm-device-group dg1 --force'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(RmDeviceGroup);
    return this.edit(flags, rmDeviceGroup({ deviceGroup: args['device-group'] }));
  }
}
