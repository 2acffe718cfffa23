import * as Args from '@oclif/core/args';
import { BaseCommand } from '../src/cli/base-command.js';
import { confPath } from '../src/conf/files.js';
import { loadDesired, openRunTree, pendingExitCode, planFlags } from '../src/plan/cli.js';
import { driftOf, renderDrift, type Drift } from '../src/plan/drift.js';
import { DRIFT_SHAPE } from '../src/plan/json-shape.js';

export default class Diff extends BaseCommand {
  static override summary = 'Show the drift between a config file and the live SCST, both ways.';
  static override jsonShape = DRIFT_SHAPE;
  static override description =
    'Lists what the file has that the host lacks or has differently, and what the host has that the file does not mention. Nothing is changed. With --detailed-exitcode the exit status is 3 when they differ, 0 when they match.';
  static override args = {
    file: Args.string({ description: 'config file (default /etc/scst.conf, or SCST_CONF)', required: false }),
  };
  static override flags = { 'show-secrets': planFlags['show-secrets'], 'detailed-exitcode': planFlags['detailed-exitcode'] };
  static override examples = ['<%= config.bin %> diff', '<%= config.bin %> diff new.conf --json', '<%= config.bin %> diff --detailed-exitcode'];

  async run(): Promise<Drift> {
    const { args, flags } = await this.parse(Diff);
    const desired = await loadDesired(confPath(args.file));
    const { sysfs, close } = await openRunTree(flags);
    const { drift, plan } = await driftOf(sysfs, desired, flags['show-secrets']).finally(close);
    for (const line of renderDrift(drift)) this.log(line);
    const exit = pendingExitCode(plan, flags['detailed-exitcode']);
    if (exit !== undefined) process.exitCode = exit;
    return drift;
  }
}
