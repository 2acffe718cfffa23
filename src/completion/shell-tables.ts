/**
 * The tables a generated completion script carries, as shell code: the command words (with
 * summaries), each command's arguments and flags with what completes their values, where each
 * kind of live name is listed (name-sources.ts), and what an emulated host's names index looks
 * like (names-index.ts). Generated from the command metadata when `completion SHELL` runs, so
 * the script needs nothing else at TAB time. One set of rows, written in bash/zsh syntax
 * (shellTables) or in fish's (fishTables):
 *
 *   commands      command words ("simulate create") and summaries, in the same order
 *   a command's   arg   NAME|VALUE                 flag  NAME|CHAR|TYPE|VALUE|DESCRIPTION
 *       TYPE: b boolean, n boolean with --no-, o option, m option given more than once
 *       VALUE: w:A B C fixed values, k:KIND live names, f files, d directories, empty nothing
 *   a kind's      directory templates, name filter, and the index entry types the filter takes
 *
 *   bash, zsh: _scstadmin_ts_cmds / _scstadmin_ts_sums; _scstadmin_ts_spec WORDS sets _sa (args)
 *     and _sf (flags); _scstadmin_ts_source KIND sets _nd (templates), _nf (filter), _nt (types)
 *   fish: __scstadmin_ts_cmds / __scstadmin_ts_sums; __scstadmin_ts_args_N and
 *     __scstadmin_ts_flags_N for the Nth command; __scstadmin_ts_kinds, and
 *     __scstadmin_ts_source_N (filter, types, templates…) for the Nth kind
 */
import { DEFAULT_SYSFS_ROOT } from '../sysfs/node-sysfs.js';
import { visibleCommands, type Manifest, type ManifestFlag } from '../meta/manifest.js';
import { valueClass } from './complete.js';
import { NAMES_INDEX_FORMAT, STATE_HEAD, STATE_HEAD_BYTES } from '../emulator/names-index.js';
import { DEFAULT_DRIVER, INDEX_TYPES, NAME_SOURCES } from './name-sources.js';

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

interface Tables {
  /** Scalars: the real tree's root, the default driver, the index header and the state's head. */
  scalars: Array<[name: string, value: string]>;
  commands: Array<{ words: string; summary: string; args: string[]; flags: string[] }>;
  sources: Array<{ kind: string; filter: string; types: string; dirs: readonly string[] }>;
}

function tables(manifest: Manifest): Tables {
  return {
    scalars: [
      ['sysfs_default', DEFAULT_SYSFS_ROOT],
      ['driver_default', DEFAULT_DRIVER],
      ['index_format', NAMES_INDEX_FORMAT],
      ['state_head', STATE_HEAD],
      ['state_head_bytes', String(STATE_HEAD_BYTES)],
    ],
    commands: visibleCommands(manifest).map(({ words, command }) => ({
      words: words.join(' '),
      summary: oneLine(command.summary),
      args: Object.values(command.args).map((a) => `${a.name}|${valueField(a)}`),
      flags: Object.values(command.flags).filter((f) => !f.hidden).map(flagField),
    })),
    sources: Object.entries(NAME_SOURCES).map(([kind, { dirs, filter }]) => ({ kind, filter, types: INDEX_TYPES[filter], dirs })),
  };
}

/** bash and zsh (the engine runs zsh's under ksh emulation). */
export function shellTables(manifest: Manifest): string {
  const { scalars, commands, sources } = tables(manifest);
  const list = (values: readonly string[]) => `(${values.map(shellQuote).join(' ')})`;
  const lines = scalars.map(([name, value]) => `_scstadmin_ts_${name}=${shellQuote(value)}`);
  lines.push(`_scstadmin_ts_cmds=${list(commands.map((c) => c.words))}`);
  lines.push(`_scstadmin_ts_sums=${list(commands.map((c) => c.summary))}`);
  lines.push('_scstadmin_ts_spec() {', '    case $1 in');
  for (const c of commands) lines.push(`    ${shellQuote(c.words)}) _sa=${list(c.args)}; _sf=${list(c.flags)} ;;`);
  lines.push('    *) return 1 ;;', '    esac', '}');
  lines.push('_scstadmin_ts_source() {', '    case $1 in');
  for (const s of sources) lines.push(`    ${shellQuote(s.kind)}) _nd=${list(s.dirs)}; _nf=${s.filter}; _nt=${s.types} ;;`);
  lines.push('    *) return 1 ;;', '    esac', '}');
  return `${lines.join('\n')}\n`;
}

/** A fish word in single quotes: there only backslash and the quote itself are escaped. */
export function fishQuote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

export function fishTables(manifest: Manifest): string {
  const { scalars, commands, sources } = tables(manifest);
  const set = (name: string, values: readonly string[]) => `set -g __scstadmin_ts_${name} ${values.map(fishQuote).join(' ')}`.trimEnd();
  const lines = scalars.map(([name, value]) => set(name, [value]));
  lines.push(set('cmds', commands.map((c) => c.words)));
  lines.push(set('sums', commands.map((c) => c.summary)));
  commands.forEach((c, i) => lines.push(set(`args_${i + 1}`, c.args), set(`flags_${i + 1}`, c.flags)));
  lines.push(set('kinds', sources.map((s) => s.kind)));
  sources.forEach((s, i) => lines.push(set(`source_${i + 1}`, [s.filter, s.types, ...s.dirs])));
  return `${lines.join('\n')}\n`;
}
