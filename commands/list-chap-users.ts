import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../src/cli/base-command.js';
import { driverFlag, listChapUsers, type ChapUserRow } from '../src/edit/index.js';
import { chapUserLines } from '../src/edit/chap-cli.js';
import { CHAP_USERS_SHAPE } from '../src/edit/json-shapes.js';

export default class ListChapUsers extends BaseCommand {
  static override summary = 'List the iSCSI CHAP users of discovery and of the targets (never their secrets unless --show-secrets).';
  static override jsonShape = CHAP_USERS_SHAPE;
  static override flags = {
    target: Flags.string({ description: 'only this target\'s users', helpValue: 'TARGET', exclusive: ['discovery'] }),
    discovery: Flags.boolean({ description: 'only the discovery users' }),
    'show-secrets': Flags.boolean({ description: 'print the secrets instead of ********' }),
    ...driverFlag,
  };
  static override examples = ['<%= config.bin %> list-chap-users', '<%= config.bin %> list-chap-users --target iqn.2024-01.com.example:store --json'];

  async run(): Promise<{ users: ChapUserRow[] }> {
    const { flags } = await this.parse(ListChapUsers);
    const { sysfs } = await this.sysfs(flags);
    const users = await listChapUsers(sysfs, { driver: flags.driver, target: flags.target, discovery: flags.discovery, showSecrets: flags['show-secrets'] });
    for (const line of chapUserLines(users)) this.log(line);
    return { users };
  }
}
