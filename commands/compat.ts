import { Command } from '@oclif/core/command';
import { runCompatProcess } from '../src/compat/process-io.js';

export default class Compat extends Command {
  static override summary = "Run Perl scstadmin's command line (a drop-in for existing scripts).";
  static override description =
    'Everything after `compat` is read the way Perl scstadmin reads its arguments (-config FILE, -open_dev D -handler H -attributes a=v, -list_device, …) and printed in its formats with its exit codes. The host comes from SCST_SIMULATE_STATE or SCST_SYSFS_ROOT. Same as the scstadmin-compat executable; see docs/compat.md.';
  static override strict = false;
  static override examples = ['<%= config.bin %> compat -list_device', '<%= config.bin %> compat -noprompt -force -config /etc/scst.conf'];

  // bin/run.js runs `compat` without oclif (which would take --help for itself); this class
  // gives it its place in the command list, `help compat`, and programmatic runs.
  async run(): Promise<void> {
    this.exit(await runCompatProcess(this.argv));
  }
}
