import * as Args from '@oclif/core/args';
import { EditCommand } from '../src/cli/edit-command.js';
import { secretFlags, secretFromFlags } from '../src/cli/secret-input.js';
import { addChapUser, driverFlag, editFlags, type EditReport } from '../src/edit/index.js';
import { chapListFlags, chapListOf, generatedSecretLine } from '../src/edit/chap-cli.js';
import { CHAP_EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class AddChapUser extends EditCommand {
  static override summary = 'Add an iSCSI CHAP user to a target or to discovery (incoming, or --outgoing for mutual CHAP).';
  static override jsonShape = CHAP_EDIT_REPORT_SHAPE;
  static override description =
    'The secret comes from --secret-file, standard input, a masked prompt typed twice, or --generate (shown once); --secret works but lands in the shell history and in ps. iSCSI-SCST takes 12 to 255 characters; many initiators accept at most 16. The same user and secret: "already present — nothing to do"; the same user with another secret: the secret is replaced. A target has at most one outgoing user: replacing another one needs --force. Secrets are masked in all output unless --show-secrets.';
  static override args = {
    user: Args.string({ description: 'CHAP user name', required: true }),
  };
  static override flags = { ...chapListFlags, ...secretFlags, ...driverFlag, ...editFlags };
  static override examples = [
    '<%= config.bin %> add-chap-user alice --target iqn.2024-01.com.example:store --secret-file /root/alice.secret',
    '<%= config.bin %> add-chap-user disc --discovery --generate',
    'printf "%s\\n" "$SECRET" | <%= config.bin %> add-chap-user target1 --target iqn.2024-01.com.example:store --outgoing',
  ];

  async run(): Promise<EditReport & { generatedSecret?: string }> {
    const { args, flags } = await this.parse(AddChapUser);
    const list = chapListOf(flags);
    const { secret, generated } = await secretFromFlags(args.user, flags, (line) => this.warn(line));
    const report = await this.edit(flags, addChapUser({ ...list, user: args.user, secret, keepExisting: generated }));
    if (!generated || report.outcome !== 'done') return report;
    if (!this.jsonEnabled()) this.log(generatedSecretLine(args.user, secret));
    return { ...report, generatedSecret: secret };
  }
}
