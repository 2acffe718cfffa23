import { BaseCommand } from '../src/cli/base-command.js';
import { openHost } from '../src/system/host.js';
import { productEngine } from '../src/system/engine.js';
import { stopService, type StopReport } from '../src/system/service.js';
import { attemptsFlag, daemonTimeoutFlag, serviceOptions, waitFlag } from '../src/system/service-flags.js';
import { renderStop } from '../src/system/render-service.js';

export default class Stop extends BaseCommand {
  static override summary = 'Stop SCST: clear the configuration, stop iscsi-scstd, unload the modules.';
  static override description =
    'Targets are disabled and their sessions closed, every object is removed through the executor (backing files are never touched), then the daemon is stopped and every SCST module unloaded, users first, each retried while busy.';
  static override flags = { timeout: daemonTimeoutFlag, attempts: attemptsFlag, wait: waitFlag };
  static override examples = ['<%= config.bin %> stop', '<%= config.bin %> stop --simulate'];

  async run(): Promise<StopReport> {
    const { flags } = await this.parse(Stop);
    const host = await openHost({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
    const engine = productEngine({ force: true, prune: true, waitSeconds: flags.wait, simulationFile: flags.simulate, onNotice: (m) => this.warn(m) });
    const report = await stopService(host, engine, await serviceOptions(host, flags));
    for (const line of renderStop(report)) this.log(line);
    return report;
  }
}
