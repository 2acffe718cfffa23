import * as Flags from '@oclif/core/flags';
import { join } from 'node:path';
import { BaseCommand } from '../src/cli/base-command.js';
import { runFlags } from '../src/plan/cli.js';
import { unitCommandLine } from '../src/system/service-install.js';
import { setupFlags } from '../src/setup/flags.js';
import { renderSetup } from '../src/setup/render.js';
import { runSetup, type SetupReport } from '../src/setup/run.js';
import { SETUP_SHAPE } from '../src/setup/json-shape.js';

export default class Setup extends BaseCommand {
  static override aliases = ['wizard'];
  static override summary = 'Set up a first iSCSI target: storage, target, LUN, access and CHAP — asked step by step, or all from flags with --yes.';
  static override jsonShape = SETUP_SHAPE;
  static override description =
    'Looks at the host, asks for a disk or file, the target and who may log in, shows the exact plan, applies it as one run (rolled back whole if a write fails), saves the config file and prints the initiator-side commands. Ctrl-C at any question changes nothing; Esc goes back one question. With --yes every answer comes from the flags; a missing one with no safe default exits 2 naming its flag.';
  static override flags = {
    ...setupFlags,
    yes: Flags.boolean({ char: 'y', description: 'ask nothing: every answer from the flags' }),
    config: Flags.string({ description: 'config file to save to (default /etc/scst.conf, or SCST_CONF)', helpValue: 'FILE', helpGroup: 'PATHS' }),
    'lock-file': runFlags['lock-file'],
    'state-dir': runFlags['state-dir'],
  };
  static override examples = [
    '<%= config.bin %> setup',
    '<%= config.bin %> setup --yes --file /srv/disk1.img --size 10G --target iqn.2026-12.com.example:disk1 --initiator iqn.1993-08.org.debian:01:web1 --chap-user web1 --generate-secret',
  ];

  async run(): Promise<SetupReport> {
    const { flags } = await this.parse(Setup);
    const interactive = flags.yes ? {} : await import('../src/setup/interactive.js').then((m) => m.interactiveHooks());
    const report = await runSetup(flags, {
      json: this.jsonEnabled(),
      terminal: Boolean(process.stdin.isTTY && process.stderr.isTTY),
      log: (line) => this.log(line),
      service: { cli: unitCommandLine([process.execPath, join(this.config.root, 'bin', 'run.js')]), packageRoot: this.config.root },
      ...interactive,
    });
    if (!this.jsonEnabled()) for (const line of renderSetup(report)) this.log(line);
    return report;
  }
}
