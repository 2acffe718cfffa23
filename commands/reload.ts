import { Flags } from '@oclif/core';
import { BaseCommand } from '../src/cli/base-command.js';
import { openHost } from '../src/system/host.js';
import { productEngine } from '../src/system/engine.js';
import { reloadService, type ReloadReport } from '../src/system/service.js';
import { configFlag, daemonTimeoutFlag, forceFlag, serviceOptions, waitFlag } from '../src/system/service-flags.js';
import { renderStart } from '../src/system/render-service.js';

export default class Reload extends BaseCommand {
  static override summary = 'Apply the configuration file without restarting anything.';
  static override description =
    'No module is unloaded and the daemon is not restarted, so sessions stay up. Objects the file no longer has are kept unless --prune; removing or re-creating what an initiator uses needs --force. A module or the daemon that the file newly needs is started.';
  static override flags = {
    config: configFlag,
    force: forceFlag,
    prune: Flags.boolean({ description: 'also remove what the file no longer has' }),
    timeout: daemonTimeoutFlag,
    wait: waitFlag,
  };
  static override examples = ['<%= config.bin %> reload', '<%= config.bin %> reload --prune'];

  async run(): Promise<ReloadReport> {
    const { flags } = await this.parse(Reload);
    const host = await openHost({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
    const engine = productEngine({ force: flags.force, prune: flags.prune, waitSeconds: flags.wait, simulationFile: flags.simulate, onNotice: (m) => this.warn(m) });
    const report = await reloadService(host, engine, await serviceOptions(host, flags));
    for (const line of renderStart(report, 'reload')) this.log(line);
    return report;
  }
}
