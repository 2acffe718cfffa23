import * as Args from '@oclif/core/args';
import { BaseCommand } from '../../src/cli/base-command.js';
import { openHost } from '../../src/system/host.js';
import { readDefaults } from '../../src/system/defaults-file.js';
import { checkModuleNames, unloadModules } from '../../src/system/module-manager.js';
import { allScstModulesUnloadOrder } from '../../src/system/module-catalog.js';
import { renderModuleSteps } from '../../src/system/render.js';
import { integerFlag } from '../../src/cli/integer-flag.js';
import { MODULE_STEPS_SHAPE } from '../../src/system/json-shapes.js';

export default class ModulesUnload extends BaseCommand {
  static override summary = 'Unload SCST kernel modules, users before what they use.';
  static override jsonShape = MODULE_STEPS_SHAPE;
  static override description =
    'With names, unloads those modules; without, every SCST module. A module still in use is retried once a second up to --attempts times. Unloading iscsi_scst ends the iscsi-scstd daemon and with it every iSCSI target: use `stop` to shut SCST down in order.';
  static override strict = false;
  static override args = { names: Args.string({ description: 'module names', required: false }) };
  static override flags = {
    attempts: integerFlag({ description: 'tries per busy module, one second apart', default: 30, min: 1, max: 3600 }),
  };
  static override examples = ['<%= config.bin %> modules unload scst_local', '<%= config.bin %> modules unload'];

  async run(): Promise<{ modules: unknown[] }> {
    const { argv, flags } = await this.parse(ModulesUnload);
    const host = await openHost({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
    const defaults = await readDefaults(host.paths.defaultsFile);
    const names = checkModuleNames(argv as string[], defaults.targetModules);
    const targets = names.length > 0 ? names : [...defaults.targetModules, ...allScstModulesUnloadOrder()];
    const steps = await unloadModules(host, targets, { attempts: flags.attempts });
    for (const line of renderModuleSteps(steps, names.length === 0)) this.log(line);
    return { modules: steps };
  }
}
