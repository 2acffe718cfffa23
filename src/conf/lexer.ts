/**
 * Reads scst.conf text the way Perl scstadmin does (spec §2): whole-line and trailing comments
 * (the trailing one eats the character before `#`), backslash unescaping, braces that open and
 * close sections wherever they stand, statements ended by newlines, tokens that are bare words or
 * double-quoted runs. Every spot where scstadmin would silently lose or change data is reported
 * as an error with line and column instead, and scanning goes on so that one run reports every
 * error of the file. Old pre-sysfs files and unrendered templates are refused outright.
 */
import type { ConfSource, CstNode, Token } from './cst.js';
import type { DiagnosticSink, Position } from './diagnostics.js';
import { allowedIn, isKeyword, MAX_NESTING, TOP } from './grammar.js';
import { M } from './messages.js';

export interface ScanResult {
  source: ConfSource;
  nodes: CstNode[];
  /** Set when the whole file was refused (old format, template): nodes are empty. */
  refused: boolean;
}

// Opening tags only: a closing `}}` or `#}` is also what a typo or a commented-out `}` looks like.
const TEMPLATE_MARKERS: Array<[RegExp, string]> = [
  [/<%/, 'an ERB template'],
  [/\{\{|\{%|\{#/, 'a Jinja template'],
];

const OLD_FORMAT_SECTIONS = new Set(['HANDLER', 'GROUP', 'ASSIGNMENT']);
const TOKEN = /"([^"\\]*(?:\\.[^"\\]*)*)"|(\S+)/g;
const BRACES = /[{}]/g;

export function splitSource(text: string, file: string): ConfSource {
  const parts = text.split('\n');
  const finalNewline = parts.length > 1 && parts[parts.length - 1] === '';
  if (finalNewline) parts.pop();
  let crlf = 0;
  const lines = parts.map((l) => {
    if (l.endsWith('\r')) {
      crlf += 1;
      return l.slice(0, -1);
    }
    return l;
  });
  return { file, lines, eol: crlf > 0 && crlf * 2 >= lines.length ? '\r\n' : '\n', finalNewline };
}

interface Frame {
  node: CstNode | undefined;
  children: CstNode[];
}

export function scanConf(text: string, file: string, sink: DiagnosticSink): ScanResult {
  const source = splitSource(text, file);
  if (source.lines[0]?.startsWith('\uFEFF')) {
    // Windows editors add it; scstadmin would take it as part of the first word.
    sink.error({ line: 1, col: 1 }, 'CONF_BOM', M.byteOrderMark, M.byteOrderMarkHint);
    source.lines[0] = source.lines[0].slice(1);
  }
  const refusal = detectForeignFormat(source.lines);
  if (refusal) {
    sink.error({ line: refusal.line, col: refusal.col }, refusal.code, refusal.message, refusal.hint);
    return { source, nodes: [], refused: true };
  }

  const sections = new SectionStack(sink);
  const lines = source.lines;
  for (let index = 0; index < lines.length; index += 1) {
    const lineNo = index + 1;
    const { text: line, cols } = preprocessLine(lines[index]!, lineNo, sink);
    const colAt = (i: number) => (cols ? cols[i]! : i + 1);
    let segmentStart = 0;
    BRACES.lastIndex = 0;
    for (let m = BRACES.exec(line); m; m = BRACES.exec(line)) {
      const i = m.index;
      const at = { line: lineNo, col: colAt(i) };
      if (line[i] === '{') {
        const header = statement(line, segmentStart, i, cols, lineNo, sink);
        if (!header) sink.error(at, 'CONF_BRACE_ALONE', M.braceWithoutHeader, M.braceWithoutHeaderHint);
        const node: CstNode = header ?? { tokens: [], line: lineNo, col: at.col, startLine: lineNo, endLine: lineNo };
        node.open = at;
        sections.open(node);
      } else {
        const lost = line.slice(segmentStart, i);
        if (lost.trim() !== '') sink.error({ line: lineNo, col: colAt(segmentStart + lost.search(/\S/)) }, 'CONF_TEXT_BEFORE_BRACE', M.textBeforeClose(lost.trim()), M.textBeforeCloseHint);
        sections.close(at);
      }
      segmentStart = i + 1;
    }
    const node = statement(line, segmentStart, line.length, cols, lineNo, sink);
    if (node) sections.add(node);
  }
  sections.end(source.lines.length);
  return { source, nodes: sections.nodes, refused: false };
}

/**
 * The sections open at a point of the file. Recovers from a missing '}' the way a reader of the
 * file would: a keyword that cannot stand in the innermost section but can in an enclosing one
 * (a DEVICE after an unclosed DEVICE, a TARGET_DRIVER after an unclosed HANDLER) closes the
 * sections in between, each reported as never closed, so that the rest of the file is read in
 * its place and its own errors found in the same run. Nesting deeper than the grammar has is
 * reported once and its content skipped: a file of a million unclosed sections costs no more
 * memory than its text.
 */
class SectionStack {
  private readonly root: Frame = { node: undefined, children: [] };
  private readonly stack: Frame[] = [this.root];
  /** Braces opened past MAX_NESTING and not closed yet: their statements are not kept. */
  private skipped = 0;

  constructor(private readonly sink: DiagnosticSink) {}

  get nodes(): CstNode[] {
    return this.root.children;
  }

  add(node: CstNode): void {
    if (this.skipped > 0) return;
    this.recover(node);
    this.stack[this.stack.length - 1]!.children.push(node);
  }

  open(node: CstNode): void {
    if (this.skipped === 0) this.recover(node);
    if (this.skipped === 0 && this.stack.length <= MAX_NESTING) {
      this.stack[this.stack.length - 1]!.children.push(node);
      node.children = [];
      this.stack.push({ node, children: node.children });
      return;
    }
    if (this.skipped === 0) this.sink.error(node.open!, 'CONF_TOO_DEEP', M.tooDeep(MAX_NESTING), M.unclosedHint);
    this.skipped += 1;
  }

  close(at: Position): void {
    if (this.skipped > 0) {
      this.skipped -= 1;
    } else if (this.stack.length === 1) {
      this.sink.error(at, 'CONF_STRAY_BRACE', M.strayClose, M.strayCloseHint);
    } else {
      const frame = this.stack.pop()!;
      frame.node!.close = at;
      frame.node!.endLine = at.line;
    }
  }

  /** Reports the sections left open at the end of the file (line `last`), outermost first. */
  end(last: number): void {
    for (const frame of this.stack.slice(1)) this.unclosed(frame.node!, last);
  }

  private unclosed(node: CstNode, endLine: number): void {
    this.sink.error({ line: node.line, col: node.col }, 'CONF_UNCLOSED', M.unclosed(node.tokens.map((t) => t.text).join(' ') || '{'), M.unclosedHint);
    node.endLine = endLine;
  }

  /** Closes the sections a keyword statement shows were left open (see the class comment). */
  private recover(node: CstNode): void {
    const word = node.tokens[0]?.text ?? '';
    if (!isKeyword(word)) return;
    for (let depth = this.stack.length - 1; depth >= 0; depth -= 1) {
      const section = this.stack[depth]!.node?.tokens[0]?.text ?? TOP;
      if (allowedIn(word, section)) {
        const open = this.stack.splice(depth + 1);
        for (let i = open.length - 1; i >= 0; i -= 1) this.unclosed(open[i]!.node!, node.line - 1);
        return;
      }
      // Only sections are closed this way: an attribute's stray block is not a section.
      if (section === TOP || !isKeyword(section)) return;
    }
  }
}

/** The statement between two structure characters of a line, or undefined when it is blank. */
function statement(line: string, start: number, end: number, cols: number[] | undefined, lineNo: number, sink: DiagnosticSink): CstNode | undefined {
  const tokens = tokenize(line.slice(start, end), cols, start, lineNo, sink);
  return tokens.length > 0 ? { tokens, line: lineNo, col: tokens[0]!.col, startLine: lineNo, endLine: lineNo } : undefined;
}

interface Refusal {
  line: number;
  col: number;
  code: string;
  message: string;
  hint?: string;
}

function detectForeignFormat(lines: string[]): Refusal | undefined {
  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i]!;
    const nul = raw.indexOf('\u0000');
    if (nul >= 0) return { line: i + 1, col: nul + 1, code: 'CONF_BINARY', message: M.binary, hint: M.binaryHint };
    for (const [pattern, what] of TEMPLATE_MARKERS) {
      const m = pattern.exec(raw);
      if (m) return { line: i + 1, col: m.index + 1, code: 'CONF_TEMPLATE', message: M.template(what), hint: M.templateHint };
    }
    if (!raw.includes('[')) continue;
    const content = stripComment(raw).text;
    const old = /\[(.*)\s+.*\]/.exec(content);
    if (old && OLD_FORMAT_SECTIONS.has(old[1]!)) {
      return { line: i + 1, col: old.index + 1, code: 'CONF_OLD_FORMAT', message: M.oldFormat, hint: M.oldFormatHint };
    }
  }
  return undefined;
}

/** Whether a physical line holds a comment, whole-line or trailing, as scstadmin reads it. */
export function hasComment(raw: string): boolean {
  return raw.startsWith('#') || stripComment(raw).hashCol !== undefined;
}

/** Comment removal as scstadmin does it; `eaten` is the character the trailing comment takes. */
function stripComment(raw: string): { text: string; hashCol?: number; eaten?: string } {
  if (raw.startsWith('#')) return { text: '' };
  for (let k = raw.indexOf('#', 1); k >= 0; k = raw.indexOf('#', k + 1)) {
    if (raw[k - 1] !== '\\') return { text: raw.slice(0, k - 1), hashCol: k + 1, eaten: raw[k - 1] };
  }
  return { text: raw };
}

/**
 * One physical line after comments and escapes. `cols` maps each character back to its raw
 * column; it is left out when nothing shifted (no backslash), the common case.
 */
function preprocessLine(raw: string, lineNo: number, sink: DiagnosticSink): { text: string; cols?: number[] } {
  const { text: content, hashCol, eaten } = stripComment(raw);
  if (hashCol !== undefined && eaten !== undefined) {
    if (!/\s/.test(eaten)) {
      sink.error({ line: lineNo, col: hashCol }, 'CONF_COMMENT_EATS', M.commentEats(eaten), M.commentEatsHint);
    } else if ((content.match(/"/g)?.length ?? 0) % 2 === 1) {
      sink.warning({ line: lineNo, col: hashCol }, 'CONF_HASH_IN_QUOTES', M.hashInQuotes, M.commentEatsHint);
    }
  }
  if (!content.includes('\\')) return { text: content };
  let text = '';
  const cols: number[] = [];
  for (let i = 0; i < content.length; i += 1) {
    const ch = content[i]!;
    if (ch === '\\' && i + 1 < content.length) {
      const next = content[i + 1]!;
      if (next === '"' || next === '{' || next === '}') {
        sink.error({ line: lineNo, col: i + 1 }, 'CONF_ESCAPE', M.uselessEscape(next));
      }
      text += next;
      cols.push(i + 2);
      i += 1;
    } else {
      text += ch;
      cols.push(i + 1);
    }
  }
  return { text, cols };
}

function tokenize(segment: string, cols: number[] | undefined, offset: number, lineNo: number, sink: DiagnosticSink): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(segment); m; m = TOKEN.exec(segment)) {
    const col = cols ? cols[offset + m.index]! : offset + m.index + 1;
    const quoted = m[1] !== undefined;
    const text = quoted ? m[1]! : m[2]!;
    if (!quoted && text.includes('"')) sink.error({ line: lineNo, col }, 'CONF_QUOTE', M.unbalancedQuote);
    tokens.push({ text, quoted, line: lineNo, col });
  }
  if (tokens.length > 3) {
    const extra = tokens[3]!;
    sink.error({ line: lineNo, col: extra.col }, 'CONF_TOO_MANY_WORDS', M.tooManyWords(tokens.length), M.tooManyWordsHint);
  }
  return tokens;
}
