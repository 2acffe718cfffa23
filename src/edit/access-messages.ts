/** User-facing texts of the access, CHAP, ALUA and session commands, kept apart from the logic. */
import { CHAP_SECRET_MAX, CHAP_SECRET_MIN } from '../model/validate.js';

export const chapMessages = {
  oneSource: 'give the secret one way: --secret-file, --secret or --generate (or on standard input)',
  secretOnCommandLine: '--secret puts the secret in the shell history and in the process list (ps); prefer --secret-file, standard input or the prompt',
  secretRulesHint: `iSCSI-SCST takes a secret of ${CHAP_SECRET_MIN} to ${CHAP_SECRET_MAX} characters without blanks; many initiators accept at most 16`,
  emptySecret: 'the CHAP secret is empty',
  blankInSecret: 'the CHAP secret contains a blank; iSCSI-SCST takes a user and a secret as two words',
  secretInputTooLarge: (limit: number) => `is larger than ${limit} bytes; a secret file holds one line`,
  noSecretFile: 'no such secret file',
  unreadableSecretFile: 'the secret file cannot be read (permission denied)',
  noSecretIn: (where: string) => `no secret on the first line of ${where}`,
  secretsDiffer: 'the two secrets typed differ',
  promptFirst: (user: string) => `CHAP secret for ${user}`,
  promptAgain: 'The same secret again',
  generated: (user: string, secret: string) => `Generated secret for ${user} (shown once, keep it now): ${secret}`,
};
