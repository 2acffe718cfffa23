/**
 * initiators.allow, initiators.deny and targets.allow as IET 1.4.18+ read them (ietd-conf.md
 * §2): `TARGET ENTRY[, ENTRY]…` lines, only newline-terminated ones count, the first line whose
 * target word is the target (ignoring case) or `ALL` is the only one consulted.
 */
import type { Report, SourceLocation } from './findings.js';
import { parseAddressEntry, type IpEntry } from './addresses.js';
import { MSG } from './messages.js';
import { readLines } from './source.js';

type At = Required<SourceLocation>;

export type AccessEntry =
  | { kind: 'all'; text: 'ALL' }
  | { kind: 'address'; text: string; ip: IpEntry }
  | { kind: 'name'; text: string };

export interface AccessLine {
  /** The target word: a target name or `ALL`. */
  target: string;
  entries: AccessEntry[];
  at: At;
}

export interface AccessFile {
  file: string;
  lines: AccessLine[];
}

export interface AccessParseOptions {
  /**
   * IET up to 0.4.17: the target word starts in column 0 followed by a space, `#` comments only
   * in column 0, and the first entry that is not an address ends the line.
   */
  legacy?: boolean;
}

export function parseAccessFile(file: string, content: Buffer, report: Report, options: AccessParseOptions = {}): AccessFile | undefined {
  const lines = readLines(file, content, report);
  if (!lines) return undefined;
  const result: AccessFile = { file, lines: [] };
  const shape = options.legacy ? /^(\S+)( [^]*)?$/ : /^[ \t\r\v\f]*(\S+)([ \t\r\v\f][^]*)?$/;
  for (const line of lines) {
    if (line.text.trim() === '' || (options.legacy ? line.text.startsWith('#') : line.text.trimStart().startsWith('#'))) continue;
    const match = shape.exec(line.text);
    if (!match) {
      report.warning({ code: 'IET_ACL_LINE_UNREADABLE', treatment: 'faithful', at: line.at, construct: line.text.trim(), message: MSG.aclLegacyUnreadable });
      continue;
    }
    const word = match[1] as string;
    if (!line.terminated) {
      report.warning({ code: 'IET_ACL_LINE_UNTERMINATED', treatment: 'faithful', at: line.at, construct: line.text.trim(), message: MSG.aclUnterminated });
      continue;
    }
    if (match[2] === undefined) {
      report.info({ code: 'IET_ACL_SINGLE_WORD', treatment: 'faithful', at: line.at, construct: word, message: MSG.aclSingleWord });
      continue;
    }
    let entries = match[2]
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '')
      .map(classifyEntry);
    if (options.legacy) {
      const end = entries.findIndex((e) => e.kind === 'name');
      if (end >= 0) {
        report.warning({ code: 'IET_ACL_ENTRY_NEVER_MATCHED', treatment: 'dropped', at: line.at, construct: (entries[end] as AccessEntry).text, message: MSG.aclLegacyName });
        entries = entries.slice(0, end);
      }
    }
    result.lines.push({ target: word, entries, at: line.at });
  }
  return result;
}

function classifyEntry(text: string): AccessEntry {
  if (text === 'ALL') return { kind: 'all', text };
  const ip = parseAddressEntry(text);
  return ip ? { kind: 'address', text, ip } : { kind: 'name', text };
}

/** The one line IET consulted for `target`: the first naming it (any case) or ALL. */
export function applicableLine(file: AccessFile | undefined, target: string): AccessLine | undefined {
  if (!file) return undefined;
  const lower = target.toLowerCase();
  return file.lines.find((l) => l.target === 'ALL' || l.target.toLowerCase() === lower);
}

/** Lines naming a target that an earlier line (ALL or the same target) already answered. */
export function reportShadowedLines(file: AccessFile, targetNames: string[], report: Report): void {
  const known = new Set(targetNames.map((n) => n.toLowerCase()));
  const firstFor = new Map<string, AccessLine>();
  let allLine: AccessLine | undefined;
  for (const line of file.lines) {
    const key = line.target === 'ALL' ? undefined : line.target.toLowerCase();
    if (key !== undefined && !known.has(key)) {
      report.info({ code: 'IET_ACL_UNKNOWN_TARGET', treatment: 'faithful', at: line.at, construct: line.target, message: MSG.aclUnknownTarget(line.target) });
      continue;
    }
    const earlier = key === undefined ? allLine : (allLine ?? firstFor.get(key));
    if (earlier && (key !== undefined || allLine)) {
      report.warning({ code: 'IET_ACL_LINE_SHADOWED', treatment: 'faithful', at: line.at, construct: line.target, message: MSG.aclShadowed(earlier.at) });
      continue;
    }
    if (key === undefined) {
      allLine = line;
      // Reached, but not by targets that have a line of their own above it (first line wins).
      for (const own of firstFor.values()) {
        report.info({ code: 'IET_ACL_LINE_SHADOWED', treatment: 'faithful', at: line.at, construct: line.target, message: MSG.aclAllLineNotReached(own.target, own.at) });
      }
    } else firstFor.set(key, line);
  }
}
