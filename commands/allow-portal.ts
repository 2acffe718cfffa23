import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { allowPortal, driverFlag, editFlags, type EditReport } from '../src/edit/index.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class AllowPortal extends EditCommand {
  static override summary = 'Offer an iSCSI target on the portals matching an address pattern (allowed_portal).';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'Without any allowed_portal a target is offered on every portal. PORTAL is an address or a pattern: * any run, ? one character, a leading ! excludes; with only positive patterns one must match, negative ones must all not match. Already there: "already present — nothing to do", exit 0.';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    portal: Args.string({ description: 'portal address or pattern', required: true }),
  };
  static override flags = { ...driverFlag, ...editFlags };
  static override examples = ["<%= config.bin %> allow-portal iqn.2024-01.com.example:store '192.0.2.*'"];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(AllowPortal);
    return this.edit(flags, allowPortal({ driver: flags.driver, target: args.target, portal: args.portal }));
  }
}
