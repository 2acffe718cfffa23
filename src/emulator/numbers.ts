/**
 * Linux number parsing as SCST's stores use it.
 *
 * `kstrto*` (lib/kstrtox.c, base 0): the radix comes from the prefix (`0x` followed by a hex
 * digit is hex, any other leading `0` octal), then every digit of that radix is read, and only
 * then is the rest judged: an overflow seen while reading is ERANGE even when junk follows
 * (`99999999999999999999x`), no digit at all or anything after the digits but one newline is
 * EINVAL. No leading blanks; `+` allowed; the unsigned parsers refuse `-`.
 *
 * `scanDecimal` is what `sscanf("%lld")` does (lib/vsprintf.c): blanks skipped, base 10 (so
 * `0x10` reads 0 and `010` reads 10), an optional `-`, digits until the first non-digit with
 * the rest ignored, and no overflow check at all (the value wraps modulo 2^64).
 */
import { kfail } from './kernel-error.js';

const U64_MAX = (1n << 64n) - 1n;
const S64_MAX = (1n << 63n) - 1n;
const S32_MAX = (1n << 31n) - 1n;

/** The value of one digit character in `radix`, or -1. */
function digitValue(char: string | undefined, radix: number): number {
  if (char === undefined) return -1;
  const code = char.charCodeAt(0);
  let value = -1;
  if (code >= 0x30 && code <= 0x39) value = code - 0x30;
  else if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x66) value = (code | 0x20) - 0x61 + 10;
  return value < radix ? value : -1;
}

const isHexDigit = (char: string | undefined): boolean => digitValue(char, 16) >= 0;

/** The radix base 0 picks for `text`, and where its digits start. */
function radixOf(text: string): { radix: number; start: number } {
  if (text[0] !== '0') return { radix: 10, start: 0 };
  if ((text[1] === 'x' || text[1] === 'X') && isHexDigit(text[2])) return { radix: 16, start: 2 };
  return { radix: 8, start: 0 };
}

/** The digits of `radix` from `start`: their value modulo 2^64, how many, and whether it overflowed. */
function readDigits(text: string, start: number, radix: number): { value: bigint; count: number; overflow: boolean } {
  let value = 0n;
  let overflow = false;
  let i = start;
  const big = BigInt(radix);
  for (; ; i++) {
    const digit = digitValue(text[i], radix);
    if (digit < 0) break;
    value = value * big + BigInt(digit);
    if (value > U64_MAX) {
      overflow = true;
      value &= U64_MAX;
    }
  }
  return { value, count: i - start, overflow };
}

/** `_kstrtoull`: an unsigned 64-bit magnitude in base 0, no sign. */
function parseMagnitude(text: string): bigint {
  const { radix, start } = radixOf(text);
  const { value, count, overflow } = readDigits(text, start, radix);
  if (overflow) kfail('ERANGE');
  if (count === 0) kfail('EINVAL');
  const rest = text.slice(start + count);
  if (rest !== '' && rest !== '\n') kfail('EINVAL');
  return value;
}

function parseUnsigned(text: string, max: bigint): bigint {
  const value = parseMagnitude(text.startsWith('+') ? text.slice(1) : text);
  if (value > max) kfail('ERANGE');
  return value;
}

function parseSigned(text: string, max: bigint): bigint {
  if (text.startsWith('-')) {
    const magnitude = parseMagnitude(text.slice(1));
    if (magnitude > max + 1n) kfail('ERANGE');
    return -magnitude;
  }
  return parseUnsigned(text, max);
}

/** kstrtoull: unsigned 64-bit. */
export function kstrtoull(text: string): bigint {
  return parseUnsigned(text, U64_MAX);
}

/** kstrtoll: signed 64-bit. */
export function kstrtoll(text: string): bigint {
  return parseSigned(text, S64_MAX);
}

/** kstrtoul (unsigned long, 64-bit kernel) as a JS number (exact up to 2^53). */
export function kstrtoul(text: string): number {
  return Number(parseUnsigned(text, U64_MAX));
}

/** kstrtol (long, 64-bit kernel). */
export function kstrtol(text: string): number {
  return Number(parseSigned(text, S64_MAX));
}

/** kstrtol as the exact 64-bit value (for stores that then narrow it to an int). */
export function kstrtolExact(text: string): bigint {
  return parseSigned(text, S64_MAX);
}

/** kstrtoint. */
export function kstrtoint(text: string): number {
  return Number(parseSigned(text, S32_MAX));
}

/** A C `long` assigned to an `int` field: the low 32 bits, signed. */
export function toCInt(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

/** A value stored in an `unsigned int` field: the low 32 bits. */
export function toCUint(value: bigint): number {
  return Number(BigInt.asUintN(32, value));
}

/** What a store sees of a value first copied into a 16-byte stack buffer (at most 15 bytes). */
export function firstFifteen(text: string): string {
  return Buffer.from(text).subarray(0, 15).toString('latin1');
}

/** The kernel's isspace() on one character (ASCII blanks; sysfs text is bytes). */
export function isKernelSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\v' || char === '\f';
}

/**
 * `sscanf(text, "%lld")` (and `%llu`, which reads the same bits): blanks skipped, an optional
 * `-`, base-10 digits up to the first non-digit. Undefined when no digit is there (the
 * conversion fails); otherwise the value modulo 2^64 as the unsigned bits and where it ended.
 */
export function scanDecimal(text: string, options: { signed: boolean } = { signed: true }): { bits: bigint; end: number } | undefined {
  let i = 0;
  while (isKernelSpace(text[i])) i++;
  const negative = options.signed && text[i] === '-';
  if (negative) i++;
  const { value, count } = readDigits(text, i, 10);
  if (count === 0) return undefined;
  return { bits: negative ? BigInt.asUintN(64, -value) : value, end: i + count };
}

/** kstrtobool: first character decides (y/Y/1 true, n/N/0 false, on/off). */
export function kstrtobool(text: string): boolean {
  const c0 = text[0];
  if (c0 === 'y' || c0 === 'Y' || c0 === '1') return true;
  if (c0 === 'n' || c0 === 'N' || c0 === '0') return false;
  if (c0 === 'o' || c0 === 'O') {
    const c1 = text[1];
    if (c1 === 'n' || c1 === 'N') return true;
    if (c1 === 'f' || c1 === 'F') return false;
  }
  return kfail('EINVAL');
}
