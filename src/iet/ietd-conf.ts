/**
 * The ietd.conf reader (ietd-conf.md §1). IET read the file in three passes (iSNS, targets,
 * accounts); reading it once while keeping each pass's rules gives the same result, including
 * the accidents the spec lists. Output is a plain description of the file with a location on
 * everything, so the converter can cite file:line in every finding.
 */
import type { Report, SourceLocation } from './findings.js';
import { parseLunLine, type LunOptions, type LunRejection } from './lun-options.js';
import { SECRET_MASK } from '../ui/mask.js';
import { MSG } from './messages.js';
import { findParam, PARAMS, type ParamSpec } from './params.js';
import { readLines, splitWords, type SourceLine } from './source.js';

type At = Required<SourceLocation>;

export interface IetAccount {
  name: string;
  secret: string;
  at: At;
}

export interface IetLun {
  number: number;
  /** The options as IET understood them; undefined when IET rejected the LUN. */
  options?: LunOptions;
  rejection?: LunRejection;
  /** The line as written (trimmed), for the report. */
  text: string;
  at: At;
}

export interface IetParam {
  spec: ParamSpec;
  words: string[];
  at: At;
}

export interface IetTarget {
  name: string;
  at: At;
  luns: IetLun[];
  /** Parameter lines by IET spelling; a repeated line replaces the earlier one, as in IET. */
  params: Map<string, IetParam>;
  alias?: { text: string; at: At };
  incoming: IetAccount[];
  /** Every OutgoingUser line; the last one is the one IET used. */
  outgoing: IetAccount[];
}

export interface IetdConf {
  file: string;
  /** Discovery accounts (global section). */
  incoming: IetAccount[];
  outgoing: IetAccount[];
  isnsServer?: { address: string; at: At };
  isnsAccessControl?: At;
  targets: IetTarget[];
}

export interface IetdParseOptions {
  /** `0.4`: Lun option names must be spelt exactly (before 1.4.20). */
  ietVersion?: '1.4' | '0.4';
  /** IET ignored unknown directives silently; by default they are errors here. */
  unknownDirectives?: 'error' | 'warning';
}

const CHAP_DIRECTIVES = ['incominguser', 'outgoinguser'];
/** Spellings an unknown directive is compared with, to name the one probably meant. */
const KNOWN_DIRECTIVES = ['Target', 'Lun', 'Alias', 'iSNSServer', 'iSNSAccessControl', ...PARAMS.map((p) => p.name)];

/** Parse ietd.conf; undefined when the file is not a configuration at all (see the report). */
export function parseIetdConf(file: string, content: Buffer, report: Report, options: IetdParseOptions = {}): IetdConf | undefined {
  const lines = readLines(file, content, report);
  if (!lines) return undefined;
  const parser = new IetdParser(file, report, options);
  for (const line of lines) parser.line(line);
  return parser.conf;
}

class IetdParser {
  readonly conf: IetdConf;
  /** The stanza being read; `null` for a stanza IET skipped (no name, duplicate name). */
  private current: IetTarget | null | undefined;
  private readonly byLowerName = new Map<string, IetTarget>();

  constructor(
    file: string,
    private readonly report: Report,
    private readonly options: IetdParseOptions,
  ) {
    this.conf = { file, incoming: [], outgoing: [], targets: [] };
  }

  line(line: SourceLine): void {
    const words = splitWords(line.text);
    const first = words[0];
    if (first === undefined || first.startsWith('#')) return;
    const directive = first.toLowerCase();
    if (line.text.trimEnd().endsWith('\\')) {
      this.report.warning({ code: 'IET_BACKSLASH_NOT_CONTINUATION', treatment: 'faithful', at: line.at, message: MSG.backslash });
    }
    if (!line.terminated && directive !== 'lun') {
      this.report.warning({ code: 'IET_NO_FINAL_NEWLINE', treatment: 'approx', at: line.at, message: MSG.noFinalNewline(words[words.length - 1] as string) });
    }
    switch (directive) {
      case 'target':
        return this.target(words, line.at);
      case 'lun':
        return this.lun(line);
      case 'incominguser':
      case 'outgoinguser':
        return this.account(directive, words, line.at);
      case 'isnsserver':
        return this.isnsServer(words, line.at);
      case 'isnsaccesscontrol':
        if ((words[1] ?? '').toLowerCase() === 'yes') this.conf.isnsAccessControl ??= line.at;
        return;
      case 'alias':
      {
        const target = this.stanza(first, line.at);
        if (target) target.alias = { text: line.text.trim().slice(first.length).trim(), at: line.at };
        return;
      }
      case 'user':
        this.report.warning({ code: 'IET_OLD_USER_SYNTAX', treatment: 'dropped', at: line.at, construct: first, message: MSG.oldUserSyntax });
        return;
      default:
        return this.parameterOrUnknown(first, words, line.at);
    }
  }

  private target(words: string[], at: At): void {
    const name = words[1];
    if (name === undefined) {
      this.report.error({ code: 'IET_TARGET_NO_NAME', treatment: 'refused', at, message: MSG.targetNoName });
      this.current = null;
      return;
    }
    const earlier = this.byLowerName.get(name.toLowerCase());
    if (earlier) {
      this.report.error({ code: 'IET_TARGET_DUPLICATE', treatment: 'refused', at, construct: `Target ${name}`, message: MSG.targetDuplicate(earlier.name, earlier.at) });
      this.current = null;
      return;
    }
    const target: IetTarget = { name, at, luns: [], params: new Map(), incoming: [], outgoing: [] };
    this.byLowerName.set(name.toLowerCase(), target);
    this.conf.targets.push(target);
    this.current = target;
  }

  /** The stanza a target directive goes to; undefined (reported) when there is none. */
  private stanza(directive: string, at: At): IetTarget | undefined {
    if (this.current) return this.current;
    if (this.current === undefined) {
      this.report.warning({ code: 'IET_GLOBAL_TARGET_DIRECTIVE', treatment: 'dropped', at, construct: directive, message: MSG.globalTargetDirective(directive) });
    }
    // Inside a skipped stanza the error on its Target line already covers this line.
    return undefined;
  }

  private lun(line: SourceLine): void {
    const text = line.text.trim();
    const target = this.stanza('Lun', line.at);
    if (!target) return;
    const parsed = parseLunLine(text.replace(/^\S+/, ''), { caseSensitiveKeys: this.options.ietVersion === '0.4' });
    if (parsed.number === undefined) {
      this.report.error({ code: 'IET_LUN_BAD_NUMBER', treatment: 'refused', at: line.at, construct: text, message: MSG.lunNoNumber });
      return;
    }
    const earlier = target.luns.find((l) => l.number === parsed.number);
    if (earlier) {
      this.report.error({ code: 'IET_LUN_DUPLICATE', treatment: 'refused', at: line.at, construct: text, message: MSG.lunDuplicate(parsed.number, earlier.at) });
      return;
    }
    target.luns.push({ number: parsed.number, options: parsed.options, rejection: parsed.rejection, text, at: line.at });
  }

  private account(directive: string, words: string[], at: At): void {
    const kind = directive === 'incominguser' ? 'IncomingUser' : 'OutgoingUser';
    // In a skipped stanza IET's account pass still saw these lines — and filed them as
    // discovery accounts. The stanza is refused as a whole, so they go nowhere here.
    if (this.current === null) return;
    const [, name, secret] = words;
    if (name === undefined || secret === undefined) {
      this.report.warning({ code: 'IET_CHAP_NO_SECRET', treatment: 'dropped', at, construct: `${kind} ${name ?? ''}`.trim(), message: MSG.chapNoSecret(kind, this.current?.name) });
      return;
    }
    if (words.length > 3) {
      // IET kept the first two words; a secret with a blank or a stray word would silently change.
      this.report.error({ code: 'IET_CHAP_EXTRA_WORDS', treatment: 'refused', at, construct: `${kind} ${name} ${SECRET_MASK} …`, message: MSG.chapExtraWords(kind, words.length - 3) });
      return;
    }
    const scope = this.current ?? this.conf;
    const list = kind === 'IncomingUser' ? scope.incoming : scope.outgoing;
    list.push({ name, secret, at });
  }

  private isnsServer(words: string[], at: At): void {
    const address = words[1];
    if (address === undefined) return;
    if (this.conf.isnsServer) {
      this.report.warning({ code: 'IET_ISNS_REPEATED', treatment: 'faithful', at, construct: `iSNSServer ${address}`, message: MSG.isnsRepeated(this.conf.isnsServer.at) });
    } else if (this.current) {
      this.report.warning({ code: 'IET_ISNS_IN_TARGET', treatment: 'faithful', at, construct: `iSNSServer ${address}`, message: MSG.isnsInTarget });
    }
    this.conf.isnsServer = { address, at };
  }

  private parameterOrUnknown(first: string, words: string[], at: At): void {
    const spec = findParam(first);
    if (!spec) return this.unknown(first, at);
    const target = this.stanza(first, at);
    if (!target) return;
    const earlier = target.params.get(spec.name);
    if (earlier) {
      this.report.warning({ code: 'IET_DIRECTIVE_REPEATED', treatment: 'faithful', at, construct: words.join(' '), message: MSG.directiveRepeated(spec.name, earlier.at) });
    }
    target.params.set(spec.name, { spec, words: words.slice(1), at });
  }

  private unknown(word: string, at: At): void {
    const lower = word.toLowerCase();
    const nearChap = CHAP_DIRECTIVES.find((d) => withinTwoEdits(lower, d));
    if (nearChap) {
      this.report.error({ code: 'IET_CHAP_DIRECTIVE_MISSPELT', treatment: 'refused', at, construct: word, message: MSG.chapMisspelt(word, nearChap === 'incominguser' ? 'IncomingUser' : 'OutgoingUser') });
      return;
    }
    const ignored = this.options.unknownDirectives === 'warning';
    const message = () => MSG.unknownDirective(word, KNOWN_DIRECTIVES.find((d) => withinTwoEdits(lower, d.toLowerCase())), ignored);
    this.report.add(ignored ? 'warning' : 'error', { code: 'IET_DIRECTIVE_UNKNOWN', treatment: ignored ? 'dropped' : 'refused', at, construct: word, message });
  }
}

/** A near spelling; words whose lengths differ by more than two are not compared at all. */
function withinTwoEdits(a: string, b: string): boolean {
  return Math.abs(a.length - b.length) <= 2 && editDistance(a, b) <= 2;
}

/** Levenshtein distance; both words are short directive names. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost));
    }
    previous = row;
  }
  return previous[b.length] as number;
}
