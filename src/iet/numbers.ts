/**
 * Numbers as IET read them: C `strtol(…, 0)` — optional sign, `0x` hexadecimal, a leading `0`
 * octal, parsing stops at the first character that is not a digit of the base, and no digits
 * at all give 0. Keeping this exact matters because `010` really ran as 8.
 */

export interface IetNumber {
  value: number;
  /** Why the text is worth a warning: `octal`, `hex`, `garbage` (characters after the number), `empty`. */
  quirks: Array<'octal' | 'hex' | 'garbage' | 'empty'>;
}

export function parseIetNumber(text: string): IetNumber {
  const quirks: IetNumber['quirks'] = [];
  let i = 0;
  while (i < text.length && /\s/.test(text[i] as string)) i += 1;
  let sign = 1;
  if (text[i] === '+' || text[i] === '-') {
    if (text[i] === '-') sign = -1;
    i += 1;
  }
  let base = 10;
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
    base = 16;
    i += 2;
    quirks.push('hex');
  } else if (text[i] === '0' && /[0-9]/.test(text[i + 1] ?? '')) {
    base = 8;
    quirks.push('octal');
  }
  const start = i;
  let value = 0;
  while (i < text.length) {
    const digit = digitValue(text[i] as string);
    if (digit < 0 || digit >= base) break;
    value = value * base + digit;
    i += 1;
  }
  if (i === start) quirks.push('empty');
  else if (i < text.length) quirks.push('garbage');
  return { value: sign * value, quirks };
}

function digitValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  const lower = ch.toLowerCase();
  if (lower >= 'a' && lower <= 'f') return lower.charCodeAt(0) - 87;
  return -1;
}
