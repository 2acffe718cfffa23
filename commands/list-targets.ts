import * as Flags from '@oclif/core/flags';
import { BaseCommand } from '../src/cli/base-command.js';
import { readLive } from '../src/live/index.js';
import { renderTargets, targetRows, type TargetRow } from '../src/ui/lists.js';
import { TARGETS_SHAPE } from '../src/ui/json-shapes.js';

export default class ListTargets extends BaseCommand {
  static override summary = 'List the targets: driver, enabled, LUNs, initiator groups, sessions.';
  static override jsonShape = TARGETS_SHAPE;
  static override description = 'With --json, the same rows as one object; its keys are under JSON OUTPUT in scstadmin-ts-list-targets(8).';
  static override flags = { driver: Flags.string({ description: 'only this driver\'s targets', helpValue: 'DRIVER' }) };
  static override examples = ['<%= config.bin %> list-targets', '<%= config.bin %> list-targets --driver iscsi --json'];

  async run(): Promise<{ targets: TargetRow[] }> {
    const { flags } = await this.parse(ListTargets);
    const scope = flags.driver === undefined ? 'targets' : `targets/${flags.driver}`;
    const rows = targetRows(await readLive((await this.sysfs(flags)).sysfs, { scope }), flags.driver);
    if (!this.jsonEnabled()) for (const line of renderTargets(rows)) this.log(line);
    return { targets: rows };
  }
}
