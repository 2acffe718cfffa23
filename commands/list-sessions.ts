import * as Args from '@oclif/core/args';
import { BaseCommand } from '../src/cli/base-command.js';
import { driverFlag, listSessions, type SessionRow } from '../src/edit/index.js';
import { sessionLines } from '../src/edit/sessions-cli.js';
import { SESSIONS_SHAPE } from '../src/edit/json-shapes.js';

export default class ListSessions extends BaseCommand {
  static override summary = 'List the logged-in sessions: initiator, target, LUNs seen, address, commands.';
  static override jsonShape = SESSIONS_SHAPE;
  static override args = { target: Args.string({ description: 'only this target\'s sessions' }) };
  static override flags = { ...driverFlag };
  static override examples = ['<%= config.bin %> list-sessions', '<%= config.bin %> list-sessions iqn.2024-01.com.example:store --json'];

  async run(): Promise<{ sessions: SessionRow[] }> {
    const { args, flags } = await this.parse(ListSessions);
    const { sysfs } = await this.sysfs(flags);
    const sessions = await listSessions(sysfs, { driver: flags.driver, target: args.target });
    for (const line of sessionLines(sessions)) this.log(line);
    return { sessions };
  }
}
