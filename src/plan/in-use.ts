/**
 * Whether an initiator is using something right now. A session sees the LUNs of the set it is
 * attached to (its group, or the target's default set); removing such a LUN, its group, the
 * initiator entry that put the session there, or the target needs --force.
 */
import type { Session, Target } from '../model/types.js';
import { count } from '../ui/units.js';

/** Sessions attached to a LUN set (`group` undefined: the default set). */
export function sessionsOfSet(target: Target | undefined, group: string | undefined): Session[] {
  return (target?.sessions ?? []).filter((s) => (s.group ?? undefined) === group);
}

/** Sessions that see LUN `lun` of the set. A session without a LUN list sees the whole set. */
export function sessionsSeeingLun(target: Target | undefined, group: string | undefined, lun: number): Session[] {
  return sessionsOfSet(target, group).filter((s) => s.luns === undefined || s.luns.includes(lun));
}

/** Sessions a group's initiator entry (a name or a `*`/`?`/`!` pattern) put into that group. */
export function sessionsMatchedBy(target: Target | undefined, group: string, pattern: string): Session[] {
  return sessionsOfSet(target, group).filter((s) => initiatorMatches(pattern, s.initiator));
}

/** SCST matches initiator patterns case-insensitively; `!` negates (spec scst-sysfs §3.6). */
export function initiatorMatches(pattern: string, initiator: string): boolean {
  const negated = pattern.startsWith('!');
  const body = negated ? pattern.slice(1) : pattern;
  const regex = new RegExp(`^${body.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return regex.test(initiator) !== negated;
}

/** "2 sessions (iqn.a, iqn.b)" for the plan's reasons. */
export function describeSessions(sessions: Session[]): string {
  const names = sessions.map((s) => s.initiator || s.name);
  return `${count(sessions.length, 'session')} (${names.join(', ')})`;
}
