import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../src/cli/base-command.js';
import { readLive } from '../src/live/index.js';
import type { ScstConfig } from '../src/model/types.js';
import { maskSecrets } from '../src/ui/mask.js';
import { narrowTree } from '../src/ui/show-tree.js';
import { showMessages } from '../src/ui/show-messages.js';
import { renderTree } from '../src/ui/tree.js';
import { CONFIG_SHAPE } from '../src/model/json-shape.js';

export default class Show extends BaseCommand {
  static override summary = 'Show the live SCST configuration as a tree.';
  static override jsonShape = CONFIG_SHAPE;
  static override description =
    'One line per object with a short summary, like targetcli\'s "ls". PATH narrows the tree to one object and shows its saved attributes, e.g. devices/disk1, handlers/vdisk_fileio, targets/iscsi/IQN, targets/iscsi/IQN/luns, device_groups/dg1. CHAP secrets are masked unless --show-secrets. With --json the configuration model is printed (see docs/show.md).';
  static override args = {
    path: Args.string({ description: 'part of the SCST tree to show', required: false }),
  };
  static override flags = {
    attributes: Flags.boolean({ char: 'a', description: 'show the saved attributes of every object' }),
    'show-secrets': Flags.boolean({ description: 'print CHAP secrets instead of ********' }),
  };
  static override examples = [
    '<%= config.bin %> show',
    '<%= config.bin %> show devices/disk1',
    '<%= config.bin %> show targets/iscsi/iqn.2024-01.com.example:store --show-secrets',
    '<%= config.bin %> show --json --simulate',
  ];

  async run(): Promise<ScstConfig> {
    const { args, flags } = await this.parse(Show);
    const { sysfs } = await this.sysfs(flags);
    const live = await readLive(sysfs, { scope: args.path });
    const config = flags['show-secrets'] ? live : maskSecrets(live);
    const tree = narrowTree(config, args.path, { attributes: flags.attributes });
    const width = process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined;
    for (const line of renderTree(tree, { width })) this.log(line);
    for (const problem of config.live?.unreadable ?? []) this.logToStderr(showMessages.unreadable(problem.path, problem.errno));
    return config;
  }
}
