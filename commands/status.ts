import { BaseCommand } from '../src/cli/base-command.js';
import { interruptedRunOf } from '../src/plan/cli.js';
import { openHost } from '../src/system/host.js';
import { configFlag } from '../src/system/service-flags.js';
import { readDefaults } from '../src/system/defaults-file.js';
import { serviceConfigFile } from '../src/system/service-config.js';
import { serviceStatus, type ServiceStatus } from '../src/system/service-status.js';
import { renderServiceStatus } from '../src/system/render-service.js';
import { SERVICE_STATUS_SHAPE } from '../src/system/json-shapes.js';

export default class Status extends BaseCommand {
  static override summary = 'Is the SCST service running? Modules, daemon, targets, sessions, drift from the file.';
  static override jsonShape = SERVICE_STATUS_SHAPE;
  static override description =
    'Exit codes follow the LSB status table: 0 running (every module the configuration needs is loaded, and iscsi-scstd is connected when iSCSI is configured), 1 the daemon died leaving its PID file, 3 not running.';
  static override flags = {
    config: configFlag,
  };
  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status --json'];

  async run(): Promise<ServiceStatus> {
    const { flags } = await this.parse(Status);
    const host = await openHost({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
    const defaults = await readDefaults(host.paths.defaultsFile);
    const status = await serviceStatus(host, serviceConfigFile(flags.config, defaults), defaults.targetModules);
    const interrupted = await interruptedRunOf(flags.simulate);
    if (interrupted) status.interrupted = interrupted;
    for (const line of renderServiceStatus(status)) this.log(line);
    process.exitCode = status.exitCode;
    return status;
  }
}
