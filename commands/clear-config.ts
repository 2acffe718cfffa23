import { BaseCommand } from '../src/cli/base-command.js';
import { badInput } from '../src/errors.js';
import { openRunTree, runFlags, runOptionsOf, runReport, runSummary, planFlags, type RunReport } from '../src/plan/cli.js';
import { clearConfig } from '../src/plan/index.js';
import { RUN_REPORT_SHAPE } from '../src/plan/json-shape.js';

export default class ClearConfig extends BaseCommand {
  static override summary = 'Remove the whole SCST configuration, in a safe order.';
  static override jsonShape = RUN_REPORT_SHAPE;
  static override description =
    'Disables and deletes every virtual target (closing its sessions first), empties and disables hardware targets, removes initiator groups, LUNs, dynamic attribute values and device groups, closes every device and disables the drivers. Backing files are never touched. Needs --force; asks for confirmation unless --yes. Runs under the lock with a journal and rolls back on failure.';
  static override flags = {
    force: planFlags.force,
    'show-secrets': planFlags['show-secrets'],
    'no-suspend': planFlags['no-suspend'],
    ...runFlags,
  };
  static override examples = ['<%= config.bin %> clear-config --force', '<%= config.bin %> clear-config --force --dry-run', '<%= config.bin %> clear-config --force --yes --simulate'];

  async run(): Promise<RunReport> {
    const { flags } = await this.parse(ClearConfig);
    if (!flags.force) throw badInput('clear-config removes everything and needs --force', { object: 'clear-config', hint: 'see what it would do with: clear-config --force --dry-run', code: 'FORCE_NEEDED' });
    const { sysfs, simulationFile, close } = await openRunTree(flags);
    const hooks = { json: this.jsonEnabled(), log: (l: string) => this.log(l), warn: (l: string) => this.warn(l), showSecrets: flags['show-secrets'] };
    const options = runOptionsOf(flags, simulationFile, 'clear-config', hooks);
    try {
      const result = await clearConfig(sysfs, options);
      for (const line of runSummary(result)) this.log(line);
      return runReport(result, flags['show-secrets']);
    } finally {
      options.finish();
      await close();
    }
  }
}
