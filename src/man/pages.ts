/**
 * The man pages as markdown (ronn's layout, which the build turns into roff): scstadmin-ts(8)
 * and one scstadmin-ts-COMMAND(8) a command, from the same command metadata as --help, with the
 * command's section of docs/ (its examples included); plus the hand-written pages of docs/ that
 * are man pages themselves (scst.conf(5)).
 */
import { shapeOutline, type JsonShape } from '../meta/json-shape.js';
import { ERROR_SHAPE } from '../ui/error-shape.js';
import { commandWords, visibleCommands, type Manifest, type ManifestCommand, type ManifestFlag } from '../meta/manifest.js';

export interface ManPage {
  /** File name: `scstadmin-ts-show.8`. */
  file: string;
  markdown: string;
}

export interface DocPage {
  /** Path relative to the package, e.g. `docs/show.md`. */
  path: string;
  text: string;
}

const BIN = 'scstadmin-ts';

export function commandPageName(command: ManifestCommand): string {
  return `${BIN}-${commandWords(command.id).join('-')}`;
}

/** `--name=VALUE`, `-c, --name`, `--[no-]name` as help shows them. */
function flagLabel(flag: ManifestFlag): string {
  const name = flag.allowNo ? `--[no-]${flag.name}` : `--${flag.name}`;
  const value = flag.type === 'option' ? `=${flag.helpValue ?? flag.name.toUpperCase()}` : '';
  return `${flag.char ? `\`-${flag.char}\`, ` : ''}\`${name}${value}\``;
}

function flagText(flag: ManifestFlag): string {
  const parts = [flag.summary ?? flag.description ?? ''];
  if (flag.options?.length) parts.push(`One of: ${flag.options.map((o) => `\`${o}\``).join(', ')}.`);
  if (flag.default !== undefined && flag.default !== false) parts.push(`Default: \`${String(flag.default)}\`.`);
  if (flag.env) parts.push(`Environment: \`${flag.env}\`.`);
  if (flag.required) parts.push('Required.');
  if (flag.multiple) parts.push('May be given more than once.');
  return parts.filter(Boolean).join(' ');
}

function flagList(flags: ManifestFlag[]): string {
  return flags.map((f) => `* ${flagLabel(f)}:\n  ${flagText(f)}`).join('\n\n');
}

function synopsis(command: ManifestCommand): string {
  const args = Object.values(command.args).map((a) => (a.required ? `*${a.name.toUpperCase()}*` : `[*${a.name.toUpperCase()}*]`));
  return [`\`${BIN} ${commandWords(command.id).join(' ')}\``, ...args, '[*OPTIONS*]'].join(' ');
}

function examples(command: ManifestCommand): string[] {
  return (command.examples ?? []).map((e) => (typeof e === 'string' ? e : e.command).replaceAll('<%= config.bin %>', BIN));
}

const isGlobal = (f: ManifestFlag) => f.helpGroup === 'GLOBAL';

const outline = (shape: JsonShape): string[] => shapeOutline(shape).map((l) => `    ${l}`);

const JSON_CONVENTION = [
  'With `--json` a command prints one JSON object on stdout and nothing else there: on success the object its page describes under JSON OUTPUT,',
  'with the same exit status as without `--json`; on failure this error object, whatever the command (`?`: not always present).',
  'Every key a command prints is listed on its page, one marked `?` only when it applies; CHAP secrets are masked unless `--show-secrets`. See docs/json.md.',
].join(' ');

/** scstadmin-ts-COMMAND(8). */
export function commandPage(command: ManifestCommand, docs: DocPage[], jsonShape?: JsonShape): ManPage {
  const name = commandPageName(command);
  const out = [`# ${name}(8) -- ${(command.summary ?? '').replace(/\.$/, '')}`, '', '## SYNOPSIS', '', synopsis(command), ''];
  if (command.description) out.push('## DESCRIPTION', '', command.description, '');
  const args = Object.values(command.args);
  if (args.length) {
    out.push('## ARGUMENTS', '');
    for (const a of args) {
      const options = a.options?.length ? ` One of: ${a.options.map((o) => `\`${o}\``).join(', ')}.` : '';
      out.push(`* *${a.name.toUpperCase()}*:\n  ${a.description ?? ''}${options}`, '');
    }
  }
  const flags = Object.values(command.flags).filter((f) => !f.hidden);
  const own = flags.filter((f) => !isGlobal(f));
  if (own.length) out.push('## OPTIONS', '', flagList(own), '');
  if (flags.some(isGlobal)) out.push('## GLOBAL OPTIONS', '', flagList(flags.filter(isGlobal)), '');
  const shown = examples(command);
  if (shown.length) out.push('## EXAMPLES', '', ...shown.map((e) => `    ${e}`), '');
  if (jsonShape) {
    out.push('## JSON OUTPUT', '', 'With `--json`, an object of these keys (`?`: not always present):', '', ...outline(jsonShape), '');
    out.push(`On failure, the error object instead (see ${BIN}(8), JSON OUTPUT).`, '');
  }
  const section = docSection(command, docs);
  if (section) out.push(`## DETAILS`, '', `From ${section.path}:`, '', section.text, '');
  out.push('## SEE ALSO', '', [`${BIN}(8)`, 'scst.conf(5)', ...(section ? [section.path] : [])].join(', '), '');
  return { file: `${name}.8`, markdown: out.join('\n') };
}

/** scstadmin-ts(8): the global options, every command, the exit codes and the environment. */
export function mainPage(manifest: Manifest, intro: string): ManPage {
  const commands = visibleCommands(manifest).filter(({ words, command }) => words.join(':') === command.id);
  const globals = Object.values(commands[0]?.command.flags ?? {}).filter(isGlobal);
  const out = [`# ${BIN}(8) -- control plane for the Linux SCST SCSI target subsystem`, '', '## SYNOPSIS', '', `\`${BIN}\` *COMMAND* [*ARGUMENTS*] [*OPTIONS*]`, ''];
  out.push(intro.trim(), '');
  out.push('## COMMANDS', '');
  for (const { words, command } of commands) out.push(`* \`${words.join(' ')}\`:\n  ${command.summary ?? ''} See ${commandPageName(command)}(8).`, '');
  out.push('## GLOBAL OPTIONS', '', flagList(globals), '');
  out.push('## JSON OUTPUT', '', JSON_CONVENTION, '', ...outline(ERROR_SHAPE), '');
  out.push('## SEE ALSO', '', ['scst.conf(5)', ...commands.map(({ command }) => `${commandPageName(command)}(8)`)].join(', '), '');
  return { file: `${BIN}.8`, markdown: out.join('\n') };
}

interface Heading {
  line: number;
  level: number;
  text: string;
}

function headings(lines: string[]): Heading[] {
  const out: Heading[] = [];
  let fenced = false;
  lines.forEach((line, i) => {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^(#{1,6})\s+(.*)$/.exec(line);
    if (m) out.push({ line: i, level: m[1]!.length, text: m[2]! });
  });
  return out;
}

/**
 * Whether a docs heading is about the command: one of its comma- or slash-separated parts,
 * without backticks and the program name, starts with the command's words
 * (`### \`scstadmin-ts plan [FILE]\``, `## start, stop, reload, status`, `### \`simulate fault …\``).
 */
function headingNames(text: string, words: string[]): boolean {
  const parts = text.replaceAll('`', '').split(/,|\s\/\s/).map((p) => p.trim().replace(/^scstadmin-ts\s+/, ''));
  return parts.some((p) => {
    const tokens = p.split(/\s+/);
    return words.every((w, i) => tokens[i] === w) && (tokens.length === words.length || !/^[a-z]/.test(tokens[words.length] ?? ''));
  });
}

/** The section of docs/ that explains the command, its subheadings demoted below DETAILS. */
export function docSection(command: ManifestCommand, docs: DocPage[]): { path: string; text: string } | undefined {
  const words = commandWords(command.id);
  for (const doc of docs) {
    const lines = doc.text.split('\n');
    const all = headings(lines);
    const at = all.findIndex((h) => h.level > 1 && headingNames(h.text, words));
    if (at < 0) continue;
    const start = all[at]!;
    const end = all.slice(at + 1).find((h) => h.level <= start.level)?.line ?? lines.length;
    const inside = new Set(all.filter((h) => h.line > start.line && h.line < end).map((h) => h.line));
    const body = lines.slice(start.line + 1, end).map((l, i) => {
      if (!inside.has(start.line + 1 + i)) return l;
      return l.replace(/^(#{2,6})\s/, (_m, hashes: string) => `${'#'.repeat(Math.min(6, hashes.length - start.level + 2))} `);
    });
    return { path: doc.path, text: body.join('\n').trim() };
  }
  return undefined;
}
