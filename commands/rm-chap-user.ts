import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { driverFlag, editFlags, rmChapUser, type EditReport } from '../src/edit/index.js';
import { chapListFlags, chapListOf } from '../src/edit/chap-cli.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class RmChapUser extends EditCommand {
  static override summary = 'Remove an iSCSI CHAP user from a target or from discovery.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'The user is matched by name. Sessions already logged in stay; the next login without that user fails when CHAP is still required. Not there: a note, exit 0 (--strict: exit 1).';
  static override args = {
    user: Args.string({ description: 'CHAP user name', required: true }),
  };
  static override flags = { ...chapListFlags, ...driverFlag, ...editFlags };
  static override examples = ['<%= config.bin %> rm-chap-user alice --target iqn.2024-01.com.example:store'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(RmChapUser);
    return this.edit(flags, rmChapUser({ ...chapListOf(flags), user: args.user }));
  }
}
