/**
 * The command side of CHAP secrets: the flags that name where a secret comes from, and the
 * terminal behind them — a masked prompt typed twice (on standard error, so that --json output
 * stays clean) and a bounded read of piped standard input.
 */
import * as Flags from '@oclif/core/flags';
import { badInput } from '../errors.js';
import { chapMessages as msg } from '../edit/access-messages.js';
import { obtainSecret, secretSourceOf, type ObtainedSecret, type SecretIo } from '../edit/chap-secret.js';

export const secretFlags = {
  'secret-file': Flags.string({ description: 'read the secret from the first line of this file', helpValue: 'FILE' }),
  secret: Flags.string({ description: 'the secret itself (lands in the shell history and in ps: prefer --secret-file or standard input)', helpValue: 'SECRET' }),
  generate: Flags.boolean({ description: 'generate a 16-character secret and show it once (an existing user keeps its secret)' }),
};

export const terminalSecretIo: SecretIo = {
  async readStdin(limit: number): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size > limit) throw badInput(msg.secretInputTooLarge(limit), { object: 'standard input', code: 'CHAP_SECRET_INPUT' });
      chunks.push(buffer);
      // The first line is the secret: stop reading once it is complete.
      if (buffer.includes(0x0a)) break;
    }
    return Buffer.concat(chunks).toString('utf8');
  },

  async promptTwice(user, check): Promise<string> {
    // Imported here: only a secret typed at a terminal needs the prompt library.
    const { password } = await import('@inquirer/prompts');
    const context = { output: process.stderr };
    const first = await password({ message: msg.promptFirst(user), mask: '*', validate: (value) => check(value) ?? true }, context);
    const second = await password({ message: msg.promptAgain, mask: '*' }, context);
    if (first !== second) throw badInput(msg.secretsDiffer, { object: `CHAP user ${user}`, code: 'CHAP_SECRETS_DIFFER' });
    return first;
  },
};

/** The secret the flags (or standard input, or the terminal) give; warnings go to `warn`. */
export async function secretFromFlags(user: string, flags: { 'secret-file'?: string; secret?: string; generate?: boolean }, warn: (line: string) => void): Promise<ObtainedSecret> {
  const obtained = await obtainSecret(user, secretSourceOf(flags, Boolean(process.stdin.isTTY)), terminalSecretIo);
  for (const line of obtained.warnings) warn(line);
  return obtained;
}
