import { BaseCommand } from '../src/cli/base-command.js';
import { EXIT } from '../src/errors.js';
import { openHost } from '../src/system/host.js';
import { configFlag } from '../src/system/service-flags.js';
import { readDefaults } from '../src/system/defaults-file.js';
import { serviceConfigFile } from '../src/system/service-config.js';
import { runDoctor, type DoctorReport } from '../src/system/doctor/index.js';
import { productSources } from '../src/system/doctor/sources.js';
import { renderDoctor } from '../src/system/doctor/render.js';
import { DOCTOR_REPORT_SHAPE } from '../src/system/json-shapes.js';

export default class Doctor extends BaseCommand {
  static override summary = 'Check the SCST host and explain each problem with its fix. Exit 0 healthy, 1 problems found.';
  static override jsonShape = DOCTOR_REPORT_SHAPE;
  static override description =
    'Checks: SCST loaded; iscsi-scstd connected where iscsi_scst is loaded; modules the configuration needs; drift between the configuration and the kernel; a configuration holding CHAP secrets readable by others; backing files missing or smaller than their device; enabled targets without LUN 0; an initiator in two groups of one target.';
  static override flags = {
    config: configFlag,
  };
  static override examples = ['<%= config.bin %> doctor', '<%= config.bin %> doctor --json', '<%= config.bin %> doctor --simulate'];

  async run(): Promise<DoctorReport> {
    const { flags } = await this.parse(Doctor);
    const host = await openHost({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
    const report = await runDoctor(host, serviceConfigFile(flags.config, await readDefaults(host.paths.defaultsFile)), productSources);
    for (const line of renderDoctor(report)) this.log(line);
    if (!report.healthy) process.exitCode = EXIT.FAILED;
    return report;
  }
}
