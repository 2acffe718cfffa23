import * as Flags from '@oclif/core/flags';
import { join } from 'node:path';
import { BaseCommand } from '../src/cli/base-command.js';
import type { InstalledFile } from '../src/meta/install.js';
import { installManPages, MAN_DIR } from '../src/man/install.js';
import { INSTALLED_FILES_SHAPE } from '../src/meta/install-shape.js';

export default class InstallMan extends BaseCommand {
  static override summary = 'Install the man pages: scstadmin-ts(8), scstadmin-ts-COMMAND(8) and scst.conf(5).';
  static override jsonShape = INSTALLED_FILES_SHAPE;
  static override description = `Into ${MAN_DIR}/man8 and man5 (where man finds them; needs root), or the same under --root DIR (an image). npm install -g links them already.`;
  static override flags = {
    root: Flags.string({ description: 'install into this root directory (an image) instead of the running system', helpValue: 'DIR' }),
  };
  static override examples = ['sudo <%= config.bin %> install-man', '<%= config.bin %> install-man --root /mnt/image'];

  async run(): Promise<{ files: InstalledFile[] }> {
    const { flags } = await this.parse(InstallMan);
    const installed = await installManPages({ root: flags.root });
    const written = installed.filter((f) => f.action === 'installed').length;
    this.log(`${written} of ${installed.length} man pages installed under ${join(flags.root ?? '/', MAN_DIR)}`);
    return { files: installed };
  }
}
