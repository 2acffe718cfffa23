/**
 * The CHAP commands' shared command-line parts: which list a user is in (--target T or
 * --discovery, --outgoing), the one line that shows a generated secret, and the listing's columns.
 */
import * as Flags from '@oclif/core/flags';
import { badInput } from '../errors.js';
import { alignColumns } from '../ui/columns.js';
import type { ChapListArgs, ChapUserRow } from './changes/chap.js';
import { chapMessages as msg } from './access-messages.js';

export const chapListFlags = {
  target: Flags.string({ description: 'the target\'s CHAP list', helpValue: 'TARGET', exclusive: ['discovery'] }),
  discovery: Flags.boolean({ description: 'the discovery CHAP list (SendTargets), on the driver' }),
  outgoing: Flags.boolean({ description: 'the outgoing user the target answers with (mutual CHAP; at most one)' }),
};

export function chapListOf(flags: { driver: string; target?: string; discovery?: boolean; outgoing?: boolean }): ChapListArgs {
  if (flags.target === undefined && !flags.discovery) throw badInput(msg.discoveryOrTarget, { code: 'BAD_USAGE' });
  return { driver: flags.driver, target: flags.target, direction: flags.outgoing ? 'outgoing' : 'incoming' };
}

export function generatedSecretLine(user: string, secret: string): string {
  return msg.generated(user, secret);
}

export function chapUserLines(rows: readonly ChapUserRow[]): string[] {
  if (rows.length === 0) return [msg.noUsers];
  const table = rows.map((r) => [r.target ?? '(discovery)', r.direction, r.user, r.secret]);
  return alignColumns([['TARGET', 'DIRECTION', 'USER', 'SECRET'], ...table]);
}
