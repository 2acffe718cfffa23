import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../src/cli/base-command.js';
import { confPath } from '../src/conf/files.js';
import { checkReportLines } from '../src/conf/render.js';
import { checkFile, type CheckReport } from '../src/conf/workflows.js';
import { EXIT } from '../src/errors.js';
import { CHECK_REPORT_SHAPE } from '../src/conf/json-shapes.js';

export default class CheckConfig extends BaseCommand {
  static override summary = 'Check an scst.conf for errors, offline and against the live SCST.';
  static override jsonShape = CHECK_REPORT_SHAPE;
  static override description =
    'Reads FILE (default /etc/scst.conf, or SCST_CONF) and reports every finding as file:line:col with its severity: syntax scstadmin would silently mangle, names and values SCST refuses, attributes a handler or driver does not have, LUNs on undefined devices, duplicates, missing LUN 0, initiators in two groups, CHAP secret lengths, missing backing files, unsafe permissions. When SCST is loaded it also checks that handlers and drivers are loaded and that existing devices have the same creation parameters. Exit 0 when clean or only warnings, 2 when there are errors. Nothing is changed.';
  static override args = {
    file: Args.string({ description: 'config file (default /etc/scst.conf, or SCST_CONF)', required: false }),
  };
  static override flags = {
    offline: Flags.boolean({ description: 'do not look at the live SCST even when it is loaded' }),
  };
  static override examples = [
    '<%= config.bin %> check-config',
    '<%= config.bin %> check-config /etc/scst.conf.new --json',
    '<%= config.bin %> check-config new.conf --simulate',
  ];

  async run(): Promise<CheckReport> {
    const { args, flags } = await this.parse(CheckConfig);
    const sysfs = flags.offline ? undefined : (await this.sysfs(flags)).sysfs;
    const report = await checkFile(confPath(args.file), { sysfs });
    for (const line of checkReportLines(report)) this.log(line);
    if (report.errors > 0) process.exitCode = EXIT.USAGE;
    return report;
  }
}
