import * as Flags from '@oclif/core/flags';
import { join } from 'node:path';
import { BaseCommand } from '../src/cli/base-command.js';
import { DEFAULT_INSTALL_DIR, installCompat, type InstallCompatResult } from '../src/compat/install.js';
import { INSTALL_COMPAT_SHAPE } from '../src/compat/json-shape.js';

export default class InstallCompat extends BaseCommand {
  static override summary = 'Install a `scstadmin` command that runs scstadmin-compat (Perl scstadmin\'s command line).';
  static override jsonShape = INSTALL_COMPAT_SHAPE;
  static override description =
    'Writes a small `scstadmin` wrapper to /usr/local/sbin, which PATH searches before /usr/sbin, so existing scripts and cluster agents run scstadmin-ts unchanged. An installed Perl scstadmin is never replaced silently: that needs --force, and the Perl tool stays runnable as scstadmin-perl. See docs/compat.md.';
  static override flags = {
    root: Flags.string({ description: 'install into this root directory (an image) instead of the running system' }),
    dir: Flags.string({ description: `directory for the command (default ${DEFAULT_INSTALL_DIR})` }),
    force: Flags.boolean({ description: 'install even in front of an installed Perl scstadmin (kept as scstadmin-perl)' }),
  };
  static override examples = ['<%= config.bin %> install-compat', '<%= config.bin %> install-compat --force', '<%= config.bin %> install-compat --root /mnt/image'];

  async run(): Promise<InstallCompatResult> {
    const { flags } = await this.parse(InstallCompat);
    const command = [process.execPath, join(this.config.root, 'bin', 'scstadmin-compat.js')];
    const result = await installCompat({ root: flags.root, dir: flags.dir, command, force: flags.force });
    this.log(result.status === 'unchanged' ? `${result.path} is already installed.` : `Installed ${result.path} (runs scstadmin-compat).`);
    if (result.perlAlias) this.log(`The Perl scstadmin (${result.perl}) stays runnable as ${result.perlAlias}.`);
    return result;
  }
}
