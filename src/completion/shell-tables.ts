/**
 * The tables a generated bash or zsh completion script carries, as shell code: the command
 * words (with summaries), each command's arguments and flags with what completes their
 * values, and where each kind of live name is listed (name-sources.ts). Generated from the
 * command metadata when `completion SHELL` runs, so the script needs nothing else at TAB time.
 *
 *   _scstadmin_ts_cmds / _scstadmin_ts_sums    command words ("simulate create") and summaries
 *   _scstadmin_ts_spec ID                       sets _sa (args) and _sf (flags) of a command:
 *       arg   VALUE                              flag  NAME|CHAR|TYPE|VALUE|DESCRIPTION
 *       TYPE: b boolean, n boolean with --no-, o option, m option given more than once
 *       VALUE: w:A B C fixed values, k:KIND live names, f files, d directories, empty nothing
 *   _scstadmin_ts_source KIND                   sets _nd (directory templates) and _nf (filter)
 */
import { DEFAULT_SYSFS_ROOT } from '../sysfs/node-sysfs.js';
import { visibleCommands, type Manifest, type ManifestFlag } from '../meta/manifest.js';
import { valueClass } from './complete.js';
import { DEFAULT_DRIVER, NAME_SOURCES } from './name-sources.js';

/** A shell word in single quotes: safe for any text. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** One line of help text, as a table field. */
function oneLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0]!.replace(/\s+/g, ' ').trim();
}

function valueField(spec: { name: string; options?: string[]; helpValue?: string }): string {
  const value = valueClass(spec);
  switch (value.kind) {
    case 'options':
      for (const option of value.options) {
        if (!/^[^\s|'"\\]+$/.test(option)) throw new Error(`completion: the value ${JSON.stringify(option)} of ${spec.name} cannot go into a shell table`);
      }
      return `w:${value.options.join(' ')}`;
    case 'names':
      return `k:${value.of}`;
    case 'files':
      return 'f';
    case 'dirs':
      return 'd';
    case 'none':
      return '';
  }
}

function flagType(flag: ManifestFlag): string {
  if (flag.type === 'boolean') return flag.allowNo ? 'n' : 'b';
  return flag.multiple ? 'm' : 'o';
}

function flagField(flag: ManifestFlag): string {
  const value = flag.type === 'option' ? valueField(flag) : '';
  return [flag.name, flag.char ?? '', flagType(flag), value, oneLine(flag.summary ?? flag.description)].join('|');
}

export function shellTables(manifest: Manifest): string {
  const commands = visibleCommands(manifest);
  const lines: string[] = [];
  lines.push(`_scstadmin_ts_sysfs_default=${shellQuote(DEFAULT_SYSFS_ROOT)}`);
  lines.push(`_scstadmin_ts_driver_default=${shellQuote(DEFAULT_DRIVER)}`);
  lines.push(`_scstadmin_ts_cmds=(${commands.map((c) => shellQuote(c.words.join(' '))).join(' ')})`);
  lines.push(`_scstadmin_ts_sums=(${commands.map((c) => shellQuote(oneLine(c.command.summary))).join(' ')})`);
  lines.push('_scstadmin_ts_spec() {', '    case $1 in');
  for (const { words, command } of commands) {
    const args = Object.values(command.args).map((a) => shellQuote(`${a.name}|${valueField(a)}`));
    const flags = Object.values(command.flags).filter((f) => !f.hidden).map((f) => shellQuote(flagField(f)));
    lines.push(`    ${shellQuote(words.join(' '))}) _sa=(${args.join(' ')}); _sf=(${flags.join(' ')}) ;;`);
  }
  lines.push('    *) return 1 ;;', '    esac', '}');
  lines.push('_scstadmin_ts_source() {', '    case $1 in');
  for (const [kind, source] of Object.entries(NAME_SOURCES)) {
    lines.push(`    ${shellQuote(kind)}) _nd=(${source.dirs.map(shellQuote).join(' ')}); _nf=${source.filter} ;;`);
  }
  lines.push('    *) return 1 ;;', '    esac', '}');
  return `${lines.join('\n')}\n`;
}
