/**
 * Mgmt command lines built only from validated tokens. SCST's tokenizer (spec scst-sysfs §0.1)
 * treats whitespace and `=` as separators and `;`/newline as parameter separators, so a name
 * or value holding one of them would silently become a different command. Every token is
 * checked here, before anything reaches a `write(2)`; the result is a branded `MgmtLine` so the
 * writer cannot be handed a string that skipped the checks.
 */
import { badInput } from '../errors.js';
import { describeInvisible, invisibleCharacter } from './invisible.js';
import { tokenMessages as msg } from './messages.js';

/** A command line whose every token passed `checkToken`. Only `mgmtCommand` makes one. */
export type MgmtLine = string & { readonly __mgmtLine: unique symbol };

/** One page: sysfs hands at most 4096 bytes to the store, and SCST needs the whole command. */
export const MAX_MGMT_LINE_BYTES = 4095;

export interface Token {
  /** The text written. */
  value: string;
  /** What the token is, for messages: `device name`, `LUN number`, `initiator name`. */
  what: string;
  /** Longest accepted length in bytes, where SCST states one. */
  maxBytes?: number;
  /** How many lexemes the value may hold, separated by single blanks (CHAP `name secret`: 2). */
  lexemes?: number;
}

export interface Param {
  name: string;
  value: string;
  /** Lexemes the value may hold (e.g. 2 for iSCSI `IncomingUser=name secret` in add_target). */
  lexemes?: number;
  maxBytes?: number;
}

export interface MgmtCommandOptions {
  /** The object the command is about, named in error messages (e.g. `device disk1`). */
  object?: string;
}

const VERB = /^[a-z][a-z_]*$/i;

/**
 * `mgmtCommand('add_device', [{ value: 'disk1', what: 'device name', maxBytes: 64 }],
 *   [{ name: 'filename', value: '/srv/disk1.img' }])` → `add_device disk1 filename=/srv/disk1.img;`
 * Parameters are rendered `name=value;` as SCST.pm does; no trailing newline.
 */
export function mgmtCommand(verb: string, args: Array<Token | string>, params: Param[] = [], options: MgmtCommandOptions = {}): MgmtLine {
  const object = options.object;
  if (!VERB.test(verb)) throw badInput(msg.badVerb(verb), { object, code: 'MGMT_TOKEN' });
  const words = [verb];
  for (const arg of args) {
    const token = typeof arg === 'string' ? { value: arg, what: 'argument' } : arg;
    words.push(checkToken(token, object));
  }
  let line = words.join(' ');
  if (params.length > 0) {
    const rendered = params.map((p) => {
      const name = checkToken({ value: p.name, what: 'parameter name' }, object);
      const value = checkToken({ value: p.value, what: `value of parameter ${p.name}`, lexemes: p.lexemes, maxBytes: p.maxBytes }, object);
      return `${name}=${value};`;
    });
    line += ` ${rendered.join('')}`;
  }
  if (Buffer.byteLength(line, 'utf8') > MAX_MGMT_LINE_BYTES) {
    throw badInput(msg.lineTooLong(Buffer.byteLength(line, 'utf8'), MAX_MGMT_LINE_BYTES), { object, code: 'MGMT_TOO_LONG' });
  }
  return line as MgmtLine;
}

/** Validate one token and return it unchanged; throws a bad-input UserError naming the flaw. */
export function checkToken(token: Token, object?: string): string {
  const { value, what } = token;
  const fail = (message: string) => badInput(message, { object, code: 'MGMT_TOKEN' });
  if (value.length === 0) throw fail(msg.empty(what));
  const lexemes = token.lexemes ?? 1;
  const parts = lexemes > 1 ? value.split(' ') : [value];
  if (parts.some((part) => part.length === 0)) throw fail(msg.badBlank(what, value));
  if (parts.length > lexemes) throw fail(msg.tooManyWords(what, value, lexemes));
  for (const part of parts) {
    const bad = forbiddenCharacter(part);
    if (bad !== undefined) throw fail(msg.forbidden(what, value, bad));
  }
  const bytes = Buffer.byteLength(value, 'utf8');
  if (token.maxBytes !== undefined && bytes > token.maxBytes) throw fail(msg.tooLong(what, bytes, token.maxBytes));
  return value;
}

/** The first character SCST's tokenizer would split on or that a sysfs line cannot carry. */
export function forbiddenCharacter(text: string): string | undefined {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return ch;
    if (ch === ' ' || ch === '=' || ch === ';') return ch;
    // Unicode blanks are not separators for SCST, but an admin cannot see them in a name.
    if (/\s/u.test(ch)) return ch;
  }
  // Bidi controls, zero-width and other format characters: invisible, so a name or value
  // holding one would show the admin something other than what SCST stores.
  return invisibleCharacter(text);
}

/** Split a two-word value such as a CHAP user `name secret` into its lexemes, checked. */
export function splitLexemes(value: string, count: number, what: string, object?: string): string[] {
  checkToken({ value, what, lexemes: count }, object);
  const parts = value.split(' ');
  if (parts.length !== count) throw badInput(msg.wrongWordCount(what, count), { object, code: 'MGMT_TOKEN' });
  return parts;
}

/** Describe a character for a message: `";"`, `a space`, `a newline`, `a double quote`, `U+0007`. */
export function describeCharacter(ch: string): string {
  if (ch === ' ') return 'a space';
  if (ch === '\n') return 'a newline';
  if (ch === '\t') return 'a tab';
  if (ch === '\r') return 'a carriage return';
  if (ch === '"') return 'a double quote';
  if (invisibleCharacter(ch) !== undefined) return `the invisible character ${describeInvisible(ch)}`;
  const code = ch.codePointAt(0) ?? 0;
  if (/\s/u.test(ch)) return `the blank character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${ch}"`;
}
