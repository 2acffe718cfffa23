import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../src/cli/base-command.js';
import { hostPaths } from '../src/system/paths.js';
import { uninstallService, type ServiceInstallResult } from '../src/system/service-install.js';
import { renderServiceInstall } from '../src/system/render-service.js';
import { SERVICE_INSTALL_SHAPE } from '../src/system/json-shapes.js';

export default class UninstallService extends BaseCommand {
  static override summary = 'Disable and remove the scst.service unit that install-service put in place.';
  static override jsonShape = SERVICE_INSTALL_SHAPE;
  static override description = 'It does not stop SCST (run `stop` first if you want that). /etc/default/scst is kept unless --purge.';
  static override flags = {
    root: Flags.string({ description: 'remove from this root directory (an image) instead of the running system' }),
    purge: Flags.boolean({ description: 'remove /etc/default/scst too' }),
  };
  static override examples = ['<%= config.bin %> uninstall-service', '<%= config.bin %> uninstall-service --purge'];

  async run(): Promise<ServiceInstallResult> {
    const { flags } = await this.parse(UninstallService);
    const result = await uninstallService(hostPaths(), { root: flags.root, purge: flags.purge });
    for (const line of renderServiceInstall(result)) this.log(line);
    return result;
  }
}
