/**
 * Validation of names and values before they reach a sysfs write or a config file.
 *
 * API:
 * - `validateName(kind, name, context?)` → problems with an object name (device, target,
 *   group, initiator, …) as SCST's grammar and scst.conf can carry it.
 * - `validateLun(text)` → problems with a LUN number as written (plain decimal 0..16383).
 * - `validateValue(kind, owner, attribute, value)` → problems with one attribute value, using
 *   the attribute table (`attributes.ts`); unknown attributes only get the generic checks.
 * - `validateChapUser(value)` → problems with `name secret`.
 * - `hasErrors(problems)`.
 *
 * A problem is `{ severity, message, hint? }` with no location: callers (check-config, the
 * planner, the IET converter) add the file:line or the object. Errors mean "SCST or the file
 * format cannot take this"; warnings mean "legal but probably not what you want".
 */
import { checkToken, describeCharacter, forbiddenCharacter as mgmtForbiddenCharacter } from '../sysfs/mgmt-command.js';
import { UserError } from '../errors.js';
import { describeInvisible, invisibleCharacter, showInvisible } from '../sysfs/invisible.js';
import { attributeSpec, isPassthroughHandler, type AttributeSpec, type ObjectKind, type ValueType } from './attributes.js';

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  message: string;
  hint?: string;
}

export type NameKind =
  | 'handler' | 'driver' | 'device' | 'target' | 'group' | 'initiator'
  | 'deviceGroup' | 'targetGroup' | 'tgMember' | 'attribute';

export const MAX_LUN = 16383;
export const CHAP_SECRET_MIN = 12;
export const CHAP_SECRET_MAX_RECOMMENDED = 16;
/** iscsi-scstd copies a secret into a 256-byte buffer at login: a longer one is cut and never matches. */
export const CHAP_SECRET_MAX = 255;
/** iscsi-scstd keeps CHAP user names in 256-byte buffers too. */
export const CHAP_USER_MAX = 255;

const NAME_WORDS: Record<NameKind, string> = {
  handler: 'handler name', driver: 'driver name', device: 'device name', target: 'target name',
  group: 'group name', initiator: 'initiator name', deviceGroup: 'device group name',
  targetGroup: 'target group name', tgMember: 'target group member', attribute: 'attribute name',
};

const err = (message: string, hint?: string): Problem => ({ severity: 'error', message, ...(hint ? { hint } : {}) });
const warn = (message: string, hint?: string): Problem => ({ severity: 'warning', message, ...(hint ? { hint } : {}) });

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Characters neither SCST's tokenizer nor scst.conf can carry inside a name or value token. */
export function confForbiddenCharacter(text: string): string | undefined {
  for (const ch of text) {
    if (ch === '"' || ch === '{' || ch === '}') return ch;
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return ch;
  }
  return undefined;
}

/**
 * The first invisible character beyond ASCII (bidi controls, separators, zero-width and other
 * format characters); ASCII controls keep their own messages (a newline is "a blank").
 */
function invisibleUnicode(name: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- ASCII is dropped so only Unicode's invisibles remain
  return invisibleCharacter(name.replace(/[\u0000-\u007f]/g, ''));
}

export interface NameContext {
  /** The handler of a device, the driver of a target/group/initiator. */
  owner?: string;
}

export function validateName(kind: NameKind, name: string, context: NameContext = {}): Problem[] {
  const what = NAME_WORDS[kind];
  if (name === '') return [err(`empty ${what}`)];
  if (name === '__proto__') return [err(`'__proto__' cannot be used as a ${what}`)];
  const hidden = invisibleUnicode(name);
  if (hidden !== undefined) {
    return [err(`${what} '${showInvisible(name)}' contains ${describeInvisible(hidden)}, an invisible character that makes listings show another name`, `rename the ${what.replace(/ name$/, '')}`)];
  }
  if (/\s/.test(name)) {
    return [err(`${what} '${name}' contains a blank; SCST names are single words`)];
  }
  if (name.includes('=')) return [err(`${what} '${name}' contains '='; SCST's command parser takes '=' as a separator`)];
  const bad = confForbiddenCharacter(name);
  if (bad !== undefined) return [err(`${what} '${name}' contains ${describeCharacter(bad)}, which scst.conf cannot carry`)];
  // Names reach SCST only inside mgmt commands: what the command builder refuses at apply time
  // is an error here, so the admin learns it from check-config, not halfway through an apply.
  const unsendable = kind === 'attribute' ? undefined : mgmtForbiddenCharacter(name);
  if (unsendable !== undefined) {
    return [err(`${what} '${name}' contains ${describeCharacter(unsendable)}, which scstadmin-ts refuses to send to SCST (its command grammar separates parameters with ';')`, `rename the ${what.replace(/ name$/, '')}`)];
  }
  const problems: Problem[] = [];
  switch (kind) {
    case 'attribute':
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) problems.push(err(`attribute name '${name}' is not a word of letters, digits and '_'`));
      break;
    case 'handler':
    case 'driver':
      if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name)) problems.push(err(`${what} '${name}' is not a kernel module object name`));
      break;
    case 'device':
      problems.push(...deviceNameProblems(name, context.owner));
      break;
    case 'target':
      problems.push(...targetNameProblems(name, context.owner));
      break;
    case 'initiator':
      problems.push(...initiatorNameProblems(name, context.owner));
      break;
    case 'group':
    case 'deviceGroup':
    case 'targetGroup':
      if (name === 'mgmt') problems.push(err(`${what} 'mgmt' collides with the directory's mgmt file`));
      if (name.includes('/')) problems.push(warn(`${what} '${name}' contains '/', which sysfs shows as '!'`));
      break;
    case 'tgMember':
      if (['mgmt', 'group_id', 'preferred', 'state'].includes(name)) problems.push(err(`${what} '${name}' collides with a file of the target group`));
      break;
  }
  return problems;
}

function deviceNameProblems(name: string, handler: string | undefined): Problem[] {
  if (handler !== undefined && isPassthroughHandler(handler)) {
    return /^\d+:\d+:\d+:\d+$/.test(name) ? [] : [err(`device '${name}' of pass-through handler ${handler} must be a SCSI address H:C:I:L`)];
  }
  const problems: Problem[] = [];
  if (name.startsWith('/dev/')) {
    problems.push(err(`device name '${name}' is a path; SCST device names cannot contain '/'`, `name the device '${name.slice(5).replace(/\//g, '_')}' and give the path as filename`));
    return problems;
  }
  if (name.includes('/')) problems.push(err(`device name '${name}' contains '/', which SCST refuses`));
  if (name.includes('.')) problems.push(err(`device name '${name}' contains '.', which SCST refuses`));
  const limit = handler === 'scst_user' ? 50 : 64;
  const bytes = Buffer.byteLength(name);
  if (bytes > limit) problems.push(err(`device name '${name}' is ${bytes} bytes long; SCST allows at most ${limit}`));
  if (['mgmt', 'type', 'trace_level'].includes(name)) problems.push(err(`device name '${name}' collides with a file of the handler directory`));
  return problems;
}

function targetNameProblems(name: string, driver: string | undefined): Problem[] {
  const problems: Problem[] = [];
  if (driver === 'iscsi' || driver === undefined && /^(iqn|eui|naa)\./i.test(name)) {
    const bytes = Buffer.byteLength(name);
    if (bytes > 255) problems.push(err(`iSCSI target name is ${bytes} bytes long; the daemon keeps only 255`));
    const format = iscsiNameProblem(name);
    if (format) problems.push(warn(`target '${name}': ${format}`));
    if (name.includes('/')) problems.push(warn(`target '${name}' contains '/', which sysfs shows as '!'`));
    if (['mgmt', 'enabled', 'open_state', 'version', 'trace_level', 'iSNSServer', 'isns_entity_name', 'link_local', 'internal_portal'].includes(name)) {
      problems.push(err(`target name '${name}' collides with a file of the iscsi driver directory`));
    }
  }
  if (name === 'mgmt') problems.push(err(`target name 'mgmt' collides with the driver's mgmt file`));
  return problems;
}

function initiatorNameProblems(name: string, driver: string | undefined): Problem[] {
  if (name === 'mgmt') return [err(`initiator name 'mgmt' collides with the initiators' mgmt file`)];
  const pattern = name.replace(/^!/, '');
  if (pattern.includes('!')) return [err(`initiator pattern '${name}' has a '!' after the start; only one leading '!' negates`)];
  if (driver === 'iscsi' && !/[*?]/.test(pattern)) {
    const format = iscsiNameProblem(pattern.split('#')[0] ?? pattern);
    if (format) return [warn(`initiator '${name}': ${format}`)];
  }
  return [];
}

/** RFC 3720 §3.2.6.1: an iSCSI name is at most 223 bytes of UTF-8. */
const ISCSI_NAME_MAX_BYTES = 223;

const IQN = /^iqn\.\d{4}-(0[1-9]|1[0-2])\.[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:.*)?$/;

/** RFC 3720/3721 name forms; a sentence saying what is wrong, or undefined. */
export function iscsiNameProblem(name: string): string | undefined {
  const lower = name.toLowerCase();
  const bytes = Buffer.byteLength(name);
  if (bytes > ISCSI_NAME_MAX_BYTES) return `${bytes} bytes long; RFC 3720 allows iSCSI names of at most ${ISCSI_NAME_MAX_BYTES}`;
  if (lower.startsWith('iqn.')) {
    if (!IQN.test(lower)) return 'not a valid IQN (iqn.YYYY-MM.reversed.domain[:identifier])';
    if (lower !== name) return 'IQNs are compared in lower case; upper-case letters invite mismatches';
    return undefined;
  }
  if (lower.startsWith('eui.')) return /^eui\.[0-9a-f]{16}$/.test(lower) ? undefined : 'not a valid EUI-64 name (eui. and 16 hex digits)';
  if (lower.startsWith('naa.')) return /^naa\.([0-9a-f]{16}|[0-9a-f]{32})$/.test(lower) ? undefined : 'not a valid NAA name (naa. and 16 or 32 hex digits)';
  return 'not an iqn., eui. or naa. name';
}

/** A LUN number as written in scst.conf: plain decimal, 0..16383. */
export function validateLun(text: string): Problem[] {
  if (!/^\d+$/.test(text)) return [err(`LUN '${text}' is not a number`)];
  if (text.length > 1 && text.startsWith('0')) {
    return [err(`LUN '${text}' has a leading zero; the kernel reads it as octal, scstadmin as decimal`, `write ${Number.parseInt(text, 10)}`)];
  }
  const n = Number(text);
  if (n > MAX_LUN) return [err(`LUN ${text} is out of range 0..${MAX_LUN}`)];
  return [];
}

/** A number as the kernel's kstrto* functions read it (base 0), or undefined. */
export function parseKernelNumber(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const body = m[2]!;
  let value: bigint;
  if (/^0[xX]/.test(body)) value = BigInt(body);
  else if (body.length > 1 && body.startsWith('0')) value = BigInt(`0o${body.slice(1)}`);
  else value = BigInt(body);
  return m[1] === '-' ? -value : value;
}

export function validateChapUser(value: string): Problem[] {
  const words = value.split(' ');
  if (words.length !== 2 || words.some((w) => w === '')) {
    return [err('a CHAP user is "name secret": two words separated by one blank')];
  }
  const secret = words[1]!;
  const length = Buffer.byteLength(secret);
  const userLength = Buffer.byteLength(words[0]!);
  if (userLength > CHAP_USER_MAX) return [err(`CHAP user name is ${userLength} bytes long; iSCSI-SCST keeps at most ${CHAP_USER_MAX}`)];
  if (length > CHAP_SECRET_MAX) {
    return [err(`CHAP secret of user '${words[0]}' has ${length} characters; iSCSI-SCST uses at most ${CHAP_SECRET_MAX} and logins with a longer one fail`)];
  }
  if (length < CHAP_SECRET_MIN) {
    return [err(`CHAP secret of user '${words[0]}' has ${length} characters; iSCSI-SCST needs at least ${CHAP_SECRET_MIN}`)];
  }
  if (length > CHAP_SECRET_MAX_RECOMMENDED) {
    return [warn(`CHAP secret of user '${words[0]}' has ${length} characters; many initiators accept at most ${CHAP_SECRET_MAX_RECOMMENDED}`)];
  }
  return [];
}

export function validateValue(kind: ObjectKind, owner: string | undefined, attribute: string, value: string): Problem[] {
  const bad = confForbiddenCharacter(value);
  if (bad !== undefined) return [err(`value of ${attribute} contains ${describeCharacter(bad)}, which scst.conf and sysfs writes cannot carry`)];
  // A usn may start with blanks: IET sent serials right-aligned in a blank-filled field, and
  // migrate-iet keeps those bytes (the kernel stores the text up to the newline as it is).
  const significant = attribute === 'usn' ? value.trimStart() : value;
  if (significant !== value.trim()) return [err(`value of ${attribute} has leading or trailing blanks`)];
  const spec = attributeSpec(kind, owner, attribute);
  if (!spec) return [];
  const tokenProblems = mgmtTokenProblems(spec, value);
  return tokenProblems.length > 0 ? tokenProblems : checkType(spec, value);
}

/**
 * Creation parameters and dynamic attributes travel inside mgmt commands (`name=value;`), so
 * their values must pass the same token check the command builder applies before writing.
 */
function mgmtTokenProblems(spec: AttributeSpec, value: string): Problem[] {
  if (!(spec.create || spec.dynamic) || value === '') return [];
  try {
    checkToken({ value, what: `value of ${spec.name}`, lexemes: spec.type.kind === 'chapUser' ? 2 : 1 });
    return [];
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    // The message quotes the value; a CHAP secret must not reach the terminal.
    return [err(spec.secret ? error.message.replaceAll(value, `${value.split(' ')[0]} ********`) : error.message)];
  }
}

function checkType(spec: AttributeSpec, value: string): Problem[] {
  const name = spec.name;
  const type: ValueType = spec.type;
  switch (type.kind) {
    case 'number': {
      const n = parseKernelNumber(value);
      if (n === undefined) return [err(`${name} must be a number, not '${value}'`)];
      if (!type.signed && n < 0n) return [err(`${name} cannot be negative`)];
      if (type.min !== undefined && n < BigInt(type.min) || type.max !== undefined && n > BigInt(type.max)) {
        return [err(`${name} ${value} is out of range ${rangeText(type.min, type.max)}`)];
      }
      if (/^0\d/.test(value)) return [warn(`${name} '${value}' has a leading zero: the kernel reads it as octal`)];
      return [];
    }
    case 'decimal': {
      if (!/^\d+$/.test(value)) return [err(`${name} must be a decimal number, not '${value}'`)];
      const n = Number(value);
      return n < type.min || n > type.max ? [err(`${name} ${value} is out of range ${type.min}..${type.max}`)] : [];
    }
    case 'flag':
      return value === '0' || value === '1' ? [] : [err(`${name} must be 0 or 1, not '${value}'`)];
    case 'enum': {
      const ok = type.caseSensitive ? type.values.includes(value) : type.values.some((v) => v.toLowerCase() === value.toLowerCase());
      return ok ? [] : [err(`${name} must be one of ${type.values.join(', ')}${type.caseSensitive ? ' (case matters)' : ''}, not '${value}'`)];
    }
    case 'text':
      return type.maxLength !== undefined && Buffer.byteLength(value) > type.maxLength
        ? [err(`${name} is ${Buffer.byteLength(value)} bytes long; at most ${type.maxLength} allowed`)]
        : [];
    case 'path':
      return value === '' || value.startsWith('/') ? [] : [err(`${name} must be an absolute path, not '${value}'`)];
    case 'digest': {
      const parts = value.split(',');
      return parts.every((p) => /^(none|crc32c)$/i.test(p)) ? [] : [err(`${name} must be None, CRC32C or a comma list of them without blanks, not '${value}'`)];
    }
    case 'chapUser':
      return validateChapUser(value);
    case 'portal':
      return value !== '' && !/\s/.test(value) ? [] : [err(`${name} must be one address or pattern`)];
    case 'cpuMask':
      return /^[0-9a-fA-F]+(,[0-9a-fA-F]+)*$/.test(value) ? [] : [err(`${name} must be a hex CPU bitmap such as ff or ffffffff,ffffffff, not '${value}'`)];
    case 'ioGrouping':
      return /^(auto|this_group_only|never)$/.test(value) || /^[1-9]\d*$/.test(value)
        ? []
        : [err(`${name} must be auto, this_group_only, never or a positive group number, not '${value}'`)];
    case 'eui64':
      return value === '' || /^(0x)?([0-9a-fA-F]{16}|[0-9a-fA-F]{24}|[0-9a-fA-F]{32})$/.test(value) ? [] : [err(`${name} must be 16, 24 or 32 hex digits, not '${value}'`)];
    case 'naa':
      return value === '' || /^(0x)?([235][0-9a-fA-F]{15}|6[0-9a-fA-F]{31})$/.test(value) ? [] : [err(`${name} must be 16 hex digits starting 2, 3 or 5, or 32 starting 6, not '${value}'`)];
    case 'blockSize': {
      const n = parseKernelNumber(value);
      if (n === undefined || n < 0n) return [err(`${name} must be a number of bytes, not '${value}'`)];
      if (n > 0n && n < 512n) return [err(`${name} ${value} is below 512; SCST refuses it (0 means 512)`)];
      if ((n & (n - 1n)) !== 0n) return [warn(`${name} ${value} is not a power of two; SCST rounds it down`)];
      return [];
    }
    case 'difMode':
      return value.split('|').every((p) => /^(tgt|scst|dev_check|dev_store)$/i.test(p)) ? [] : [err(`${name} must be a |-list of tgt, scst, dev_check, dev_store`)];
  }
}

function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `${min}..${max}`;
  if (min !== undefined) return `>= ${min}`;
  return `<= ${max}`;
}
