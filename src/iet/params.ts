/**
 * IET's per-target parameters: how ietd and the iscsi_trgt module really used each value (the
 * *effective* value, after IET's silent clamps, forced values and ignored lines), and where it
 * goes in iSCSI-SCST. The table is the single place that knows IET's ranges and defaults
 * (ietd-conf.md §1.4 and §3.5).
 */
import { parseIetNumber } from './numbers.js';

export type ParamKind = 'number' | 'bool' | 'digest' | 'text' | 'unparsed';

export interface ParamSpec {
  /** IET's spelling (directive names are matched case-insensitively). */
  name: string;
  kind: ParamKind;
  /** IET's effective default when the directive is absent. */
  ietDefault: string;
  /** Range IET accepted; a number outside it is replaced by `fallback`. */
  min?: number;
  max?: number;
  fallback?: number;
  /** The kernel overrides whatever the file says. */
  forced?: string;
  /** The iSCSI-SCST target attribute carrying it, with SCST's accepted range. */
  scst?: { name: string; min?: number; max?: number; scstDefault: string };
  /** Why it is not carried, when it has no SCST attribute. */
  dropReason?: string;
}

const ISCSI_SCST_MAX_DATA = 1048576;

export const PARAMS: readonly ParamSpec[] = [
  { name: 'Wthreads', kind: 'number', ietDefault: '8', min: 1, max: 128, fallback: 1, dropReason: 'SCST sizes its own I/O thread pools' },
  { name: 'QueuedCommands', kind: 'number', ietDefault: '32', min: 1, max: 256, fallback: 1, scst: { name: 'QueuedCommands', min: 1, max: 2048, scstDefault: '32' } },
  { name: 'NOPInterval', kind: 'number', ietDefault: '0', min: 0, max: 90, fallback: 0, scst: { name: 'NopInInterval', min: 0, max: 65535, scstDefault: '30' } },
  { name: 'NOPTimeout', kind: 'number', ietDefault: '0', min: 0, max: 90, fallback: 0, scst: { name: 'NopInTimeout', min: 2, max: 65535, scstDefault: '30' } },
  { name: 'MaxSessions', kind: 'number', ietDefault: '0', scst: { name: 'MaxSessions', min: 0, max: 65535, scstDefault: '0' } },
  { name: 'Type', kind: 'number', ietDefault: '0', dropReason: 'IET-internal target type' },
  { name: 'InitialR2T', kind: 'bool', ietDefault: 'Yes', scst: { name: 'InitialR2T', scstDefault: 'No' } },
  { name: 'ImmediateData', kind: 'bool', ietDefault: 'Yes', scst: { name: 'ImmediateData', scstDefault: 'Yes' } },
  { name: 'MaxConnections', kind: 'number', ietDefault: '1', min: 1, max: 65535, fallback: 1, dropReason: 'iSCSI-SCST has one connection per session (no MC/S)' },
  { name: 'MaxRecvDataSegmentLength', kind: 'number', ietDefault: '8192', min: 512, max: 16777215, fallback: 512, scst: { name: 'MaxRecvDataSegmentLength', min: 512, max: ISCSI_SCST_MAX_DATA, scstDefault: '1048576' } },
  { name: 'MaxXmitDataSegmentLength', kind: 'number', ietDefault: '8192', min: 512, max: 16777215, fallback: 512, scst: { name: 'MaxXmitDataSegmentLength', min: 512, max: ISCSI_SCST_MAX_DATA, scstDefault: '1048576' } },
  { name: 'MaxBurstLength', kind: 'number', ietDefault: '262144', min: 512, max: 16777215, fallback: 512, scst: { name: 'MaxBurstLength', min: 512, max: ISCSI_SCST_MAX_DATA, scstDefault: '1048576' } },
  { name: 'FirstBurstLength', kind: 'number', ietDefault: '65536', min: 512, max: 16777215, fallback: 512, scst: { name: 'FirstBurstLength', min: 512, max: ISCSI_SCST_MAX_DATA, scstDefault: '65536' } },
  { name: 'DefaultTime2Wait', kind: 'number', ietDefault: '2', min: 0, max: 3600, fallback: 3600, dropReason: 'iSCSI-SCST always uses 0' },
  { name: 'DefaultTime2Retain', kind: 'number', ietDefault: '0', forced: '0', dropReason: 'IET forced 0 as iSCSI-SCST does' },
  { name: 'MaxOutstandingR2T', kind: 'number', ietDefault: '1', min: 1, max: 65535, fallback: 1, scst: { name: 'MaxOutstandingR2T', min: 1, max: 65535, scstDefault: '32' } },
  { name: 'DataPDUInOrder', kind: 'bool', ietDefault: 'Yes', forced: 'Yes', dropReason: 'not settable in iSCSI-SCST; IET forced Yes too' },
  { name: 'DataSequenceInOrder', kind: 'bool', ietDefault: 'Yes', forced: 'Yes', dropReason: 'not settable in iSCSI-SCST; IET forced Yes too' },
  { name: 'ErrorRecoveryLevel', kind: 'number', ietDefault: '0', forced: '0', dropReason: 'iSCSI-SCST is fixed at 0, as IET was' },
  { name: 'HeaderDigest', kind: 'digest', ietDefault: 'None', scst: { name: 'HeaderDigest', scstDefault: 'None' } },
  { name: 'DataDigest', kind: 'digest', ietDefault: 'None', scst: { name: 'DataDigest', scstDefault: 'None' } },
  { name: 'OFMarker', kind: 'bool', ietDefault: 'No', forced: 'No', dropReason: 'markers were never used by IET and are unsupported in SCST' },
  { name: 'IFMarker', kind: 'bool', ietDefault: 'No', forced: 'No', dropReason: 'markers were never used by IET and are unsupported in SCST' },
  { name: 'OFMarkInt', kind: 'unparsed', ietDefault: '2048', dropReason: 'markers were never used by IET and are unsupported in SCST' },
  { name: 'IFMarkInt', kind: 'unparsed', ietDefault: '2048', dropReason: 'markers were never used by IET and are unsupported in SCST' },
];

const BY_LOWER = new Map(PARAMS.map((p) => [p.name.toLowerCase(), p]));

export function findParam(directive: string): ParamSpec | undefined {
  return BY_LOWER.get(directive.toLowerCase());
}

/** The IET defaults that differ from iSCSI-SCST's, written for `--defaults iet` (§3.5). */
export const IET_DEFAULTS_WORTH_WRITING: ReadonlyArray<{ param: string; attribute: string; value: string }> = PARAMS.filter(
  (p) => p.scst && p.name !== 'NOPTimeout' && p.ietDefault !== p.scst.scstDefault,
).map((p) => ({ param: p.name, attribute: (p.scst as NonNullable<ParamSpec['scst']>).name, value: p.ietDefault }));

export interface Effective {
  /** The value IET ran with. */
  value: string;
  /** What differed from the text, for the report. */
  note?: { code: 'IET_VALUE_CLAMPED' | 'IET_VALUE_IGNORED' | 'IET_VALUE_FORCED' | 'IET_NUMBER_QUIRK'; detail: string };
}

/** IET's effective value of `spec` given the value words of its line. */
export function effectiveValue(spec: ParamSpec, words: string[]): Effective {
  const written = words[0] ?? '';
  if (spec.forced !== undefined) {
    return written === spec.forced ? { value: spec.forced } : { value: spec.forced, note: { code: 'IET_VALUE_FORCED', detail: `the kernel always used ${spec.forced}` } };
  }
  switch (spec.kind) {
    case 'bool':
      if (written === 'Yes' || written === 'No') return { value: written };
      return { value: spec.ietDefault, note: { code: 'IET_VALUE_IGNORED', detail: `only Yes or No (exact case) were accepted; the line was ignored and the default ${spec.ietDefault} used` } };
    case 'digest':
      return effectiveDigest(spec, written);
    case 'number':
      // Extra words after the value (a trailing `# comment`) were ignored by IET.
      return effectiveNumber(spec, written);
    default:
      return { value: written };
  }
}

function effectiveDigest(spec: ParamSpec, written: string): Effective {
  const items = written.split(',').filter((w) => w !== '');
  if (items.length === 0 || items.some((w) => w !== 'None' && w !== 'CRC32C')) {
    return { value: spec.ietDefault, note: { code: 'IET_VALUE_IGNORED', detail: `only the words None and CRC32C (exact case) were accepted; the line was ignored and ${spec.ietDefault} used` } };
  }
  const set = new Set(items);
  // Order never mattered: CRC32C was used iff both sides offered it.
  const value = set.size === 2 ? 'None,CRC32C' : (items[0] as string);
  return { value };
}

function effectiveNumber(spec: ParamSpec, text: string): Effective {
  const parsed = parseIetNumber(text);
  let value = parsed.value;
  let note: Effective['note'];
  // A clamp note replaces the quirk note, so it must still tell how IET read the text.
  let read = String(value);
  if (parsed.quirks.length > 0) {
    note = { code: 'IET_NUMBER_QUIRK', detail: `IET read "${text.trim()}" as ${value} (${quirkText(parsed.quirks)})` };
    read = `"${text.trim()}" (read as ${value}: ${quirkText(parsed.quirks)})`;
  }
  if (spec.min !== undefined && spec.max !== undefined && (value < spec.min || value > spec.max)) {
    const fallback = spec.fallback ?? spec.min;
    note = { code: 'IET_VALUE_CLAMPED', detail: `${spec.name} ${read} is outside IET's range ${spec.min}-${spec.max} and was run as ${fallback} by IET` };
    value = fallback;
  }
  if ((spec.name === 'MaxRecvDataSegmentLength' || spec.name === 'MaxXmitDataSegmentLength') && value > 262144) {
    note = { code: 'IET_VALUE_CLAMPED', detail: `${spec.name} ${read} is above what the iscsi_trgt kernel module allowed (262144) and was run as 512 by IET` };
    value = 512;
  }
  return note ? { value: String(value), note } : { value: String(value) };
}

function quirkText(quirks: string[]): string {
  return quirks
    .map((q) => ({ octal: 'a leading 0 means octal', hex: '0x means hexadecimal', garbage: 'characters after the number were ignored', empty: 'no digits means 0' })[q] ?? q)
    .join('; ');
}
