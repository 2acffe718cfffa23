/**
 * Where a CHAP secret comes from, and whether iSCSI-SCST can use it. A secret is read from a
 * file (its first line), from standard input (its first line), from a masked prompt typed
 * twice, generated (and shown once), or taken from `--secret` — which works but lands in the
 * shell history and in `ps`, so it warns. A secret is never echoed while it is read.
 */
import { randomInt } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { badInput } from '../errors.js';
import { NotRegularFileError, readRegularFile } from '../files/regular-file.js';
import { CHAP_USER_MAX, confForbiddenCharacter, hasErrors, validateValue, type Problem } from '../model/validate.js';
import { describeCharacter, forbiddenCharacter } from '../sysfs/mgmt-command.js';
import { chapMessages as msg } from './access-messages.js';

export type SecretSource =
  | { kind: 'file'; path: string }
  | { kind: 'stdin' }
  | { kind: 'prompt' }
  | { kind: 'generate' }
  | { kind: 'value'; value: string };

/** The terminal side of reading a secret, injected so that tests and the wizard can supply their own. */
export interface SecretIo {
  /** Standard input, whole (bounded by the caller's limit). */
  readStdin(limit: number): Promise<string>;
  /** A masked prompt typed twice; `check` says what is wrong with a candidate, or undefined. */
  promptTwice(user: string, check: (secret: string) => string | undefined): Promise<string>;
}

export interface ObtainedSecret {
  secret: string;
  /** Made here: the caller shows it once, since nobody else knows it. */
  generated: boolean;
  /** Non-fatal remarks: --secret on the command line, a length many initiators refuse. */
  warnings: string[];
}

/** A secret file or standard input is a secret, not a document: anything larger is a mistake. */
export const SECRET_INPUT_LIMIT = 64 * 1024;

/** 16 characters: the longest every common initiator accepts (Windows takes 12..16). */
export const GENERATED_SECRET_LENGTH = 16;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function generateSecret(length = GENERATED_SECRET_LENGTH): string {
  let secret = '';
  for (let i = 0; i < length; i++) secret += ALPHABET[randomInt(ALPHABET.length)];
  return secret;
}

/**
 * The source the flags name. Exactly one explicit source may be given; without one, piped
 * standard input is read, and a terminal is prompted.
 */
export function secretSourceOf(flags: { 'secret-file'?: string; secret?: string; generate?: boolean }, stdinIsTty: boolean): SecretSource {
  const given = [flags['secret-file'] !== undefined, flags.secret !== undefined, flags.generate === true].filter(Boolean).length;
  if (given > 1) throw badInput(msg.oneSource, { code: 'CHAP_SECRET_SOURCES' });
  if (flags['secret-file'] !== undefined) return { kind: 'file', path: flags['secret-file'] };
  if (flags.secret !== undefined) return { kind: 'value', value: flags.secret };
  if (flags.generate) return { kind: 'generate' };
  return stdinIsTty ? { kind: 'prompt' } : { kind: 'stdin' };
}

export async function obtainSecret(user: string, source: SecretSource, io: SecretIo): Promise<ObtainedSecret> {
  const warnings: string[] = [];
  let secret: string;
  switch (source.kind) {
    case 'value':
      warnings.push(msg.secretOnCommandLine);
      secret = source.value;
      break;
    case 'generate':
      secret = generateSecret();
      break;
    case 'file':
      secret = firstLine(await readSecretFile(source.path), source.path);
      break;
    case 'stdin':
      secret = firstLine(await io.readStdin(SECRET_INPUT_LIMIT), 'standard input');
      break;
    case 'prompt':
      secret = await io.promptTwice(user, (candidate) => chapProblems(user, candidate).find((p) => p.severity === 'error')?.message);
      break;
  }
  const problems = chapProblems(user, secret);
  const error = problems.find((p) => p.severity === 'error');
  if (error) throw badInput(error.message, { object: `CHAP user ${user}`, hint: error.hint ?? msg.secretRulesHint, code: 'CHAP_BAD_SECRET' });
  warnings.push(...problems.map((p) => p.message));
  return { secret, generated: source.kind === 'generate', warnings };
}

/** What iSCSI-SCST and scst.conf say about `user secret` (length rules, characters); messages never quote the secret. */
export function chapProblems(user: string, secret: string): Problem[] {
  if (secret === '') return [{ severity: 'error', message: msg.emptySecret }];
  if (/\s/.test(secret)) return [{ severity: 'error', message: msg.blankInSecret }];
  const problems = validateValue('target', 'iscsi', 'IncomingUser', `${user} ${secret}`);
  return hasErrors(problems) ? problems.filter((p) => p.severity === 'error') : problems;
}

/** What is wrong with a CHAP user name (a word of at most 255 bytes that scst.conf can carry), or undefined. */
export function chapUserProblem(user: string): string | undefined {
  if (user === '') return msg.emptyUser;
  const bad = forbiddenCharacter(user) ?? confForbiddenCharacter(user);
  if (bad !== undefined) return msg.badUserCharacter(describeCharacter(bad));
  const bytes = Buffer.byteLength(user);
  return bytes > CHAP_USER_MAX ? msg.userTooLong(bytes, CHAP_USER_MAX) : undefined;
}

async function readSecretFile(path: string): Promise<string> {
  const object = path;
  try {
    const stats = await fs.stat(path);
    if (stats.isFile() && stats.size > SECRET_INPUT_LIMIT) throw badInput(msg.secretInputTooLarge(SECRET_INPUT_LIMIT), { object, code: 'CHAP_SECRET_FILE' });
    return (await readRegularFile(path)).toString('utf8');
  } catch (error) {
    if (error instanceof NotRegularFileError) throw badInput(error.message, { object, code: 'CHAP_SECRET_FILE' });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw badInput(msg.noSecretFile, { object, code: 'CHAP_SECRET_FILE' });
    if (code === 'EACCES') throw badInput(msg.unreadableSecretFile, { object, code: 'CHAP_SECRET_FILE' });
    throw error;
  }
}

/** The first line without its line end; a file or input holding only the secret is the usual case. */
function firstLine(text: string, where: string): string {
  if (text.length > SECRET_INPUT_LIMIT) throw badInput(msg.secretInputTooLarge(SECRET_INPUT_LIMIT), { object: where, code: 'CHAP_SECRET_INPUT' });
  const line = text.split('\n', 1)[0]!.replace(/\r$/, '');
  if (line === '') throw badInput(msg.noSecretIn(where), { object: where, code: 'CHAP_SECRET_INPUT' });
  return line;
}
