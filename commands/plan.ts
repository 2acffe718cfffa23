import * as Args from '@oclif/core/args';
import { BaseCommand } from '../src/cli/base-command.js';
import { confPath } from '../src/conf/files.js';
import { interruptedRunOf, loadDesired, openRunTree, pendingExitCode, planFlags, planOptionsOf } from '../src/plan/cli.js';
import { journalMessages } from '../src/plan/messages.js';
import { planAgainstHost, planJson, renderPlan, type InterruptedRun, type PlanJson } from '../src/plan/index.js';
import { PLAN_REPORT_SHAPE } from '../src/plan/json-shape.js';

export default class Plan extends BaseCommand {
  static override summary = 'Show what apply would change: the fewest sysfs writes, in kernel order.';
  static override jsonShape = PLAN_REPORT_SHAPE;
  static override description =
    'Compares FILE (default /etc/scst.conf, or SCST_CONF) with the live SCST and prints one line per write: + create, ~ change, - remove, ! needs --force (with the reason), then the counts. Objects the host has and the file does not are listed as left alone unless --prune. Nothing is changed. With --detailed-exitcode the exit status is 3 when changes are pending and 0 when there are none.';
  static override args = {
    file: Args.string({ description: 'config file (default /etc/scst.conf, or SCST_CONF)', required: false }),
  };
  static override flags = planFlags;
  static override examples = [
    '<%= config.bin %> plan',
    '<%= config.bin %> plan new.conf --prune --detailed-exitcode',
    '<%= config.bin %> plan /etc/scst.conf --json --simulate',
  ];

  async run(): Promise<PlanJson & { interrupted?: InterruptedRun }> {
    const { args, flags } = await this.parse(Plan);
    const desired = await loadDesired(confPath(args.file));
    const { sysfs, close, simulationFile } = await openRunTree(flags);
    const interrupted = await interruptedRunOf(simulationFile);
    if (interrupted) this.logToStderr(`warning: ${journalMessages.pending(interrupted)}; ${journalMessages.planAsLeft}`);
    const plan = await planAgainstHost(sysfs, desired, { ...planOptionsOf(flags), drift: true }).finally(close);
    for (const line of renderPlan(plan, { showSecrets: flags['show-secrets'] })) this.log(line);
    const exit = pendingExitCode(plan, flags['detailed-exitcode']);
    if (exit !== undefined) process.exitCode = exit;
    return { ...planJson(plan, flags['show-secrets']), ...(interrupted ? { interrupted } : {}) };
  }
}
