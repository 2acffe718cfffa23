/**
 * Command-line options read the way Perl's Getopt::Long reads them with its default settings,
 * which is how Perl scstadmin's callers have always been parsed:
 * - an option starts with `-` or `--`; a lone `--` ends the options, a lone `-` is an argument;
 * - names are case-insensitive and may be shortened to any unique prefix (an exact name wins);
 * - `--name=value` gives a value inline;
 * - a mandatory value (`=s`) takes the next argument whatever it looks like, even `-word`;
 * - an optional value (`:s`) takes the next argument only when it does not look like an option,
 *   and is the empty string otherwise;
 * - arguments that are not options are left over, in order (Getopt::Long's "permute" mode).
 * Each problem is reported in Getopt::Long's words; the caller prints them and exits 1.
 */

export type OptionKind = 'flag' | 'required' | 'optional';

export interface OptionSpec {
  name: string;
  kind: OptionKind;
}

export interface ParsedOptions {
  /** Option name → its value; flags get `true`. The last occurrence wins. */
  values: Map<string, string | true>;
  /** Arguments that were not options. */
  rest: string[];
  /** One line per problem, as Getopt::Long words them (without the newline). */
  errors: string[];
}

const OPTION = /^(--|-)(.+)$/s;

export function parseOptions(argv: readonly string[], specs: readonly OptionSpec[]): ParsedOptions {
  const byName = new Map(specs.map((spec) => [spec.name.toLowerCase(), spec]));
  const names = [...byName.keys()].sort();
  const values = new Map<string, string | true>();
  const rest: string[] = [];
  const errors: string[] = [];
  const args = [...argv];

  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === '--') {
      rest.push(...args);
      break;
    }
    const match = OPTION.exec(arg);
    if (!match || arg === '-') {
      rest.push(arg);
      continue;
    }
    const body = match[2]!;
    const eq = body.indexOf('=');
    const written = eq >= 0 ? body.slice(0, eq) : body;
    const inline = eq >= 0 ? body.slice(eq + 1) : undefined;

    const found = findOption(written, byName, names);
    if (typeof found === 'string') {
      errors.push(found);
      continue;
    }
    const spec = found;
    if (spec.kind === 'flag') {
      if (inline !== undefined) errors.push(`Option ${written} does not take an argument`);
      else values.set(spec.name, true);
      continue;
    }
    if (inline !== undefined) {
      if (inline === '' && spec.kind === 'required') errors.push(`Option ${written} requires an argument`);
      else values.set(spec.name, inline);
      continue;
    }
    if (args.length === 0) {
      if (spec.kind === 'required') errors.push(`Option ${written} requires an argument`);
      else values.set(spec.name, '');
      continue;
    }
    const next = args[0]!;
    if (spec.kind === 'required' || next === '-' || !(next === '--' || OPTION.test(next))) {
      values.set(spec.name, args.shift()!);
    } else {
      values.set(spec.name, '');
    }
  }
  return { values, rest, errors };
}

/** The option a written name means: exact (ignoring case) first, else the one unique prefix. */
function findOption(written: string, byName: Map<string, OptionSpec>, names: readonly string[]): OptionSpec | string {
  const wanted = written.toLowerCase();
  const exact = byName.get(wanted);
  if (exact) return exact;
  const hits = names.filter((name) => name.startsWith(wanted));
  if (hits.length === 1) return byName.get(hits[0]!)!;
  if (hits.length > 1) return `Option ${written} is ambiguous (${hits.join(', ')})`;
  return `Unknown option: ${written}`;
}
