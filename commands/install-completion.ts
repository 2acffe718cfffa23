import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../src/cli/base-command.js';
import { badInput } from '../src/errors.js';
import { installCompletion, type InstalledFile } from '../src/completion/install.js';
import { loginShell, SHELLS, type Shell } from '../src/completion/scripts.js';
import { INSTALLED_FILES_SHAPE } from '../src/meta/install-shape.js';

export default class InstallCompletion extends BaseCommand {
  static override summary = 'Install the shell completion script where bash, zsh or fish looks for it.';
  static override jsonShape = INSTALLED_FILES_SHAPE;
  static override description =
    'For this user by default (bash: ~/.local/share/bash-completion/completions, zsh: ~/.local/share/zsh/site-functions, fish: ~/.config/fish/completions); --system installs for every user into the shells\' vendor directories, --root DIR into an image. The shell is the login shell unless --shell says otherwise.';
  static override flags = {
    shell: Flags.string({ description: 'the shell (default: the login shell, $SHELL)', options: [...SHELLS], multiple: true }),
    system: Flags.boolean({ description: 'install for every user (needs root)' }),
    root: Flags.string({ description: 'install system-wide into this root directory (an image) instead', helpValue: 'DIR' }),
  };
  static override examples = ['<%= config.bin %> install-completion', 'sudo <%= config.bin %> install-completion --system --shell bash --shell zsh'];

  async run(): Promise<{ files: InstalledFile[] }> {
    const { flags } = await this.parse(InstallCompletion);
    const shells = (flags.shell as Shell[] | undefined) ?? [loginShell()].filter((s): s is Shell => s !== undefined);
    if (shells.length === 0) throw badInput(`no completion for the login shell ${process.env.SHELL ?? '(unset)'}`, { object: '--shell', hint: `name one: ${SHELLS.join(', ')}` });
    const installed = await installCompletion(shells, { system: flags.system, root: flags.root });
    for (const file of installed) {
      this.log(`${file.action} ${file.file}`);
      if (file.hint) this.log(`  ${file.hint}`);
    }
    return { files: installed };
  }
}
