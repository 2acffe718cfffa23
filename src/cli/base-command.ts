/**
 * The base of every command: the global flags (--json, --debug, --no-color, --sysfs-root,
 * --simulate), choosing the Sysfs the command works on, and turning every failure into the
 * one-line error and exit code of README's table. Commands stay thin: flags in, a call into
 * src/, output out.
 */
import type { JsonShape } from '../meta/json-shape.js';
import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';
import type * as Interfaces from '@oclif/core/interfaces';
import { badInput, EXIT } from '../errors.js';
import { debugTrace, formatErrorLines, toErrorReport } from '../ui/error-output.js';
import { setColorEnabled } from '../ui/color.js';
import { conflictingTreeFlags, expandSimulateFlag, simulatedConfPath, simulatedStatePath } from './argv.js';
import { openSysfs, type OpenedSysfs } from './sysfs-select.js';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>;

export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true;
  /** What --json prints, declared once (src/meta/json-shape.ts); absent: not declared yet. */
  static jsonShape?: JsonShape;

  static override baseFlags = {
    debug: Flags.boolean({ description: 'Show stack traces and internal detail on failure.', helpGroup: 'GLOBAL' }),
    'no-color': Flags.boolean({ description: 'Never colour the output (also NO_COLOR).', helpGroup: 'GLOBAL' }),
    'sysfs-root': Flags.string({
      description: 'SCST sysfs root to work on (default /sys/kernel/scst_tgt, or SCST_SYSFS_ROOT).',
      env: 'SCST_SYSFS_ROOT',
      helpGroup: 'GLOBAL',
    }),
    simulate: Flags.string({
      description: 'Work on an emulated SCST host whose state persists in STATE.json (bare --simulate: a per-user default file); its config file defaults to STATE.conf beside it.',
      helpValue: 'STATE.json',
      helpGroup: 'GLOBAL',
    }),
  };

  private opened?: OpenedSysfs;
  private debugEnabled = false;

  public override async init(): Promise<void> {
    this.argv = expandSimulateFlag(this.argv);
    // An emulated host saves to its own file unless one is named (a FILE argument, --config or
    // SCST_CONF): set through the environment so that every reader of the default, and the
    // processes a command starts, agree on it.
    const state = simulatedStatePath(this.argv);
    if (state && !process.env.SCST_CONF) process.env.SCST_CONF = simulatedConfPath(state);
    this.debugEnabled = this.argv.includes('--debug');
    setColorEnabled(!this.argv.includes('--no-color') && !process.env.NO_COLOR && Boolean(process.stdout.isTTY));
    await super.init();
    // Checked here, before any command opens a tree its own way (hosts, plans, the base).
    if (conflictingTreeFlags(this.argv)) throw badInput('--simulate and --sysfs-root name two different SCST trees; give one');
  }

  /** The Sysfs chosen by the global flags: --simulate, --sysfs-root, or the real tree. */
  protected async sysfs(flags: { simulate?: string; 'sysfs-root'?: string }): Promise<OpenedSysfs> {
    this.opened ??= await openSysfs({ simulate: flags.simulate, sysfsRoot: flags['sysfs-root'] });
    return this.opened;
  }

  protected override async finally(error: Error | undefined): Promise<void> {
    // A simulated host keeps its state between commands, including what a failed run left.
    if (this.opened) await this.opened.close();
    await super.finally(error);
  }

  protected override async catch(error: Error & { exitCode?: number }): Promise<never> {
    const report = toErrorReport(error);
    if (report.exitCode === EXIT.OK) throw error; // oclif's own exits (help, version)
    if (this.jsonEnabled()) {
      process.stdout.write(`${JSON.stringify({ error: report }, null, 2)}\n`);
    } else {
      for (const line of formatErrorLines(report)) process.stderr.write(`${line}\n`);
      if (this.debugEnabled) for (const line of debugTrace(error)) process.stderr.write(`${line}\n`);
    }
    return this.exit(report.exitCode);
  }
}
