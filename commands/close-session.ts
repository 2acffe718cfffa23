import * as Args from '@oclif/core/args';
import { BaseCommand } from '../src/cli/base-command.js';
import { driverFlag, type EditReport } from '../src/edit/index.js';
import { closeSessionFlags, runCloseSession } from '../src/edit/sessions-cli.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class CloseSession extends BaseCommand {
  static override summary = 'Close a session (force_close); a real initiator usually logs in again at once.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'SESSION is the name list-sessions shows. To keep an initiator out, remove its access first (rm-initiator, rm-chap-user), then close its session. Not there: a note, exit 0 (--strict: exit 1). Nothing is saved: sessions are not configuration.';
  static override args = {
    target: Args.string({ description: 'target name', required: true }),
    session: Args.string({ description: 'session name (see list-sessions)', required: true }),
  };
  static override flags = { ...driverFlag, ...closeSessionFlags };
  static override examples = ['<%= config.bin %> close-session iqn.2024-01.com.example:store iqn.1993-08.org.debian:01:host1'];

  async run(): Promise<EditReport> {
    const { args, flags } = await this.parse(CloseSession);
    const hooks = { json: this.jsonEnabled(), log: (l: string) => this.log(l), warn: (l: string) => this.warn(l) };
    return runCloseSession(flags, { driver: flags.driver, target: args.target, session: args.session }, hooks);
  }
}
