import * as Flags from '@oclif/core/flags';
import { join } from 'node:path';
import { BaseCommand } from '../src/cli/base-command.js';
import { hostPaths } from '../src/system/paths.js';
import { installService, unitCommandLine, type ServiceInstallResult } from '../src/system/service-install.js';
import { renderServiceInstall } from '../src/system/render-service.js';
import { SERVICE_INSTALL_SHAPE } from '../src/system/json-shapes.js';

export default class InstallService extends BaseCommand {
  static override summary = 'Install the systemd unit scst.service and the /etc/default/scst skeleton.';
  static override jsonShape = SERVICE_INSTALL_SHAPE;
  static override description =
    'The unit runs `start`, `stop` and `reload` of this CLI. An existing /etc/default/scst is kept. On a host booted with systemd the unit is enabled (after daemon-reload); with --root DIR the files go into an image and `systemctl --root` enables it there.';
  static override flags = {
    root: Flags.string({ description: 'install into this root directory (an image) instead of the running system' }),
    bin: Flags.string({ description: 'command line systemd runs for this CLI (default: this node and this CLI, absolute)' }),
    'no-enable': Flags.boolean({ description: 'install the files but do not enable the unit' }),
  };
  static override examples = ['<%= config.bin %> install-service', '<%= config.bin %> install-service --root /mnt/image --no-enable'];

  async run(): Promise<ServiceInstallResult> {
    const { flags } = await this.parse(InstallService);
    const cli = flags.bin ?? unitCommandLine([process.execPath, join(this.config.root, 'bin', 'run.js')]);
    const result = await installService(hostPaths(), { root: flags.root, cli, packageRoot: this.config.root, enable: !flags['no-enable'] });
    for (const line of renderServiceInstall(result)) this.log(line);
    return result;
  }
}
