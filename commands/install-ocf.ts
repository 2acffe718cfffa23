import * as Flags from '@oclif/core/flags';
import { join } from 'node:path';
import { BaseCommand } from '../src/cli/base-command.js';
import { installOcf, type OcfInstallResult } from '../src/ha/install.js';
import { INSTALL_OCF_SHAPE } from '../src/ha/json-shape.js';

export default class InstallOcf extends BaseCommand {
  static override summary = 'Install the Pacemaker resource agent ocf:scstadmin-ts:scst.';
  static override jsonShape = INSTALL_OCF_SHAPE;
  static override description =
    'Writes the agent script into /usr/lib/ocf/resource.d/scstadmin-ts/scst (or under --root), naming this node and this CLI by absolute paths, since Pacemaker runs agents with a minimal PATH. An existing different version is kept as scst.bak. See docs/ha.md for the cluster set-up.';
  static override flags = {
    root: Flags.string({ description: 'install into this root directory (an image) instead of the running system' }),
  };
  static override examples = ['<%= config.bin %> install-ocf', '<%= config.bin %> install-ocf --root /mnt/image'];

  async run(): Promise<OcfInstallResult> {
    const { flags } = await this.parse(InstallOcf);
    const result = await installOcf({ root: flags.root, cli: [process.execPath, join(this.config.root, 'bin', 'run.js')], packageRoot: this.config.root });
    this.log(`${result.path}: ${result.action} (Pacemaker names it ${result.agent})`);
    return result;
  }
}
