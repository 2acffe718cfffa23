import { BaseCommand } from '../../src/cli/base-command.js';
import { openHost } from '../../src/system/host.js';
import { stopDaemon, type DaemonStopResult } from '../../src/system/daemon-manager.js';
import { renderDaemonStop } from '../../src/system/render.js';
import { integerFlag } from '../../src/cli/integer-flag.js';
import { DAEMON_STOP_SHAPE } from '../../src/system/json-shapes.js';

export default class DaemonStop extends BaseCommand {
  static override summary = 'Stop iscsi-scstd: SIGTERM, then SIGKILL after the timeout.';
  static override jsonShape = DAEMON_STOP_SHAPE;
  static override description =
    'When the daemon exits the kernel closes every iSCSI session and deletes every iSCSI target; `stop` does this in order (targets disabled first). A PID file whose process is gone is removed.';
  static override flags = {
    timeout: integerFlag({ description: 'seconds to wait after SIGTERM before SIGKILL', helpValue: 'SECONDS', default: 30, min: 1, max: 3600 }),
  };
  static override examples = ['<%= config.bin %> daemon stop'];

  async run(): Promise<DaemonStopResult> {
    const { flags } = await this.parse(DaemonStop);
    const host = await openHost({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
    const result = await stopDaemon(host, { timeoutMs: flags.timeout * 1000 });
    for (const line of renderDaemonStop(result)) this.log(line);
    return result;
  }
}
