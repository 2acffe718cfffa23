import * as Args from '@oclif/core/args';
import { BaseCommand } from '../src/cli/base-command.js';
import { completionScript, SHELLS } from '../src/completion/scripts.js';

export default class Completion extends BaseCommand {
  static override summary = 'Print the shell completion script for bash, zsh or fish.';
  static override description =
    'Commands, flags and flag values complete from the command metadata; targets, devices, LUNs, groups, initiators, handlers and drivers complete with the names on the running SCST host (or the emulated one with --simulate). install-completion puts the script where the shell looks; see docs/completion.md.';
  static override enableJsonFlag = false;
  static override args = {
    shell: Args.string({ description: 'the shell', required: true, options: [...SHELLS] }),
  };
  static override examples = ['<%= config.bin %> completion bash > ~/.local/share/bash-completion/completions/scstadmin-ts', 'source <(<%= config.bin %> completion zsh)'];

  async run(): Promise<void> {
    const { args } = await this.parse(Completion);
    process.stdout.write(completionScript(args.shell as (typeof SHELLS)[number]));
  }
}
