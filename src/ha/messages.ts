/** What the resource agent says: its description and its log lines. */
export const agentText = {
  shortdesc: 'SCST target with ALUA failover (scstadmin-ts)',
  longdesc:
    'Runs SCST through scstadmin-ts as a promotable clone on two nodes that present the same LUNs. ' +
    'Started (unpromoted), SCST is up with the configuration applied and this node\'s target group in the unpromoted ALUA state (standby or offline); ' +
    'promoted, this node\'s target group is active. Promotion and demotion pass through the transitioning state, ' +
    'and the peer\'s target group is reported as the peer\'s role, so the two nodes never both report active. ' +
    'Every change goes through scstadmin-ts\'s executor (lock, journal, rollback).',
  usage: (actions: readonly string[]) => `usage: scstadmin-ts ocf {${actions.join('|')}}`,
  unknownAction: (action: string) => `unknown action '${action}'`,
  notRunning: 'SCST is not running here',
  notLoaded: (missing: string[]) => `modules not loaded: ${missing.join(', ')}`,
  daemonDown: 'iscsi-scstd is not connected to the kernel',
  deviceGroupMissing: (dg: string) => `device group ${dg} is not configured in the kernel`,
  targetGroupMissing: (dg: string, tg: string) => `target group ${dg}/${tg} is not configured in the kernel`,
  mixedStates: (states: string[]) => `target groups in mixed or passing states (${states.join(', ')}): an interrupted promote or demote`,
  configMissing: (file: string) => `configuration file ${file} does not exist`,
  configNoDeviceGroup: (file: string, dg: string) => `${file} defines no device group ${dg}`,
  configNoTargetGroup: (file: string, dg: string, tg: string) => `${file}: device group ${dg} has no target group ${tg}`,
  promoteStopped: 'cannot promote: SCST is not running here',
  state: (dg: string, tg: string, state: string) => `${dg}/${tg}: ${state}`,
} as const;
