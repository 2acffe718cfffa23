import * as Args from '@oclif/core/args';
import { BaseCommand } from '../src/cli/base-command.js';
import { confPath, refuseStdoutUnderJson } from '../src/conf/files.js';
import { saveReportLine, unreadableLines } from '../src/conf/render.js';
import { saveLive, type SaveReport } from '../src/conf/workflows.js';
import { SAVE_REPORT_SHAPE } from '../src/conf/json-shapes.js';

export default class WriteConfig extends BaseCommand {
  static override aliases = ['save'];
  static override summary = 'Save the live SCST configuration to an scst.conf.';
  static override jsonShape = SAVE_REPORT_SHAPE;
  static override description =
    'Writes what Perl scstadmin -write_config would write (key attributes, creation parameters, enabled states) in its layout, so both tools read it back to the same state. FILE defaults to /etc/scst.conf (or SCST_CONF). The write is atomic (temporary file, fsync, rename), the file gets mode 0600 whatever the umask, the previous version is kept in FILE.backups/ (the last 10), and an unchanged file is not rewritten. CHAP secrets go into the file but never onto the terminal.';
  static override args = {
    file: Args.string({ description: 'where to save (default /etc/scst.conf, or SCST_CONF)', required: false }),
  };
  static override examples = ['<%= config.bin %> write-config', '<%= config.bin %> save /root/scst.conf.today', '<%= config.bin %> write-config out.conf --simulate'];

  async run(): Promise<SaveReport> {
    const { args, flags } = await this.parse(WriteConfig);
    refuseStdoutUnderJson(confPath(args.file), this.jsonEnabled());
    const { sysfs } = await this.sysfs(flags);
    const report = await saveLive(sysfs, confPath(args.file));
    // The config itself went to stdout: the report must not end up inside it.
    if (report.stream) this.logToStderr(saveReportLine(report));
    else this.log(saveReportLine(report));
    for (const line of unreadableLines(report)) this.logToStderr(line);
    return report;
  }
}
