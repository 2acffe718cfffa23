/**
 * `scstadmin-ts --help` as an index grouped by object: the single-object commands (add-lun,
 * rm-device, list-targets, …) under DEVICES, TARGETS AND DRIVERS, LUNS, ACCESS, CHAP, ALUA and
 * SESSIONS, every other command under COMMANDS. The section is read from the command's name
 * (the object follows the verb), so a new command lands in its section without being listed here.
 */
import type { Command } from '@oclif/core/command';
import { CommandHelp, Help } from '@oclif/core/help';

/** First match wins: ALUA names end in -group too. */
const SECTIONS: ReadonlyArray<[string, RegExp]> = [
  ['ALUA', /^[a-z]+-(device-groups?|target-groups?|group-members?|alua-state)$/],
  ['DEVICES', /^[a-z]+-(devices?|media)$/],
  ['TARGETS AND DRIVERS', /^[a-z]+-(targets?|drivers?)$/],
  ['LUNS', /^[a-z]+-luns?$/],
  ['ACCESS', /^[a-z]+-(groups?|initiators?|portals?)$/],
  ['CHAP', /^[a-z]+-chap-users?$/],
  ['SESSIONS', /^[a-z]+-sessions?$/],
];

/**
 * oclif renders every text of a help page as an ejs template (`<%= config.bin %>`), compiling
 * each: some hundred summaries for the index, a third of its time. Text without a tag is what
 * the template would render anyway.
 */
function renderTagsOnly(formatter: { render: (text: string) => string }): void {
  const render = formatter.render;
  formatter.render = (text) => (text.includes('<%') ? render(text) : text);
}

class TemplatedOnlyCommandHelp extends CommandHelp {
  constructor(...args: ConstructorParameters<typeof CommandHelp>) {
    super(...args);
    renderTagsOnly(this);
  }
}

export default class GroupedHelp extends Help {
  override CommandHelpClass = TemplatedOnlyCommandHelp;

  constructor(...args: ConstructorParameters<typeof Help>) {
    super(...args);
    renderTagsOnly(this);
  }

  override formatCommands(commands: Command.Loadable[]): string {
    const rest: Command.Loadable[] = [];
    const grouped = new Map<string, Command.Loadable[]>(SECTIONS.map(([title]) => [title, []]));
    for (const command of commands) {
      const section = SECTIONS.find(([, pattern]) => pattern.test(command.id));
      if (section) grouped.get(section[0])!.push(command);
      else rest.push(command);
    }
    const blocks = [super.formatCommands(rest)];
    for (const [title, members] of grouped) {
      if (members.length > 0) blocks.push(super.formatCommands(members).replace(/^(\S.*)?COMMANDS/, (m) => m.replace('COMMANDS', title)));
    }
    return blocks.filter((b) => b !== '').join('\n\n');
  }
}
