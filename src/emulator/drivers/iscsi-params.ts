/**
 * The iSCSI target parameters as iscsi-scstd knows them: defaults, accepted values, and the
 * text the kernel shows for them. Pure data and parsing; the driver decides where they live.
 *
 * iscsi-scstd parses numbers with C `strtol(…, 0)` (garbage reads as 0, trailing junk is
 * ignored) and only then range-checks, which is why `abc` is accepted where 0 is in range.
 */

export type ParamKind =
  | { type: 'number'; min: number; max: number }
  | { type: 'yesno' }
  | { type: 'digest' }
  | { type: 'flag01' }
  | { type: 'text' }
  | { type: 'redirect' };

export interface IscsiParam {
  name: string;
  default: string;
  kind: ParamKind;
  /** `session` keys are negotiated at login; `target` keys are pushed into live sessions. */
  scope: 'session' | 'target' | 'acl';
  /** Hidden keys are accepted by add_target but have no sysfs file. */
  hidden?: boolean;
}

/** Largest data segment with 4 KiB pages on 64-bit, as the recordings show. */
const MAX_SEGMENT = 1048576;

const num = (min: number, max: number): ParamKind => ({ type: 'number', min, max });

const ISCSI_TARGET_PARAMS: readonly IscsiParam[] = [
  { name: 'InitialR2T', default: 'No', kind: { type: 'yesno' }, scope: 'session' },
  { name: 'ImmediateData', default: 'Yes', kind: { type: 'yesno' }, scope: 'session' },
  { name: 'MaxRecvDataSegmentLength', default: String(MAX_SEGMENT), kind: num(512, MAX_SEGMENT), scope: 'session' },
  { name: 'MaxXmitDataSegmentLength', default: String(MAX_SEGMENT), kind: num(512, MAX_SEGMENT), scope: 'session' },
  { name: 'MaxBurstLength', default: String(MAX_SEGMENT), kind: num(512, MAX_SEGMENT), scope: 'session' },
  { name: 'FirstBurstLength', default: '65536', kind: num(512, MAX_SEGMENT), scope: 'session' },
  { name: 'MaxOutstandingR2T', default: '32', kind: num(1, 65535), scope: 'session' },
  { name: 'HeaderDigest', default: 'None', kind: { type: 'digest' }, scope: 'session' },
  { name: 'DataDigest', default: 'None', kind: { type: 'digest' }, scope: 'session' },
  { name: 'RDMAExtensions', default: 'No', kind: { type: 'yesno' }, scope: 'session' },
  { name: 'QueuedCommands', default: '32', kind: num(1, 2048), scope: 'target' },
  { name: 'RspTimeout', default: '90', kind: num(2, 65535), scope: 'target' },
  { name: 'NopInInterval', default: '30', kind: num(0, 65535), scope: 'target' },
  { name: 'NopInTimeout', default: '30', kind: num(2, 65535), scope: 'target' },
  { name: 'MaxSessions', default: '0', kind: num(0, 65535), scope: 'target' },
  { name: 'per_portal_acl', default: '0', kind: { type: 'flag01' }, scope: 'acl' },
  { name: 'redirect', default: '', kind: { type: 'redirect' }, scope: 'acl' },
  { name: 'alias', default: '', kind: { type: 'text' }, scope: 'acl' },
  // Negotiation keys iscsi-scstd accepts at add_target but does not show in sysfs.
  { name: 'MaxConnections', default: '1', kind: num(1, 1), scope: 'session', hidden: true },
  { name: 'ErrorRecoveryLevel', default: '0', kind: num(0, 0), scope: 'session', hidden: true },
  { name: 'DataPDUInOrder', default: 'Yes', kind: { type: 'yesno' }, scope: 'session', hidden: true },
  { name: 'DataSequenceInOrder', default: 'Yes', kind: { type: 'yesno' }, scope: 'session', hidden: true },
  { name: 'DefaultTime2Wait', default: '2', kind: num(0, 3600), scope: 'session', hidden: true },
  { name: 'DefaultTime2Retain', default: '20', kind: num(0, 3600), scope: 'session', hidden: true },
  { name: 'OFMarker', default: 'No', kind: { type: 'yesno' }, scope: 'session', hidden: true },
  { name: 'IFMarker', default: 'No', kind: { type: 'yesno' }, scope: 'session', hidden: true },
  { name: 'OFMarkInt', default: '2048', kind: num(1, 65535), scope: 'session', hidden: true },
  { name: 'IFMarkInt', default: '2048', kind: num(1, 65535), scope: 'session', hidden: true },
];

const BY_NAME = new Map(ISCSI_TARGET_PARAMS.map((p) => [p.name.toLowerCase(), p]));

/** The parameter of that name (iscsi-scstd compares key names case-insensitively). */
export function findIscsiParam(name: string): IscsiParam | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The parameters that appear as files in a target directory. */
export const VISIBLE_ISCSI_PARAMS = ISCSI_TARGET_PARAMS.filter((p) => !p.hidden);

/** The words iscsi-scstd sees in a written value: blanks and `=` separate them. */
export function daemonWords(text: string): string[] {
  return text.split(/[\s=]+/).filter((w) => w.length > 0);
}

/** C strtol(s, 0): leading blanks, sign, 0x / 0 prefixes; stops at the first bad character. */
export function cStrtol(text: string): number {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)?/.exec(text);
  const digits = m?.[2];
  if (!digits) return 0;
  let value: number;
  if (/^0[xX]/.test(digits)) value = Number.parseInt(digits.slice(2), 16);
  else if (digits.startsWith('0')) value = digits.length > 1 ? Number.parseInt(digits.slice(1), 8) : 0;
  else value = Number.parseInt(digits, 10);
  return m[1] === '-' ? -value : value;
}

const DIGEST_ORDER = ['None', 'CRC32C'];

/** A digest list in iscsi-scstd's canonical order (`CRC32C,None` becomes `None,CRC32C`). */
function parseDigest(word: string): string | undefined {
  const seen = new Set<string>();
  for (const part of word.split(',')) {
    const canonical = DIGEST_ORDER.find((d) => d.toLowerCase() === part.toLowerCase());
    if (!canonical) return undefined;
    seen.add(canonical);
  }
  return DIGEST_ORDER.filter((d) => seen.has(d)).join(',');
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** An IPv4 or IPv6 address literal (IPv6 loosely: hex groups and colons). */
export function isIpLiteral(text: string): boolean {
  if (IPV4.test(text)) return true;
  return /^[0-9a-fA-F:]+$/.test(text) && text.includes(':') && text.split(':').length <= 8;
}

/** `ADDR[:PORT] temp|perm` → stored `addr type` (port kept only when it is not 3260). */
function parseRedirect(words: string[]): string | undefined {
  if (words.length === 0) return '';
  if (words.length !== 2 || !['temp', 'perm'].includes(words[1])) return undefined;
  const m = /^(\[[0-9a-fA-F:]+\]|[^:[\]]+)(?::(\d+))?$/.exec(words[0]);
  if (!m) return undefined;
  const host = m[1].startsWith('[') ? m[1].slice(1, -1) : m[1];
  if (!isIpLiteral(host)) return undefined;
  const port = m[2] === undefined ? 3260 : Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const shown = m[1] + (port === 3260 ? '' : `:${port}`);
  return `${shown} ${words[1]}`;
}

/**
 * The value iscsi-scstd stores for `param` when `raw` is written (to the file or inside
 * add_target), or undefined when it refuses it (EINVAL). `:default:` restores the default.
 */
export function parseIscsiValue(param: IscsiParam, raw: string, defaultValue = param.default): string | undefined {
  const words = daemonWords(raw);
  const kind = param.kind;
  if (kind.type === 'text') return raw.trim();
  if (kind.type === 'redirect') return parseRedirect(words);
  if (words.length !== 1) return undefined;
  const word = words[0];
  if (word === ':default:') return defaultValue;
  switch (kind.type) {
    case 'number': {
      const value = cStrtol(word);
      return value >= kind.min && value <= kind.max ? String(value) : undefined;
    }
    case 'yesno':
      return word === 'Yes' || word === 'No' ? word : undefined;
    case 'flag01':
      return word === '0' || word === '1' ? word : undefined;
    case 'digest':
      return parseDigest(word);
  }
}

/**
 * How the kernel shows a daemon-served value: the daemon's text plus one `\n` from the kernel.
 * Parameters print `V\n` at their default and `V\n[key]\n\n` otherwise; flags always carry the
 * extra empty line; unset text values are a lone `\n`.
 */
export function renderIscsiParam(param: IscsiParam, value: string, defaultValue = param.default): string {
  const isKey = value !== defaultValue;
  if (param.kind.type === 'flag01') return isKey ? `${value}\n[key]\n\n` : `${value}\n\n`;
  if (param.kind.type === 'text' || param.kind.type === 'redirect') return value === '' ? '\n' : `${value}\n[key]\n\n`;
  return isKey ? `${value}\n[key]\n\n` : `${value}\n`;
}
