/**
 * The ALUA states of the two target groups for each role of this node. The local group follows
 * this node's role; the remote one follows the peer's, as the cluster tells us in notifications.
 */
import type { ScstConfig } from '../model/types.js';
import type { AgentParameters } from './parameters.js';

export const ACTIVE = 'active';
export const TRANSITIONING = 'transitioning';

/**
 * The configuration as an unpromoted node applies it on start: the file's target group states
 * are the admin's, but the roles decide them here (the peer is taken as unpromoted until a
 * notification says otherwise, so a starting node never claims that anyone is active).
 */
export function unpromotedConfig(config: ScstConfig, params: AgentParameters): ScstConfig {
  const copy = structuredClone(config);
  for (const name of params.deviceGroups) {
    const groups = copy.deviceGroups[name]?.targetGroups;
    if (!groups) continue;
    for (const tg of [params.localTargetGroup, params.remoteTargetGroup]) {
      const group = groups[tg];
      if (group) group.attributes.state = [params.unpromotedState];
    }
  }
  return copy;
}

/** Which role the cluster's notification says the peer has (or is about to take). */
export type PeerRole = 'promoted' | 'unpromoted' | 'changing';

const words = (value: string | undefined) => (value ?? '').split(/\s+/).filter((w) => w !== '');

/**
 * The peer's role from a notification's environment (Pacemaker 2.1 sets both the old `master`
 * and the new `promoted` names). `pre` notifications of a promote or demote of the peer mean
 * its role is about to change; `post` ones carry the outcome.
 */
export function peerRoleOf(env: NodeJS.ProcessEnv, self: string): PeerRole | undefined {
  const meta = (name: string) => env[`OCF_RESKEY_CRM_meta_notify_${name}`];
  const type = meta('type');
  const operation = meta('operation');
  const others = (names: string[]) => names.filter((n) => n !== self);
  if (type === 'pre') {
    if ((operation === 'promote' && others(words(meta('promote_uname'))).length > 0) || (operation === 'demote' && others(words(meta('demote_uname'))).length > 0)) {
      return 'changing';
    }
    return undefined;
  }
  if (type !== 'post') return undefined;
  const promoted = new Set([...words(meta('promoted_uname')), ...words(meta('master_uname'))]);
  // After a promote, the promoted list may not yet hold the newly promoted node: add it.
  if (operation === 'promote') for (const n of words(meta('promote_uname'))) promoted.add(n);
  if (operation === 'demote') for (const n of words(meta('demote_uname'))) promoted.delete(n);
  if (operation === 'stop') for (const n of words(meta('stop_uname'))) promoted.delete(n);
  return others([...promoted]).length > 0 ? 'promoted' : 'unpromoted';
}
