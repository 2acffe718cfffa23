/**
 * Linux `kstrto*` number parsing (base 0) as SCST's stores use it: one trailing newline allowed,
 * no leading blanks, `0x` hex, leading `0` octal, `+` allowed, unsigned parsers refuse `-`,
 * overflow is ERANGE and anything else EINVAL.
 */
import { kfail } from './kernel-error.js';

const U64_MAX = (1n << 64n) - 1n;
const S64_MAX = (1n << 63n) - 1n;
const S32_MAX = (1n << 31n) - 1n;

function stripOneNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** The magnitude of an unsigned C number in base 0, or EINVAL/ERANGE. */
function parseMagnitude(text: string, max: bigint): bigint {
  let body = text;
  let radix = 10;
  if (/^0[xX]/.test(body)) {
    radix = 16;
    body = body.slice(2);
  } else if (body.length > 1 && body.startsWith('0')) {
    radix = 8;
    body = body.slice(1);
  }
  const digits = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) kfail('EINVAL');
  let value = 0n;
  const big = BigInt(radix);
  for (const char of body) {
    value = value * big + BigInt(parseInt(char, radix));
    if (value > max) kfail('ERANGE');
  }
  return value;
}

function parseUnsigned(text: string, max: bigint): bigint {
  let body = stripOneNewline(text);
  if (body.startsWith('+')) body = body.slice(1);
  return parseMagnitude(body, max);
}

function parseSigned(text: string, max: bigint): bigint {
  const body = stripOneNewline(text);
  if (body.startsWith('-')) return -parseMagnitude(body.slice(1), max + 1n);
  return parseUnsigned(body, max);
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

/** kstrtoint. */
export function kstrtoint(text: string): number {
  return Number(parseSigned(text, S32_MAX));
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
