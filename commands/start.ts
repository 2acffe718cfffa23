import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../src/cli/base-command.js';
import { EXIT } from '../src/errors.js';
import { startService, type StartReport } from '../src/system/service.js';
import { configFlag, daemonTimeoutFlag, forceFlag, prepareServiceRun, waitFlag } from '../src/system/service-flags.js';
import { heldBack, renderStart } from '../src/system/render-service.js';
import { START_REPORT_SHAPE } from '../src/system/json-shapes.js';

export default class Start extends BaseCommand {
  static override summary = 'Start SCST: load the modules, start iscsi-scstd, apply the configuration.';
  static override jsonShape = START_REPORT_SHAPE;
  static override description =
    'Loads what the file needs (and SCST_TARGET_MODULES), starts iscsi-scstd when the file has iSCSI, then makes the kernel match the file through the executor. If any step fails, what this run did is undone: the configuration is rolled back, a daemon it started is stopped, modules it loaded are unloaded. Running it on a started host only applies the differences.';
  static override flags = {
    config: configFlag,
    force: forceFlag,
    options: Flags.string({ description: 'iscsi-scstd options (replaces ISCSID_OPTIONS)' }),
    timeout: daemonTimeoutFlag,
    wait: waitFlag,
  };
  static override examples = ['<%= config.bin %> start', '<%= config.bin %> start --config /etc/scst.conf', '<%= config.bin %> start --simulate'];

  async run(): Promise<StartReport> {
    const { flags } = await this.parse(Start);
    const { host, engine, options } = await prepareServiceRun(flags, { force: flags.force, prune: true }, (m) => this.warn(m));
    const report = await startService(host, engine, options);
    for (const line of renderStart(report, 'start')) this.log(line);
    if (heldBack(report) > 0) process.exitCode = EXIT.FAILED;
    return report;
  }
}
