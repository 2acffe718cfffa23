import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../../src/cli/base-command.js';
import { openHost } from '../../src/system/host.js';
import { readDefaults } from '../../src/system/defaults-file.js';
import { checkModuleNames, loadModules } from '../../src/system/module-manager.js';
import { modulesForConfig } from '../../src/system/module-catalog.js';
import { readServiceConfig, serviceConfigFile } from '../../src/system/service-config.js';
import { renderModuleSteps } from '../../src/system/render.js';
import { MODULE_STEPS_SHAPE } from '../../src/system/json-shapes.js';

export default class ModulesLoad extends BaseCommand {
  static override summary = 'Load SCST kernel modules in dependency order.';
  static override jsonShape = MODULE_STEPS_SHAPE;
  static override description =
    'With names, loads those modules (and the SCST modules they need). Without names, loads what the configuration file needs: scst, the modules of its handlers and target drivers, and SCST_TARGET_MODULES from /etc/default/scst.';
  static override strict = false;
  static override args = { names: Args.string({ description: 'module names, e.g. scst_vdisk iscsi_scst', required: false }) };
  static override flags = {
    config: Flags.string({ char: 'c', description: 'configuration whose modules to load (default /etc/scst.conf, or SCST_CONF)' }),
  };
  static override examples = ['<%= config.bin %> modules load', '<%= config.bin %> modules load scst_vdisk iscsi_scst'];

  async run(): Promise<{ modules: unknown[] }> {
    const { argv, flags } = await this.parse(ModulesLoad);
    const host = await openHost({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
    const defaults = await readDefaults(host.paths.defaultsFile);
    const names = checkModuleNames(argv as string[], defaults.targetModules);
    let steps;
    if (names.length > 0) {
      steps = await loadModules(host, names);
    } else {
      const config = await readServiceConfig(serviceConfigFile(flags.config, defaults));
      const plan = modulesForConfig(config, defaults.targetModules);
      steps = await loadModules(host, plan.required, plan.optional);
    }
    for (const line of renderModuleSteps(steps)) this.log(line);
    return { modules: steps };
  }
}
