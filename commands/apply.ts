import * as Args from '@oclif/core/args';
import { BaseCommand } from '../src/cli/base-command.js';
import { confPath } from '../src/conf/files.js';
import { applyExitCode, loadDesired, openRunTree, planFlags, runFlags, runOptionsOf, runReport, runSummary, type RunReport } from '../src/plan/cli.js';
import { applyConfig } from '../src/plan/index.js';
import { RUN_REPORT_SHAPE } from '../src/plan/json-shape.js';

export default class Apply extends BaseCommand {
  static override summary = 'Make the live SCST match a config file, with the fewest writes, rolled back on failure.';
  static override jsonShape = RUN_REPORT_SHAPE;
  static override description =
    'Plans like `plan`, shows the plan, asks before anything destructive (unless --yes; without a terminal it refuses and exits 2), then applies it under the lock with a journal. A failed write undoes every applied write in reverse, so the host ends as it started. An interrupted earlier run is found and rolled back first (or finished with --resume). A second run writes nothing. --json reports the plan, the writes applied, the sysfs reads and writes and the milliseconds.';
  static override args = {
    file: Args.string({ description: 'config file (default /etc/scst.conf, or SCST_CONF)', required: false }),
  };
  static override flags = { ...planFlags, ...runFlags };
  static override examples = [
    '<%= config.bin %> apply',
    '<%= config.bin %> apply new.conf --dry-run',
    '<%= config.bin %> apply new.conf --prune --yes --wait 30',
    '<%= config.bin %> apply /etc/scst.conf --json --simulate',
  ];

  async run(): Promise<RunReport> {
    const { args, flags } = await this.parse(Apply);
    const file = confPath(args.file);
    const desired = await loadDesired(file, { prune: flags.prune });
    const { sysfs, simulationFile, close } = await openRunTree(flags);
    const hooks = { json: this.jsonEnabled(), log: (l: string) => this.log(l), warn: (l: string) => this.warn(l), showSecrets: flags['show-secrets'] };
    const options = runOptionsOf(flags, simulationFile, `apply ${file}`, hooks);
    try {
      const result = await applyConfig(sysfs, desired, options);
      for (const line of runSummary(result)) this.log(line);
      const exit = applyExitCode(result, flags['detailed-exitcode']);
      if (exit !== undefined) process.exitCode = exit;
      return runReport(result, flags['show-secrets']);
    } finally {
      options.finish();
      await close();
    }
  }
}
