/**
 * SCST's mgmt command tokenizer (spec §0.1). A lexeme is a run of characters that are neither
 * whitespace nor `=`; reading one also consumes the single separator after it, which is why
 * `add_device d1  ` (two blanks) leaves a blank parameter token behind. Parameter lists are
 * split at `;`/`\n`; the first empty token ends the list; a blank-only token is an error.
 */
import { KernelError, kfail } from './kernel-error.js';

/** A `name=value` token without its value (SCST logs the name it read). */
export class MissingValueError extends KernelError {
  constructor(readonly param: string) {
    super('EINVAL');
  }
}

const isSeparator = (c: string): boolean => c === '=' || c === ' ' || c === '\t' || c === '\n' ||
  c === '\r' || c === '\v' || c === '\f';

export class Lexer {
  private pos = 0;
  constructor(private readonly text: string) {}

  /** The next lexeme, `''` at the end of input. */
  next(): string {
    const t = this.text;
    let p = this.pos;
    while (p < t.length && isSeparator(t[p]!)) p++;
    let q = p;
    while (q < t.length && !isSeparator(t[q]!)) q++;
    const lexeme = t.slice(p, q);
    this.pos = q < t.length ? q + 1 : q;
    return lexeme;
  }

  /** What is left after the lexemes read so far (the kernel hands this to parameter parsers). */
  rest(): string {
    return this.text.slice(this.pos);
  }
}

/** Strip the one trailing newline that `echo` adds (mgmt stores do this before parsing). */
export function chompOne(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

interface MgmtParam {
  /** As written (the kernel compares names case-insensitively). */
  name: string;
  value: string;
}

/**
 * `name=value;name=value` lists. Each token must hold exactly two lexemes. The callback decides
 * per name (e.g. unknown name → EINVAL) so that errors surface in the order the kernel meets them.
 */
export function parseParams(text: string): MgmtParam[] {
  const params: MgmtParam[] = [];
  for (const token of paramTokens(text)) {
    const name = token.next();
    if (name === '') kfail('EINVAL');
    const value = token.next();
    if (value === '') throw new MissingValueError(name);
    if (token.next() !== '') kfail('EINVAL');
    params.push({ name, value });
  }
  return params;
}

/**
 * The tokens of a parameter list one at a time, each as a Lexer over its text: split at `;` and
 * newlines, ending at the first empty token (scst_get_next_token_str). Parsers that check each
 * parameter before reading the next use this, so a fault in an early parameter wins.
 */
export function* paramTokens(text: string): Generator<Lexer> {
  let pos = 0;
  while (pos < text.length) {
    let end = pos;
    while (end < text.length && text[end] !== ';' && text[end] !== '\n') end++;
    if (end === pos) return;
    const token = new Lexer(text.slice(pos, end));
    pos = end < text.length ? end + 1 : end;
    yield token;
  }
}

/** `*` any run, `?` one character, case-insensitive; `!` is an ordinary character. */
export function wildcardMatch(pattern: string, text: string): boolean {
  return scanPattern(pattern.toLowerCase(), text.toLowerCase(), false);
}

/**
 * SCST's initiator and portal patterns (`wildcmp()` in scst/src/scst_targ.c, the same in
 * iscsi-scstd): `*`, `?`, case-insensitive, plus one `!` that inverts the outcome. The `!` is
 * not a prefix operator: the scan matches the pattern left to right, and where it reaches the
 * `!` (with characters of the text left) the result is the opposite of matching the rest of
 * the pattern against the rest of the text, with no backtracking past it. So `!iqn.bad*`
 * matches every name that does not start with `iqn.bad`, `iqn.*:!db*` matches `iqn.` names
 * whose part after their first `:` does not start with `db`, and a `!` the scan never reaches
 * (the text ran out first) makes the match fail.
 */
export function negatableWildcardMatch(pattern: string, text: string): boolean {
  return scanPattern(pattern.toLowerCase(), text.toLowerCase(), true);
}

/** Greedy wildcard scan with backtracking to the last `*`; `bang`: the first `!` reached inverts. */
function scanPattern(p: string, s: string, bang: boolean): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    const c = p[pi];
    if (bang && c === '!') return !scanPattern(p.slice(pi + 1), s.slice(si), false);
    if (c === '*') {
      star = ++pi;
      mark = si;
    } else if (c !== undefined && (c === '?' || c === s[si])) {
      pi++;
      si++;
    } else if (star >= 0) {
      pi = star;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}
