/**
 * CHAP accounts and iSNS (ietd-conf.md §3.6). IET took the last of duplicate accounts and the
 * last OutgoingUser; iscsi-scstd refuses secrets under 12 bytes and splits on `=`, so such
 * accounts are refused loudly — dropping one would silently remove authentication.
 * Secrets never appear in findings.
 */
import { CHAP_SECRET_MIN } from '../model/validate.js';
import { SECRET_MASK } from '../ui/mask.js';
import type { Report } from './findings.js';
import type { IetAccount, IetdConf } from './ietd-conf.js';
import { MSG } from './messages.js';

export function maskedAccount(kind: string, account: IetAccount): string {
  return `${kind} ${account.name} ${SECRET_MASK}`;
}

/** `IncomingUser` and `OutgoingUser` values ("name secret") for one scope. */
export function convertAccounts(
  scope: string,
  incoming: IetAccount[],
  outgoing: IetAccount[],
  report: Report,
  newSecrets: ReadonlyMap<string, string> = new Map(),
): { IncomingUser: string[]; OutgoingUser: string[] } {
  const byName = new Map<string, IetAccount>();
  for (const account of incoming) {
    const earlier = byName.get(account.name);
    if (earlier) {
      report.warning({ code: 'IET_CHAP_DUPLICATE_USER', treatment: 'faithful', at: account.at, construct: maskedAccount('IncomingUser', account), message: MSG.chapDuplicate('IncomingUser', account.name, earlier.at) });
      byName.delete(account.name); // re-insert so the order follows the kept line
    }
    byName.set(account.name, account);
  }
  const lastOutgoing = outgoing[outgoing.length - 1];
  outgoing.forEach((account, i) => {
    const previous = outgoing[i - 1];
    if (previous) report.warning({ code: 'IET_OUTGOING_REPEATED', treatment: 'faithful', at: account.at, construct: maskedAccount('OutgoingUser', account), message: MSG.outgoingRepeated(previous.at) });
  });
  const values = (kind: string, accounts: IetAccount[]): string[] =>
    accounts
      .map((a) => withNewSecret(kind, a, newSecrets, report))
      .filter((a) => acceptable(kind, a, scope, report, newSecrets.has(a.name)))
      .map((a) => `${a.name} ${a.secret}`);
  return { IncomingUser: values('IncomingUser', [...byName.values()]), OutgoingUser: values('OutgoingUser', lastOutgoing ? [lastOutgoing] : []) };
}

function withNewSecret(kind: string, account: IetAccount, newSecrets: ReadonlyMap<string, string>, report: Report): IetAccount {
  const secret = newSecrets.get(account.name);
  if (secret === undefined || secret === account.secret) return account;
  report.warning({ code: 'IET_CHAP_SECRET_REPLACED', treatment: 'approx', at: account.at, construct: maskedAccount(kind, account), message: MSG.chapReplaced(kind, account.name) });
  return { ...account, secret };
}

function acceptable(kind: string, account: IetAccount, scope: string, report: Report, replaced: boolean): boolean {
  const construct = maskedAccount(kind, account);
  const forbidden = [...new Set(`${account.name}${account.secret}`.match(/[="{}]/g) ?? [])];
  if (forbidden.length > 0) {
    report.error({ code: 'IET_CHAP_FORBIDDEN_CHAR', treatment: 'refused', at: account.at, construct, message: MSG.chapForbidden(kind, account.name, scope, forbidden.map((c) => `'${c}'`).join(' ')) });
    return false;
  }
  if (Buffer.byteLength(account.secret) < CHAP_SECRET_MIN) {
    const message = replaced ? MSG.chapReplacementShort(kind, account.name, scope) : MSG.chapShort(kind, account.name, scope);
    report.error({ code: 'IET_CHAP_SECRET_TOO_SHORT', treatment: 'refused', at: account.at, construct, message });
    return false;
  }
  report.info({ code: 'IET_CARRIED', treatment: 'faithful', at: account.at, construct, message: MSG.chapCarried(kind, account.name) });
  return true;
}

/** The iscsi driver's `iSNSServer` value, if any. */
export function convertIsns(conf: IetdConf, report: Report): string | undefined {
  if (!conf.isnsServer) {
    if (conf.isnsAccessControl) report.info({ code: 'IET_PARAM_DROPPED', treatment: 'dropped', at: conf.isnsAccessControl, construct: 'iSNSAccessControl Yes', message: MSG.isnsAccessWithoutServer });
    return undefined;
  }
  const value = conf.isnsAccessControl ? `${conf.isnsServer.address} AccessControl` : conf.isnsServer.address;
  report.info({ code: 'IET_CARRIED', treatment: 'faithful', at: conf.isnsServer.at, construct: `iSNSServer ${conf.isnsServer.address}`, message: MSG.isns(value) });
  return value;
}
