/**
 * Turning a configuration file's bytes into lines the way IET's readers saw them, and refusing
 * files that are not configuration at all (binary junk, ERB/Jinja templates, over-long lines).
 * Shared by the ietd.conf parser and the access-file parser.
 */
import type { Report, SourceLocation } from './findings.js';
import { MSG } from './messages.js';

export interface SourceLine {
  at: Required<SourceLocation>;
  /** The line without its LF; a CR stays (IET treats it as whitespace). */
  text: string;
  /** False only for a last line that has no newline — IET's readers lose part of it. */
  terminated: boolean;
}

/** IET read lines into a 4096-byte buffer: longer ones were split and the tail misparsed. */
export const MAX_LINE_BYTES = 4095;

// Everything IET's word splitter (isspace) treats as a separator.
const BLANKS = /[ \t\r\v\f]+/;
// Control characters no text configuration contains; their presence means binary junk.
// eslint-disable-next-line no-control-regex
const JUNK = /[\u0000-\u0008\u000e-\u001f\u007f]/;
const TEMPLATE = /<%|\{\{|\{%/;

export function splitWords(text: string): string[] {
  return text.split(BLANKS).filter((w) => w !== '');
}

/**
 * Lines of `content`, or undefined when the file is refused (the reasons are in `report`).
 * `file` is the name shown in findings.
 */
export function readLines(file: string, content: Buffer, report: Report): SourceLine[] | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    report.error({ code: 'IET_BINARY_FILE', treatment: 'refused', at: { file, line: lineOfOffset(content, firstInvalidUtf8(content)) }, message: MSG.binaryFile });
    return undefined;
  }
  const raw = text.split('\n');
  const lastTerminated = raw[raw.length - 1] === '';
  if (lastTerminated) raw.pop();
  const lines: SourceLine[] = [];
  let refused = false;
  for (let i = 0; i < raw.length; i += 1) {
    const at = { file, line: i + 1 };
    const line = raw[i] as string;
    if (JUNK.test(line)) {
      report.error({ code: 'IET_BINARY_FILE', treatment: 'refused', at, message: MSG.binaryFile });
      return undefined; // one line is enough: the rest of a binary file is noise
    }
    if (TEMPLATE.test(line)) {
      report.error({ code: 'IET_TEMPLATE', treatment: 'refused', at, construct: line.trim(), message: MSG.template });
      refused = true;
      continue;
    }
    if (Buffer.byteLength(line) > MAX_LINE_BYTES) {
      report.error({ code: 'IET_LINE_TOO_LONG', treatment: 'refused', at, message: MSG.lineTooLong(Buffer.byteLength(line)) });
      refused = true;
      continue;
    }
    lines.push({ at, text: line, terminated: i < raw.length - 1 || lastTerminated });
  }
  return refused ? undefined : lines;
}

function firstInvalidUtf8(content: Buffer): number {
  // Decode growing prefixes cheaply: find the first byte where a fatal decoder fails.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = content.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(content.subarray(0, mid + 1), { stream: true });
      decoder.decode(); // reset
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

function lineOfOffset(content: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < content.length; i += 1) if (content[i] === 0x0a) line += 1;
  return line;
}
