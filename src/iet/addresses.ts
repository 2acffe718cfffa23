/**
 * Address entries of IET's access files (`a.b.c.d`, `x::y`, `[x::y]`, each with an optional
 * `/BITS`) and IET's quirks with them: a prefix of 32 (128) or more never matched, nor did a
 * network written with host bits set. Hostnames were never resolved, so they are not addresses.
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface IpEntry {
  text: string;
  family: 4 | 6;
  /** Canonical text: dotted quad, or IPv6 compressed lower case without brackets. */
  address: string;
  prefix?: number;
  /** Why IET never matched this entry, when it did not. */
  neverMatched?: string;
  /** IET's behaviour was undefined (prefix 0). */
  undefinedBehaviour?: boolean;
}

export function parseAddressEntry(text: string): IpEntry | undefined {
  const slash = text.lastIndexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  const bitsText = slash < 0 ? undefined : text.slice(slash + 1);
  if (bitsText !== undefined && !/^[0-9]{1,3}$/.test(bitsText)) return undefined;
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  let family: 4 | 6;
  if (isIPv4(bare) && bare === host) family = 4;
  else if (isIPv6(bare)) family = 6;
  else return undefined;
  const entry: IpEntry = { text, family, address: family === 4 ? bare : canonicalIPv6(bare) };
  if (bitsText === undefined) return entry;
  const prefix = Number(bitsText);
  entry.prefix = prefix;
  const width = family === 4 ? 32 : 128;
  if (prefix === 0) entry.undefinedBehaviour = true;
  else if (prefix >= width) entry.neverMatched = `a /${prefix} prefix never matched in IET`;
  else if ((toBigInt(entry) & hostMask(width, prefix)) !== 0n) entry.neverMatched = 'a network written with host bits set never matched in IET';
  return entry;
}

/** IPv6 in the compressed lower-case form iSCSI-SCST prints portal addresses in. */
export function canonicalIPv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/** Whether `address` (a bare address of the same family) lies inside the prefix of `entry`. */
export function prefixContains(entry: IpEntry, address: string): boolean {
  const other = parseAddressEntry(address);
  if (!other || other.family !== entry.family) return false;
  const width = entry.family === 4 ? 32 : 128;
  const mask = ~hostMask(width, entry.prefix ?? width) & ((1n << BigInt(width)) - 1n);
  return (toBigInt(entry) & mask) === (toBigInt(other) & mask);
}

function hostMask(width: number, prefix: number): bigint {
  return (1n << BigInt(width - prefix)) - 1n;
}

function toBigInt(entry: Pick<IpEntry, 'family' | 'address'>): bigint {
  if (entry.family === 4) return entry.address.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
  const [head = '', tail = ''] = entry.address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = entry.address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}
