import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../../src/cli/base-command.js';
import { openHost } from '../../src/system/host.js';
import { readDefaults } from '../../src/system/defaults-file.js';
import { daemonArgs } from '../../src/system/daemon-options.js';
import { startDaemon, type DaemonStartResult } from '../../src/system/daemon-manager.js';
import { renderDaemonStart } from '../../src/system/render.js';
import { integerFlag } from '../../src/cli/integer-flag.js';
import { DAEMON_START_SHAPE } from '../../src/system/json-shapes.js';

export default class DaemonStart extends BaseCommand {
  static override summary = 'Start iscsi-scstd and wait until the kernel reports it connected.';
  static override jsonShape = DAEMON_START_SHAPE;
  static override description =
    'Options come from --options, else ISCSID_OPTIONS in /etc/default/scst. Needs iscsi_scst loaded. Ready means targets/iscsi/open_state is `open` and the daemon\'s driver files exist, not merely that a process started.';
  static override flags = {
    options: Flags.string({ description: 'iscsi-scstd options, e.g. "-a 192.0.2.10 -p 3260" (replaces ISCSID_OPTIONS)' }),
    timeout: integerFlag({ description: 'seconds to wait for the kernel to report the daemon connected', helpValue: 'SECONDS', default: 30, min: 1, max: 3600 }),
  };
  static override examples = ['<%= config.bin %> daemon start', '<%= config.bin %> daemon start --options "-a 192.0.2.10"'];

  async run(): Promise<DaemonStartResult> {
    const { flags } = await this.parse(DaemonStart);
    const host = await openHost({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
    const args = daemonArgs(await readDefaults(host.paths.defaultsFile), flags.options);
    const result = await startDaemon(host, args, { timeoutMs: flags.timeout * 1000 });
    for (const line of renderDaemonStart(result)) this.log(line);
    return result;
  }
}
