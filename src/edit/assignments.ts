/**
 * `NAME=VALUE` words of the command line (set-device, set-target, add-target, --attr) into
 * attribute values, and sizes with units. A word without `=` or with an empty name is bad input
 * naming the word; the value itself is checked later against the attribute table.
 */
import { badInput } from '../errors.js';

export function parseAssignments(words: readonly string[], object: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const word of words) {
    const at = word.indexOf('=');
    if (at <= 0) throw badInput(`"${word}" is not NAME=VALUE`, { object, hint: 'give attributes as NAME=VALUE, e.g. usn=A12', code: 'BAD_ASSIGNMENT' });
    values[word.slice(0, at)] = word.slice(at + 1);
  }
  return values;
}

const SIZE_UNITS: Record<string, number> = { '': 0, K: 10, M: 20, G: 30, T: 40, P: 50 };

/** `16M`, `1G`, `1.5T`, `4096`, `2GiB` → bytes as decimal text (powers of 1024). */
export function parseSize(text: string, object: string): string {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGTP]?)(?:i?B)?$/i.exec(text.trim());
  if (!m) throw badInput(`size "${text}" is not a number of bytes, or one with K, M, G, T or P`, { object, code: 'BAD_SIZE' });
  const bytes = Number(m[1]) * 2 ** SIZE_UNITS[m[2]!.toUpperCase()]!;
  if (!Number.isSafeInteger(Math.round(bytes)) || bytes <= 0) throw badInput(`size "${text}" is out of range`, { object, code: 'BAD_SIZE' });
  return String(Math.round(bytes));
}
