/**
 * Parsing only the part of a config file a single-object change touches. Saving `add-lun` to a
 * file of 10 000 LUNs must not cost a full parse: a quick pass reads the whole file's form (every
 * line a comment, a statement of at most three words, a header ending in `{` or a lone `}`;
 * braces balanced; keywords where the grammar puts them) and keeps only the lines of the objects
 * the change can touch, plus the sections around them. Those lines — the rest blanked, so line
 * numbers stay — go through the full parser with every check it makes. The document it gives
 * holds the file's real lines and marks the left-out ones (`hidden`), so the format-preserving
 * update keeps them byte for byte and refuses to rewrite a block it has not seen whole.
 *
 * The quick pass reads the layout scstadmin and scstadmin-ts write, and what an admin typically
 * adds (comments, blank lines, other indentation). Anything else — quotes, backslashes, a brace
 * inside a line, a misplaced keyword, an unclosed section — makes it give up (undefined): the
 * caller then parses the whole file, which reports what is wrong exactly.
 */
import { allowedIn, isKeyword, MAX_NESTING, TOP, type Keyword } from './grammar.js';
import type { CstNode } from './cst.js';
import { parseConf, type ParseResult } from './parse.js';

/** Per target (`driver/target`): the LUN numbers of its default set and the groups a change can touch. */
export interface TargetInterest {
  luns: ReadonlySet<string> | 'all';
  groups: ReadonlySet<string> | 'all';
}

/**
 * The objects a change can touch in the file. Kept whole or in part: top-level attributes, ALUA
 * and every DEVICE_GROUP section (they are rewritten whole); HANDLER and TARGET_DRIVER headers
 * and their own attributes; the DEVICE blocks of `devices`; of each target in `targets` its
 * attributes, the named LUNs and the named GROUP blocks (whole); and anywhere, every LUN that
 * maps one of `devices` (with its GROUP, whole, when it is in one).
 */
export interface ConfInterest {
  devices: ReadonlySet<string>;
  targets: ReadonlyMap<string, TargetInterest>;
}

export const targetKey = (driver: string, target: string): string => `${driver}/${target}`;

/** How a section's lines are kept: all of them, by child, or only when a LUN inside names a device of interest. */
type Mode = 'whole' | 'filter' | 'probe';

interface Frame {
  keyword: Keyword;
  name: string;
  start: number;
  mode: Mode;
  /** A TARGET of interest: what of it is. */
  target: TargetInterest | null;
  /** A line inside was kept: the header and the closing brace are kept too. */
  kept: boolean;
  /** A probed GROUP holds a LUN of a device of interest: kept whole. */
  wanted: boolean;
  /** Statements seen inside so far. */
  children: number;
}

const PLAIN_LUN = /^(?:0|[1-9][0-9]*)$/;
/**
 * What the quick pass does not read (the full parser does): quotes, escapes, carriage returns,
 * NUL, old-format `[…]` sections, templates, and blanks other than space and TAB.
 */
const UNREAD = /["\\\r\0[<\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\v\f]|\{[{%#]/g;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const OPEN = 123;
const CLOSE = 125;
const isBlank = (code: number) => code === SPACE || code === TAB;

/** The scoped parse of `text`, or undefined when the file is not in the form the quick pass reads. */
export function parseConfScoped(text: string, file: string, interest: ConfInterest): ParseResult | undefined {
  if (!readable(text)) return undefined;
  const outline = keptLines(text, interest);
  if (!outline) return undefined;
  const { keep, statements, starts } = outline;
  // The kept lines are parsed as one short file, then moved back to their own line numbers.
  const lineOf: number[] = [];
  const shown: string[] = [];
  const hidden = new Uint8Array(keep.length);
  let anyHidden = false;
  for (let i = 0; i < keep.length; i += 1) {
    if (keep[i]) {
      lineOf.push(i + 1);
      shown.push(text.slice(starts[i], starts[i + 1]! - 1));
    } else if (statements[i]) {
      // Comment lines are kept as they are by any update: only statements count as hidden.
      hidden[i] = 1;
      anyHidden = true;
    }
  }
  const parsed = parseConf(shown.join('\n'), file);
  renumber(parsed, lineOf);
  const lines = text.split('\n');
  const finalNewline = lines.length > 1 && lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  parsed.document.source = { file, lines, eol: '\n', finalNewline };
  if (anyHidden) parsed.document.hidden = hidden;
  return parsed;
}

/** Whether every spot of the text the quick pass cannot read is inside a whole-line comment. */
function readable(text: string): boolean {
  UNREAD.lastIndex = 0;
  for (let m = UNREAD.exec(text); m; m = UNREAD.exec(text)) {
    if (m[0].startsWith('{') || m[0] === '\r' || m[0] === '\0' || m[0] === '\ufeff') return false;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    let i = lineStart;
    while (isBlank(text.charCodeAt(i))) i += 1;
    if (text.charCodeAt(i) !== HASH) return false;
    // skip the rest of this comment line
    const end = text.indexOf('\n', m.index);
    if (end < 0) break;
    UNREAD.lastIndex = end;
  }
  return true;
}

/** Moves the positions of a parse of the kept lines (line n = lineOf[n - 1]) to the file's own lines. */
function renumber(parsed: ParseResult, lineOf: readonly number[]): void {
  const move = (line: number) => lineOf[line - 1] ?? lineOf.length + 1;
  const visit = (node: CstNode) => {
    node.line = move(node.line);
    node.startLine = move(node.startLine);
    node.endLine = move(node.endLine);
    if (node.open) node.open = { ...node.open, line: move(node.open.line) };
    if (node.close) node.close = { ...node.close, line: move(node.close.line) };
    for (const token of node.tokens) token.line = move(token.line);
    node.children?.forEach(visit);
  };
  parsed.document.nodes.forEach(visit);
  for (const d of parsed.diagnostics) d.line = move(d.line);
}

interface Outline {
  /** The lines to keep. */
  keep: Uint8Array;
  /** The lines that hold a statement or a brace (not blank, not a comment). */
  statements: Uint8Array;
  /** Where each line starts; one more entry: the end of the text plus one. */
  starts: Int32Array;
}

/**
 * The lines to keep; undefined when a line is not of the simple form: a brace inside the line, a
 * `#` right after a word (scstadmin would eat that character), more than three words, a
 * misplaced or nameless keyword, a section too deep, unclosed or closed twice.
 */
function keptLines(text: string, interest: ConfInterest): Outline | undefined {
  return new QuickPass(text, interest).run();
}

/** One pass over the text, line by line (small methods: they are compiled early and stay compiled). */
class QuickPass {
  private readonly keep: Uint8Array;
  private readonly statements: Uint8Array;
  private readonly starts: Int32Array;
  private readonly stack: Frame[] = [];
  /** Start and end of the words of the current line. */
  private readonly bounds = new Int32Array(6);
  private nextHash = -1;

  constructor(private readonly text: string, private readonly interest: ConfInterest) {
    const count = lineCount(text);
    this.keep = new Uint8Array(count);
    this.statements = new Uint8Array(count);
    this.starts = new Int32Array(count + 1);
  }

  run(): Outline | undefined {
    const { text, starts } = this;
    const count = this.keep.length;
    let pos = 0;
    for (let index = 0; index < count; index += 1) {
      starts[index] = pos;
      const newline = text.indexOf('\n', pos);
      const lineEnd = newline < 0 ? text.length : newline;
      if (!this.line(index, pos, lineEnd)) return undefined;
      pos = lineEnd + 1;
    }
    starts[count] = pos;
    if (this.stack.length > 0) return undefined;
    return { keep: this.keep, statements: this.statements, starts };
  }

  /** One line; false when it is not of the simple form. */
  private line(index: number, lineStart: number, lineEnd: number): boolean {
    const { text } = this;
    let start = lineStart;
    while (start < lineEnd && isBlank(text.charCodeAt(start))) start += 1;
    if (start === lineEnd || text.charCodeAt(start) === HASH) return true;
    this.statements[index] = 1;
    let end = lineEnd;
    if (this.nextHash < start) {
      const hash = text.indexOf('#', start);
      this.nextHash = hash < 0 ? text.length : hash;
    }
    if (this.nextHash < lineEnd) {
      if (!isBlank(text.charCodeAt(this.nextHash - 1))) return false;
      end = this.nextHash - 1;
    }
    while (end > start && isBlank(text.charCodeAt(end - 1))) end -= 1;
    const last = text.charCodeAt(end - 1);
    if (last === CLOSE) {
      const frame = end - start === 1 ? this.stack.pop() : undefined;
      if (!frame) return false;
      this.close(frame, index);
      return true;
    }
    const opens = last === OPEN;
    const words = this.words(start, opens ? end - 1 : end);
    if (words <= 0) return false;
    const first = text.charCodeAt(start);
    // Keywords are upper case: only such a word is sliced to be looked up.
    const word = first >= 65 && first <= 90 ? text.slice(this.bounds[0], this.bounds[1]) : '';
    if (isKeyword(word)) return this.keyword(index, word, words, opens);
    if (opens) return false;
    const parent = this.top();
    if (!parent || parent.mode === 'whole' || (parent.mode === 'filter' && keepsAttributes(parent)) || this.firstOfFiltered(parent)) this.keepLine(index, parent);
    return true;
  }

  /** The words between start and end into `bounds`: their count, or -1 for a brace or a fourth word. */
  private words(start: number, end: number): number {
    const { text, bounds } = this;
    let count = 0;
    let i = start;
    while (i < end) {
      while (i < end && isBlank(text.charCodeAt(i))) i += 1;
      if (i === end) break;
      if (count === 3) return -1;
      bounds[2 * count] = i;
      while (i < end) {
        const code = text.charCodeAt(i);
        if (isBlank(code)) break;
        if (code === OPEN || code === CLOSE) return -1;
        i += 1;
      }
      bounds[2 * count + 1] = i;
      count += 1;
    }
    return count;
  }

  private keyword(index: number, word: Keyword, words: number, opens: boolean): boolean {
    const parent = this.top();
    if (!allowedIn(word, parent?.keyword ?? TOP)) return false;
    if (word !== 'ALUA' && word !== 'HW_TARGET' && words < 2) return false;
    const { text, bounds } = this;
    const name = words > 1 ? text.slice(bounds[2], bounds[3]) : '';
    let device: string | undefined;
    if (word === 'LUN') {
      if (words < 3 || !PLAIN_LUN.test(name)) return false;
      device = text.slice(bounds[4], bounds[5]);
    }
    const mode = modeOf(word, name, device, parent, this.interest);
    const first = this.firstOfFiltered(parent);
    if (opens) {
      if (this.stack.length >= MAX_NESTING) return false;
      const target = word === 'TARGET' && parent ? (this.interest.targets.get(targetKey(parent.name, name)) ?? null) : null;
      this.stack.push({ keyword: word, name, start: index, mode, target, kept: first, wanted: false, children: 0 });
    } else if (mode === 'whole' || first) {
      this.keepLine(index, parent);
    }
    return true;
  }

  /**
   * Whether a statement is the first of a section kept in part: its line is kept (for a block,
   * its header and closing brace), because new lines in the section take its indentation.
   */
  private firstOfFiltered(parent: Frame | undefined): boolean {
    if (!parent) return false;
    parent.children += 1;
    return parent.children === 1 && parent.mode === 'filter';
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private keepLine(index: number, parent: Frame | undefined): void {
    this.keep[index] = 1;
    if (parent) parent.kept = true;
  }

  /** A section ends: keep its lines as its mode and what was kept inside say. */
  private close(frame: Frame, end: number): void {
    const whole = frame.mode === 'whole' || frame.wanted;
    if (whole) this.keep.fill(1, frame.start, end + 1);
    else if (frame.kept || frame.mode === 'filter') {
      this.keep[frame.start] = 1;
      this.keep[end] = 1;
    }
    const parent = this.top();
    if (parent && (whole || frame.kept || frame.mode === 'filter')) parent.kept = true;
  }
}

/** Lines as the parser counts them: a final newline ends the last line, it does not start one. */
function lineCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count += 1;
  return text.length === 0 || text.endsWith('\n') ? Math.max(count, 1) : count + 1;
}

/** Whether the plain statements (attributes) of a filtered section are kept: not those of a target of no interest. */
function keepsAttributes(frame: Frame): boolean {
  return frame.keyword !== 'TARGET' || Boolean(frame.target);
}

/**
 * How the lines of a keyword statement (a section, or a one-line LUN, INITIATOR or DEVICE) are
 * kept. A LUN that maps a device of interest also marks its GROUP to be kept whole.
 */
function modeOf(word: Keyword, name: string, device: string | undefined, parent: Frame | undefined, interest: ConfInterest): Mode {
  if (!parent) return word === 'HANDLER' || word === 'TARGET_DRIVER' ? 'filter' : 'whole';
  if (parent.mode === 'whole') return 'whole';
  switch (word) {
    case 'DEVICE':
      return interest.devices.has(name) ? 'whole' : 'probe';
    case 'TARGET':
      return interest.targets.has(targetKey(parent.name, name)) ? 'filter' : 'probe';
    case 'GROUP': {
      const groups = parent.target?.groups;
      return groups === 'all' || groups?.has(name) ? 'whole' : 'probe';
    }
    case 'LUN': {
      const luns = parent.keyword === 'TARGET' ? parent.target?.luns : undefined;
      const mapsDevice = interest.devices.has(device!);
      // A group is rewritten whole: one that maps a device of interest is kept whole.
      if (mapsDevice && parent.keyword === 'GROUP') parent.wanted = true;
      return luns === 'all' || luns?.has(name) || mapsDevice ? 'whole' : 'probe';
    }
    default:
      // INITIATOR and HW_TARGET: with the statements of their section.
      return parent.mode === 'filter' && keepsAttributes(parent) ? 'whole' : 'probe';
  }
}
