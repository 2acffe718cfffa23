/** User-facing texts of the access, CHAP, ALUA and session commands, kept apart from the logic. */
import { CHAP_SECRET_MAX, CHAP_SECRET_MIN } from '../model/validate.js';

export const chapMessages = {
  discoveryOrTarget: 'name the CHAP list: --target TARGET or --discovery',
  notIscsi: (driver: string) => `driver ${driver} has no CHAP users (only iSCSI has)`,
  otherOutgoing: (user: string) => `already has the outgoing user ${user}; there is at most one`,
  otherOutgoingHint: 'pass --force to replace it (initiators using mutual CHAP with it then fail to log in)',
  emptyUser: 'empty CHAP user name',
  badUserCharacter: (what: string) => `the CHAP user name contains ${what}; a user name is one word scst.conf and SCST's command grammar can carry`,
  userTooLong: (bytes: number, max: number) => `the CHAP user name is ${bytes} bytes long; iSCSI-SCST keeps at most ${max}`,
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
  noUsers: 'No CHAP users.',
  generated: (user: string, secret: string) => `Generated secret for ${user} (shown once, keep it now): ${secret}`,
};

export const accessMessages = {
  noInitiator: (group: string) => `not in group ${group}`,
  noInitiatorHint: 'see the group\'s initiators with "scstadmin-ts show"',
  inBothGroups: (from: string, to: string) => `is in both ${from} and ${to}`,
  inBothGroupsHint: (target: string, from: string, initiator: string) => `remove it from ${from} with "scstadmin-ts rm-initiator ${target} ${from} ${initiator}"`,
  sameGroup: 'the source and destination group are the same',
  noPortalDriver: (driver: string) => `driver ${driver} has no allowed_portal (only iSCSI targets do)`,
};

export const aluaMessages = {
  noDeviceGroup: 'no such device group',
  noDeviceGroupHint: 'create it with "scstadmin-ts add-device-group"',
  noTargetGroup: 'no such target group',
  noTargetGroupHint: 'create it with "scstadmin-ts add-target-group DEVICE-GROUP TARGET-GROUP --group-id N"',
  notEmpty: (what: string) => `still holds ${what}`,
  notEmptyHint: 'pass --force to remove it with them',
  inOtherDeviceGroup: (dg: string) => `is already in device group ${dg}; a device belongs to one device group at most`,
  inOtherDeviceGroupHint: (dg: string, device: string) => `remove it there first: "scstadmin-ts rm-group-member ${dg} ${device}"`,
  inSiblingTargetGroup: (tg: string) => `is already in target group ${tg} of this device group; a target belongs to one of them at most`,
  remoteNeedsId: 'no local target has this name; a port on another node needs --rel-tgt-id',
  remoteNeedsIdHint: 'check the name with "scstadmin-ts list-targets", or give the remote port\'s --rel-tgt-id',
  localHasNoId: 'is a local target: its relative target id is the target\'s own rel_tgt_id, not set here',
  badState: (states: readonly string[]) => `is not an ALUA state; use one of ${states.join(', ')}`,
};

export const sessionMessages = {
  badSessionName: 'is not a session name (a directory name of the target\'s sessions)',
  noSessions: 'No sessions.',
  reconnects: 'A real initiator usually logs in again at once, as a new session (NAME_1)',
};

export const lipMessages = {
  noHost: 'is not the port of a SCSI host adapter (it has no host link), so it has no LIP',
  notFc: (host: string) => `its SCSI host ${host} is not a Fibre Channel host, so it has no LIP`,
  fcOnlyHint: 'a LIP exists only on Fibre Channel targets (qla2x00t); iSCSI initiators rescan by themselves',
  noLip: (host: string) => `the driver of Fibre Channel host ${host} cannot issue a LIP`,
};
