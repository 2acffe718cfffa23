import { BaseCommand } from '../../src/cli/base-command.js';
import { openHost } from '../../src/system/host.js';
import { readDefaults } from '../../src/system/defaults-file.js';
import { listModules } from '../../src/system/module-list.js';
import { renderModuleRows } from '../../src/system/render.js';
import { MODULE_LIST_SHAPE } from '../../src/system/json-shapes.js';

export default class ModulesList extends BaseCommand {
  static override summary = 'Show which SCST kernel modules are loaded, and who uses them.';
  static override jsonShape = MODULE_LIST_SHAPE;
  static override description = 'Reads /proc/modules and /sys/module (SCST_PROC_MODULES and SCST_SYS_MODULE override them).';
  static override examples = ['<%= config.bin %> modules list', '<%= config.bin %> modules list --json'];

  async run(): Promise<{ kernelRelease: string; modules: unknown[] }> {
    const { flags } = await this.parse(ModulesList);
    const host = await openHost({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
    const defaults = await readDefaults(host.paths.defaultsFile);
    const rows = await listModules(host, defaults.targetModules);
    for (const line of renderModuleRows(rows)) this.log(line);
    return { kernelRelease: host.paths.kernelRelease, modules: rows };
  }
}
