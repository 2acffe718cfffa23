/**
 * When two attribute texts mean the same thing to SCST. Plain text equality is the rule (SCST
 * values are texts: `0x0`, `010` and `8` differ), with the exceptions the kernel or the iSCSI
 * daemon canonicalize themselves — otherwise every apply would rewrite them (scstadmin re-sets
 * `HeaderDigest CRC32C,None` on each run because the daemon stores `None,CRC32C`).
 */
import { isSecretAttribute } from '../model/attributes.js';

/** Attributes whose value is a comma list of tokens in any order and any letter case. */
const DIGEST_ATTRIBUTES = new Set(['HeaderDigest', 'DataDigest']);
/** Attributes the kernel compares by prefix, case-insensitively, and prints in upper case. */
const UPPER_CASE_ATTRIBUTES = new Set(['addr_method']);

export function sameValue(attribute: string, a: string, b: string): boolean {
  if (a === b) return true;
  if (DIGEST_ATTRIBUTES.has(attribute)) return digestKey(a) === digestKey(b);
  if (UPPER_CASE_ATTRIBUTES.has(attribute)) return a.toUpperCase() === b.toUpperCase();
  if (attribute === 'enabled') return Number(a) === Number(b);
  return false;
}

function digestKey(value: string): string {
  return value.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== '').sort().join(',');
}

/** The identity of one value of a dynamic attribute. */
export function dynamicKey(name: string, value: string): string {
  const words = value.trim().split(/\s+/);
  // CHAP user entries are matched by user name: `alice secret` and `alice other` are one user.
  return isSecretAttribute(name) ? (words[0] ?? '') : words.join(' ');
}

/** Normalized form used when writing and comparing a dynamic value (single blanks). */
export function normalizeDynamic(value: string): string {
  return value.trim().split(/\s+/).join(' ');
}
