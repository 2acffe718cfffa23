import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { EditCommand } from '../src/cli/edit-command.js';
import { addTarget, driverFlag, editFlags, proposeIqn, type EditReport } from '../src/edit/index.js';
import { parseAssignments } from '../src/edit/assignments.js';
import { targetMessages } from '../src/edit/changes/messages.js';
import { badInput } from '../src/errors.js';
import { EDIT_REPORT_SHAPE } from '../src/edit/json-shapes.js';

export default class AddTarget extends EditCommand {
  static override summary = 'Create a target of a driver (iSCSI by default), with NAME=VALUE parameters.';
  static override jsonShape = EDIT_REPORT_SHAPE;
  static override description =
    'Creates TARGET disabled (enable it with enable-target once it has LUNs, or pass enabled=1); the other NAME=VALUE words set target attributes (rel_tgt_id, HeaderDigest, …) checked against the driver\'s attribute table. --generate-iqn proposes an IQN from the date and this host\'s name when TARGET is omitted. The same target again: "already present — nothing to do".';
  static override strict = false;
  static override args = {
    target: Args.string({ description: 'target name (omit with --generate-iqn)', required: false }),
    attributes: Args.string({ description: 'NAME=VALUE target parameters', required: false }),
  };
  static override flags = {
    ...driverFlag,
    'generate-iqn': Flags.boolean({ description: 'propose an IQN (iqn.YYYY-MM.reversed.domain:host.tag) for the new target' }),
    ...editFlags,
  };
  static override examples = [
    '<%= config.bin %> add-target iqn.2024-01.com.example:store',
    '<%= config.bin %> add-target iqn.2024-01.com.example:store rel_tgt_id=2 HeaderDigest=CRC32C',
    '<%= config.bin %> add-target --generate-iqn',
  ];

  async run(): Promise<EditReport> {
    const { argv, flags } = await this.parse(AddTarget);
    const words = argv as string[];
    const named = words[0] !== undefined && !words[0].includes('=');
    const target = named ? words[0]! : flags['generate-iqn'] ? proposeIqn() : undefined;
    if (target === undefined) {
      const first = words[0];
      throw badInput(first === undefined ? targetMessages.noName : targetMessages.nameBeforeParameters(first), { code: 'BAD_USAGE' });
    }
    const attributes = parseAssignments(named ? words.slice(1) : words, `target ${flags.driver}/${target}`);
    return this.edit(flags, addTarget({ driver: flags.driver, target, attributes }));
  }
}
