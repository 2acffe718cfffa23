/**
 * User-facing text of the sysfs layer, kept apart from the logic that decides when to use it.
 */
import { showInvisible } from './invisible.js';
import { describeCharacter } from './mgmt-command.js';

export const tokenMessages = {
  badVerb: (verb: string) => `"${verb}" is not a management verb (letters and "_" only)`,
  empty: (what: string) => `${what} is empty`,
  tooManyWords: (what: string, value: string, lexemes: number) =>
    `${what} "${printable(value)}" has more than ${lexemes === 1 ? 'one word' : `${lexemes} words`}; SCST's command grammar splits at blanks`,
  badBlank: (what: string, value: string) => `${what} "${printable(value)}" has a leading, trailing or doubled blank`,
  forbidden: (what: string, value: string, ch: string) =>
    `${what} "${printable(value)}" contains ${describeCharacter(ch)}, which SCST's command grammar does not allow there`,
  tooLong: (what: string, bytes: number, max: number) => `${what} is ${bytes} bytes long; SCST accepts at most ${max}`,
  wrongWordCount: (what: string, count: number) => `${what} must be ${count} words separated by one blank`,
  lineTooLong: (bytes: number, max: number) => `the command would be ${bytes} bytes; SCST reads at most ${max} in one write`,
  attributeNewline: (name: string) => `the value of ${name} contains a line break or control character; an attribute holds one line`,
  attributeTooLong: (name: string, bytes: number, max: number) => `the value of ${name} is ${bytes} bytes; SCST reads at most ${max} in one write`,
};

export const asyncMessages = {
  timeout: (seconds: number) => `SCST did not finish the command within ${seconds} s (last_sysfs_mgmt_res still busy)`,
  timeoutHint: 'the command may still complete; check with "scstadmin-ts show" before retrying',
  unreadable: (text: string) => `last_sysfs_mgmt_res holds "${printable(text.trim())}", not a result number`,
};

/**
 * Control characters shown escaped so one message stays one line, and other invisible ones
 * (bidi overrides, separators) as `<U+202E>` so they cannot turn the message round.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  const escaped = text.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return showInvisible(escaped);
}
