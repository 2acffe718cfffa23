/**
 * IET's `Lun N OPTIONS` line (ietd-conf.md §1.5): the LUN number read as decimal digits, then
 * the rest of the line trimmed and split on commas only — so blanks inside a value survive, a
 * blank after a comma or a trailing `# comment` spoils the option, and the LUN is rejected.
 * The result says what IET would have served, or why IET rejected the LUN.
 */
import { parseIetNumber } from './numbers.js';

export type IoType = 'fileio' | 'blockio' | 'nullio';
export type IoMode = 'wt' | 'wb' | 'ro';

export interface LunOptions {
  type: IoType;
  /** True when `Type=` was written (otherwise IET's default fileio). */
  typeWritten: boolean;
  path?: string;
  ioMode?: IoMode;
  blockSize?: number;
  scsiId?: string;
  scsiSn?: string;
  /** nullio size in blocks (`Blocks=` / `Sectors=`). */
  blocks?: number;
}

export interface LunRejection {
  code: 'IET_LUN_UNKNOWN_OPTION' | 'IET_LUN_BAD_VALUE' | 'IET_LUN_TRAILING_COMMENT' | 'IET_LUN_BLANK_AFTER_COMMA' | 'IET_LUN_BAD_NUMBER' | 'IET_LUN_MISSING_PATH';
  reason: string;
}

export interface ParsedLunLine {
  /** Undefined when the line has no digits after `Lun`. */
  number?: number;
  optionText: string;
  options?: LunOptions;
  rejection?: LunRejection;
}

export const MAX_LUN = 16383;
const SCSI_ID_MAX = 16;
const SCSI_SN_MAX = 32;
const BLOCK_SIZES = new Set([512, 1024, 2048, 4096]);

export interface LunParseOptions {
  /** IET before 1.4.20 required exact option spellings (`Path=`, not `path=`). */
  caseSensitiveKeys?: boolean;
}

/** `rest` is the line after the `Lun` word. */
export function parseLunLine(rest: string, parse: LunParseOptions = {}): ParsedLunLine {
  const trimmed = rest.replace(/^[ \t\r\v\f]+/, '');
  const digits = /^[0-9]+/.exec(trimmed)?.[0];
  const optionText = trimmed.slice(digits?.length ?? 0).trim();
  if (digits === undefined) {
    return { optionText, rejection: { code: 'IET_LUN_BAD_NUMBER', reason: 'no LUN number after Lun' } };
  }
  const number = Number.parseInt(digits, 10);
  if (number > MAX_LUN) {
    return { number, optionText, rejection: { code: 'IET_LUN_BAD_NUMBER', reason: `LUN ${number} is above IET's limit ${MAX_LUN}` } };
  }
  const result = parseOptionString(optionText, parse);
  return 'reason' in result ? { number, optionText, rejection: result } : { number, optionText, options: result };
}

const KNOWN_KEYS: Record<string, keyof LunOptions> = {
  type: 'type', path: 'path', iomode: 'ioMode', blocksize: 'blockSize', scsiid: 'scsiId', scsisn: 'scsiSn', blocks: 'blocks', sectors: 'blocks',
};
const EXACT_SPELLINGS = new Set(['Type', 'Path', 'IOMode', 'BlockSize', 'ScsiId', 'ScsiSN', 'Blocks', 'Sectors']);

function parseOptionString(text: string, parse: LunParseOptions): LunOptions | LunRejection {
  const options: LunOptions = { type: 'fileio', typeWritten: false };
  for (const item of text.split(',')) {
    if (item === '') continue;
    if (/^[ \t\r\v\f]/.test(item)) {
      return { code: 'IET_LUN_BLANK_AFTER_COMMA', reason: `option "${item}" starts with a blank (after a comma), which IET matched to no option name` };
    }
    const eq = item.indexOf('=');
    const key = eq < 0 ? item : item.slice(0, eq);
    const value = eq < 0 ? '' : item.slice(eq + 1);
    const field = parse.caseSensitiveKeys ? (EXACT_SPELLINGS.has(key) ? KNOWN_KEYS[key.toLowerCase()] : undefined) : KNOWN_KEYS[key.toLowerCase()];
    if (field === undefined || value === '') {
      return { code: 'IET_LUN_UNKNOWN_OPTION', reason: `unknown option "${item}" (IET: unknown param)` };
    }
    if (/[ \t]#/.test(value)) {
      return { code: 'IET_LUN_TRAILING_COMMENT', reason: `a trailing comment became part of ${key}= ("${value}")` };
    }
    const problem = assign(options, field, key, value);
    if (problem) return problem;
  }
  return checkCombination(options);
}

function assign(options: LunOptions, field: keyof LunOptions, key: string, value: string): LunRejection | undefined {
  const bad = (why: string): LunRejection => ({ code: 'IET_LUN_BAD_VALUE', reason: `${key}=${value}: ${why}` });
  switch (field) {
    case 'type':
      if (value !== 'fileio' && value !== 'blockio' && value !== 'nullio') return bad('the type must be fileio, blockio or nullio (lower case)');
      options.type = value;
      options.typeWritten = true;
      return undefined;
    case 'ioMode':
      if (value !== 'wt' && value !== 'wb' && value !== 'ro') return bad('the mode must be wt, wb or ro (lower case)');
      options.ioMode = value;
      return undefined;
    case 'blockSize': {
      const n = parseIetNumber(value);
      if (n.quirks.length > 0 || !BLOCK_SIZES.has(n.value)) return bad('the block size must be 512, 1024, 2048 or 4096');
      options.blockSize = n.value;
      return undefined;
    }
    case 'blocks': {
      const n = parseIetNumber(value);
      if (n.quirks.includes('empty') || n.quirks.includes('garbage') || n.value <= 0) return bad('not a block count');
      options.blocks = n.value;
      return undefined;
    }
    case 'scsiId':
      if (value.length > SCSI_ID_MAX) return bad(`longer than ${SCSI_ID_MAX} characters`);
      options.scsiId = value;
      return undefined;
    case 'scsiSn':
      if (value.length > SCSI_SN_MAX) return bad(`longer than ${SCSI_SN_MAX} characters`);
      if (!/^[\x20-\x7e]+$/.test(value)) return bad('not printable ASCII');
      options.scsiSn = value;
      return undefined;
    case 'path':
      if (options.path !== undefined) return bad('Path= given twice in one Lun line');
      options.path = value;
      return undefined;
    default:
      return undefined;
  }
}

function checkCombination(options: LunOptions): LunOptions | LunRejection {
  if (options.type === 'nullio') {
    if (options.path !== undefined) return { code: 'IET_LUN_BAD_VALUE', reason: 'Path= is not accepted with Type=nullio' };
    if (options.ioMode !== undefined) return { code: 'IET_LUN_BAD_VALUE', reason: 'IOMode= is not accepted with Type=nullio' };
    return options;
  }
  if (options.blocks !== undefined) return { code: 'IET_LUN_BAD_VALUE', reason: `Blocks= is accepted only with Type=nullio, not ${options.type}` };
  if (options.path === undefined) return { code: 'IET_LUN_MISSING_PATH', reason: `Type=${options.type} needs Path=` };
  return options;
}
