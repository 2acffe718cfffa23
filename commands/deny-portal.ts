import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { denyPortal, driverFlag, editFlags, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class DenyPortal extends EditCommand {
  static override summary = 'Remove an allowed_portal pattern from an iSCSI target.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'The pattern is matched exactly as allow-portal wrote it. When the last one goes, the target is offered on every portal again. Not there: a note, exit 0 (--strict: exit 1).';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    portal: Args.string({ description: 'portal pattern, as listed', required: true }),
  };
  static override flags = { ...driverFlag, ...editFlags };
  static override examples = ["<%= config.bin %> deny-portal iqn.2024-01.com.example:store '192.0.2.*'"];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(DenyPortal);
    return this.edit(flags, denyPortal({ driver: flags.driver, target: args.target, portal: args.portal }));
  }
}
