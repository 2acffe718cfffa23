/**
 * Errno to a sentence an admin understands. The errno name is kept (scripts and the hint can
 * rely on it); the sentence says what SCST meant by it for that kind of file and verb
 * (errno-sentences.ts), and the kernel's own log line is added when it is known (the emulator
 * knows it; on a real host the kernel log is not read).
 */
import { ERRNO_RULES, GENERIC_SENTENCES, type FileKind } from './errno-sentences.js';
import { printable } from './messages.js';
import { SysfsError } from './types.js';

export interface DescribedError {
  object: string;
  message: string;
  hint?: string;
}

export interface DescribeOptions {
  /** The uid the process runs as (default: the real one); a seam for tests. */
  uid?: number;
}

const NEEDS_ROOT = { sentence: "writing SCST's sysfs needs root", hint: 'run as root (e.g. with sudo)' };

/** Describe a failed sysfs call; `context` can say what the write tried to do. */
export function describeSysfsError(error: SysfsError, context?: string, options: DescribeOptions = {}): DescribedError {
  const object = objectOf(error.path);
  const what = context ?? (error.op === 'write' && error.data !== undefined ? `writing "${visible(error.data)}"` : error.op);
  const kind = fileKind(error.path);
  const verb = kind === 'attribute' ? undefined : (error.data ?? '').trim().split(/\s+/)[0] ?? '';
  const rule = ERRNO_RULES.find(
    (r) =>
      r.errno === error.errno &&
      (r.kind === undefined || r.kind === kind) &&
      (r.verb === undefined || (verb !== undefined && r.verb.test(verb))) &&
      (r.under === undefined || error.path === r.under || error.path.startsWith(`${r.under}/`)) &&
      (r.atOpen === undefined || r.atOpen === (error.at === 'open')) &&
      (r.path === undefined || r.path.test(error.path)) &&
      (r.log === undefined || error.log.some((line) => r.log?.test(line))),
  );
  const special = openRefusal(error, options.uid ?? process.getuid?.());
  const sentence = special?.sentence ?? rule?.sentence ?? GENERIC_SENTENCES[error.errno] ?? 'error';
  let message = `${what} failed: ${sentence} (${error.errno})`;
  const kernelReason = kernelLine(error.log);
  if (kernelReason) message += `; kernel: ${kernelReason}`;
  return { object, message, hint: special ? special.hint : rule?.hint };
}

/**
 * EACCES from open(2) depends on who asked and how: a read of a write-only file, or a write by
 * a user other than root (SCST's files are root's; only for root does EACCES mean the file is
 * read-only, as 0444 sysfs files refuse even root).
 */
function openRefusal(error: SysfsError, uid: number | undefined): { sentence: string; hint?: string } | undefined {
  if (error.errno !== 'EACCES' || error.at !== 'open') return undefined;
  if (error.op !== 'write') return { sentence: 'the file is write-only' };
  if (uid !== undefined && uid !== 0) return NEEDS_ROOT;
  return undefined;
}

/** Which kind of SCST file a path is, for choosing the sentence. */
export function fileKind(path: string): FileKind {
  if (/^handlers\/[^/]+\/mgmt$/.test(path)) return 'handlerMgmt';
  if (/^targets\/[^/]+\/mgmt$/.test(path)) return 'driverMgmt';
  if (/\/luns\/mgmt$/.test(path)) return 'lunsMgmt';
  if (/\/ini_groups\/mgmt$/.test(path)) return 'groupsMgmt';
  if (/\/initiators\/mgmt$/.test(path)) return 'initiatorsMgmt';
  if (path.startsWith('device_groups/')) return path.endsWith('/mgmt') ? 'aluaMgmt' : 'attribute';
  return 'attribute';
}

/** `targets/iscsi/iqn.x/luns/mgmt` → `targets/iscsi/iqn.x/luns`, the object a write is about. */
export function objectOf(path: string): string {
  if (path === '') return 'SCST';
  return path.endsWith('/mgmt') ? path.slice(0, -'/mgmt'.length) || 'SCST' : path;
}

/** The most telling kernel line: an ***ERROR*** line if any, without prefixes. */
function kernelLine(log: readonly string[]): string | undefined {
  const lines = log.map((line) => ({ error: line.includes('***ERROR***'), text: cleanLogLine(line) })).filter((l) => l.text.length > 0);
  return (lines.find((l) => l.error) ?? lines[0])?.text;
}

function cleanLogLine(line: string): string {
  // Kernel messages quote what was written, newline included; keep the message on one line.
  const text = line.replace(/^\[\d+\]:\s*/, '').replace(/^[a-z_-]+:\s*(\*\*\*ERROR\*\*\*:\s*)?/i, '').trim();
  return printable(text.replace(/\n(?=\s|$)/g, ' ').replace(/\s+/g, ' ').trim());
}

function visible(data: string): string {
  return printable(data.replace(/\n$/, ''));
}
