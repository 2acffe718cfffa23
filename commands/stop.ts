import { BaseCommand } from '../src/cli/base-command.js';
import { stopService, type StopReport } from '../src/system/service.js';
import { attemptsFlag, daemonTimeoutFlag, prepareServiceRun, waitFlag } from '../src/system/service-flags.js';
import { renderStop } from '../src/system/render-service.js';
import { STOP_REPORT_SHAPE } from '../src/system/json-shapes.js';

export default class Stop extends BaseCommand {
  static override summary = 'Stop SCST: clear the configuration, stop iscsi-scstd, unload the modules.';
  static override jsonShape = STOP_REPORT_SHAPE;
  static override description =
    'Targets are disabled and their sessions closed, every object is removed through the executor (backing files are never touched), then the daemon is stopped and every SCST module unloaded, users first, each retried while busy.';
  static override flags = { timeout: daemonTimeoutFlag, attempts: attemptsFlag, wait: waitFlag };
  static override examples = ['<%= config.bin %> stop', '<%= config.bin %> stop --simulate'];

  async run(): Promise<StopReport> {
    const { flags } = await this.parse(Stop);
    const { host, engine, options } = await prepareServiceRun(flags, { force: true, prune: true }, (m) => this.warn(m));
    const report = await stopService(host, engine, options);
    for (const line of renderStop(report)) this.log(line);
    return report;
  }
}
