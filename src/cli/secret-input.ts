/**
 * The terminal side of reading a CHAP secret: a masked prompt typed twice (on standard error,
 * so that --json output stays clean) and a bounded read of piped standard input.
 */
import { password } from '@inquirer/prompts';
import { badInput } from '../errors.js';
import { chapMessages as msg } from '../edit/access-messages.js';
import type { SecretIo } from '../edit/chap-secret.js';

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
    const context = { output: process.stderr };
    const first = await password({ message: msg.promptFirst(user), mask: '*', validate: (value) => check(value) ?? true }, context);
    const second = await password({ message: msg.promptAgain, mask: '*' }, context);
    if (first !== second) throw badInput(msg.secretsDiffer, { object: `CHAP user ${user}`, code: 'CHAP_SECRETS_DIFFER' });
    return first;
  },
};
