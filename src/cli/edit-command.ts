/**
 * The base of the single-object commands (add-lun, rm-device, …): a BaseCommand that runs one
 * change through the edit engine with the shared flags, printing as it goes.
 */
import { BaseCommand } from './base-command.js';
import { runEditCommand, type Change, type EditFlagValues, type EditReport } from '../edit/index.js';

export abstract class EditCommand extends BaseCommand {
  protected edit(flags: EditFlagValues, change: Change): Promise<EditReport> {
    return runEditCommand(flags, change, { json: this.jsonEnabled(), log: (l) => this.log(l), warn: (l) => this.warn(l) });
  }
}
