/**
 * What the initiator side runs to reach the new target with open-iscsi: discovery, login, and
 * the CHAP lines of iscsid.conf when CHAP is on. A secret is written out only when it was
 * generated here (its one showing); otherwise the line says where the admin keeps it.
 */
import type { SetupAnswers } from './answers.js';
import { setupMessages as msg } from './messages.js';

export function initiatorCommands(answers: SetupAnswers, portal: string): string[] {
  const lines = [
    `iscsiadm -m discovery -t sendtargets -p ${portal}`,
    `iscsiadm -m node -T ${answers.target} -p ${portal} --login`,
  ];
  if (!answers.chap) return lines;
  const secret = (chap: NonNullable<SetupAnswers['chap']>) => (chap.generated ? chap.secret : msg.secretFrom(chap.source));
  const conf = ['# /etc/iscsi/iscsid.conf (or: iscsiadm -m node -T … -o update -n NAME -v VALUE), before the login', 'node.session.auth.authmethod = CHAP', `node.session.auth.username = ${answers.chap.user}`, `node.session.auth.password = ${secret(answers.chap)}`];
  if (answers.mutualChap) conf.push(`node.session.auth.username_in = ${answers.mutualChap.user}`, `node.session.auth.password_in = ${secret(answers.mutualChap)}`);
  return [...conf, ...lines];
}

/** The address initiators use: the allowed portal when it is a plain address, else this host's name. */
export function portalAddress(answers: Pick<SetupAnswers, 'portal'>, host: string): string {
  return answers.portal !== undefined && /^[0-9A-Fa-f.:[\]]+$/.test(answers.portal) ? answers.portal : host;
}
