import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../src/cli/base-command.js';
import { EXIT } from '../src/errors.js';
import { reloadService, type ReloadReport } from '../src/system/service.js';
import { configFlag, daemonTimeoutFlag, forceFlag, prepareServiceRun, waitFlag } from '../src/system/service-flags.js';
import { heldBack, renderStart } from '../src/system/render-service.js';
import { START_REPORT_SHAPE } from '../src/system/json-shapes.js';

export default class Reload extends BaseCommand {
  static override summary = 'Apply the configuration file without restarting anything.';
  static override jsonShape = START_REPORT_SHAPE;
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
    const { host, engine, options } = await prepareServiceRun(flags, { force: flags.force, prune: flags.prune }, (m) => this.warn(m));
    const report = await reloadService(host, engine, options);
    for (const line of renderStart(report, 'reload')) this.log(line);
    if (heldBack(report) > 0) process.exitCode = EXIT.FAILED;
    return report;
  }
}
