import { BaseCommand } from '../../src/cli/base-command.js';
import { openHost } from '../../src/system/host.js';
import { daemonStatus, type DaemonStatus } from '../../src/system/daemon-manager.js';
import { renderDaemonStatus } from '../../src/system/render.js';
import { LSB_STATUS } from '../../src/system/lsb.js';
import { DAEMON_STATUS_SHAPE } from '../../src/system/json-shapes.js';

export default class DaemonStatusCommand extends BaseCommand {
  static override summary = 'Is iscsi-scstd running and connected to the kernel? Exit 0 yes, 3 no.';
  static override jsonShape = DAEMON_STATUS_SHAPE;
  static override examples = ['<%= config.bin %> daemon status', '<%= config.bin %> daemon status --json'];

  async run(): Promise<DaemonStatus> {
    const { flags } = await this.parse(DaemonStatusCommand);
    const host = await openHost({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
    const status = await daemonStatus(host);
    for (const line of renderDaemonStatus(status)) this.log(line);
    if (!status.running) process.exitCode = status.stalePidFile ? LSB_STATUS.DEAD_PID_FILE : LSB_STATUS.NOT_RUNNING;
    return status;
  }
}
