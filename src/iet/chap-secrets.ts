/**
 * `--chap-secrets FILE`: new secrets for CHAP accounts iSCSI-SCST would refuse (IET accepted
 * secrets of any length). One `NAME SECRET` per line, `#` comments; the file is the admin's
 * decision, so a malformed line is an error rather than a guess.
 */
import { badInput } from '../errors.js';

export function parseChapSecrets(text: string, file: string): Map<string, string> {
  const secrets = new Map<string, string>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const words = line.split(/\s+/);
    if (words.length !== 2) throw badInput('expected NAME SECRET', { object: `${file}:${index + 1}`, code: 'IET_CHAP_SECRETS_SYNTAX' });
    secrets.set(words[0] as string, words[1] as string);
  });
  return secrets;
}
