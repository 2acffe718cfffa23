/**
 * Characters an admin cannot see in a name: controls (C0, DEL, C1), Unicode format characters
 * (category Cf: bidi overrides and isolates, zero-width joiners, the BOM, …), the line and
 * paragraph separators, and lone surrogates. A name holding one makes listings lie — U+202E
 * turns `disk1` + `exe.txt` round on the screen — so names carrying them are refused, and
 * messages that quote a refused name show such characters as `<U+202E>`.
 *
 * Names are given for the characters admins meet in practice (the bidi controls, the zero-width
 * characters, the separators); any other one is described by its code point and category.
 */

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const INVISIBLE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const NAMES: Record<number, string> = {
  0x0009: 'CHARACTER TABULATION',
  0x000a: 'LINE FEED',
  0x000d: 'CARRIAGE RETURN',
  0x007f: 'DELETE',
  0x0085: 'NEXT LINE',
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (byte order mark)',
  0xfff9: 'INTERLINEAR ANNOTATION ANCHOR',
  0xfffa: 'INTERLINEAR ANNOTATION SEPARATOR',
  0xfffb: 'INTERLINEAR ANNOTATION TERMINATOR',
};

/** The first invisible character of `text`, or undefined. */
export function invisibleCharacter(text: string): string | undefined {
  return INVISIBLE.exec(text)?.[0];
}

export function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `U+202E RIGHT-TO-LEFT OVERRIDE`; `U+E0001 (an invisible format character)` for unnamed ones. */
export function describeInvisible(ch: string): string {
  const name = NAMES[ch.codePointAt(0) ?? 0];
  if (name !== undefined) return `${codePoint(ch)} ${name}`;
  if (/\p{Cc}/u.test(ch)) return `${codePoint(ch)} (a control character)`;
  if (/\p{Cs}/u.test(ch)) return `${codePoint(ch)} (a lone surrogate, not a character)`;
  return `${codePoint(ch)} (an invisible format character)`;
}

/** The text with every invisible character shown as `<U+XXXX>`, so a message cannot be turned round. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE_ALL, (ch) => `<${codePoint(ch)}>`);
}
