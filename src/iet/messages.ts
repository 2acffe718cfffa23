/**
 * The text of the migration report. Kept apart from the converter so wording can be reviewed in
 * one place; codes (the stable part) stay next to the logic that decides them.
 */
import { formatLocation, type SourceLocation } from './findings.js';

const where = (at: SourceLocation): string => formatLocation(at) ?? at.file;

export const MSG = {
  // files
  binaryFile: 'not a text configuration file (binary data)',
  template: 'a template (ERB/Jinja markup), not a configuration: render it first and migrate the result',
  lineTooLong: (bytes: number) => `line of ${bytes} bytes: IET read lines of at most 4095 bytes and split longer ones`,
  unreadable: (why: string) => `cannot read: ${why}`,
  noFinalNewline: (word: string) => `last line has no newline: IET lost its last word "${word}"; converted as if the newline were there`,
  backslash: 'line ends in a backslash: IET has no line continuation (the backslash stays part of the word)',

  // ietd.conf structure
  targetNoName: 'Target without a name: IET skipped this stanza and filed its CHAP users as discovery accounts',
  targetDuplicate: (first: string, at: SourceLocation) =>
    `duplicate target (same name as ${first} at ${where(at)}, ignoring case): IET dropped this stanza's LUNs and parameters and added its CHAP users to the first one; merge the stanzas by hand`,
  globalTargetDirective: (directive: string) => `${directive} before the first Target: IET has no global target defaults and ignored it`,
  oldUserSyntax: 'pre-0.4 "User" syntax: IET ignored it; write IncomingUser NAME SECRET inside the target if CHAP was intended',
  unknownDirective: (word: string, meant: string | undefined, ignored: boolean) =>
    `unknown directive "${word}"${meant ? ` (${meant} misspelt?)` : ''}: ${
      ignored ? 'ignored, as IET did (--ignore-unknown)' : 'IET ignored it silently; fix or remove the line, or pass --ignore-unknown to ignore it as IET did'
    }`,
  chapMisspelt: (word: string, meant: string) => `"${word}" looks like a misspelt ${meant}: IET ignored it, so that CHAP account never protected anything; fix the spelling or remove the line`,
  directiveRepeated: (name: string, at: SourceLocation) => `${name} repeated (first at ${where(at)}): the last one is used, as in IET`,
  isnsRepeated: (at: SourceLocation) => `iSNSServer repeated (first at ${where(at)}): the last one is used, as in IET`,
  isnsInTarget: 'iSNSServer inside a target stanza applies to the whole server (as in IET)',

  // LUNs
  lunNoNumber: 'Lun without a number',
  lunDuplicate: (n: number, at: SourceLocation) => `LUN ${n} defined twice (first at ${where(at)}): IET kept the first; remove one`,
  lunRejected: (n: number, reason: string) => `IET would not have served LUN ${n}: ${reason}`,
  lunRejectedHint: 'fix the line, or pass --skip-broken-luns to leave the LUN out as IET did',
  lunSkipped: (n: number, reason: string) => `LUN ${n} left out, as IET never served it: ${reason}`,
  lunGap: (numbers: number[]) => `LUN${numbers.length > 1 ? 's' : ''} ${numbers.join(', ')}: numbered with gaps; REPORT LUNS lists them the same way in SCST`,
  lun0Placeholder: (where_: string) =>
    `${where_} has no LUN 0: SCST would show no LUN at all, so a vdisk_nullio placeholder (dummy 1, reported as "no device") is mapped at LUN 0`,
  lun0Missing: (where_: string) => `${where_} has no LUN 0 and --no-lun0-placeholder was given: SCST would show none of its LUNs`,
  targetNoLuns: 'target without usable LUNs: IET still listed it, SCST hides it from discovery and refuses logins',

  // devices
  pathUnrepresentable: (what: string, value: string) =>
    `${what} "${value}" contains a blank or one of ; # " { } which SCST's add_device parameters cannot carry; use a symlink without them`,
  pathNotFound: (path: string) => `${path} does not exist on this host: converted as written, but IET could not have served it here`,
  notRegularOrBlock: (path: string) => `${path} is neither a regular file nor a block device`,
  blockioOnFile: (path: string) => `Type=blockio on the regular file ${path}: IET refused it ("not a block device"); use Type=fileio`,
  blockSizeBelowDevice: (size: number, device: number) => `BlockSize=${size} is below the device's logical block size ${device}`,
  blockSizeFromDevice: (size: number) => `blockio without BlockSize: IET used the device's logical block size, written as blocksize ${size}`,
  blockSizeUnknown: (path: string) =>
    `blockio without BlockSize and ${path} cannot be inspected here: IET used the device's logical block size; add blocksize 4096 by hand if it is a 4Kn device`,
  wtDefault: 'IOMode wt (IET default): write_through 1 keeps writes durable before completion',
  blockioWt: 'blockio write-through: SCST writes with FUA (WCE=0 as with IET; safer, possibly slower); --blockio-write-back keeps SCST default',
  blockioWriteBack: 'blockio with --blockio-write-back: initiators now see WCE=1 and must send SYNCHRONIZE CACHE (IET showed WCE=0)',
  blockioWbIgnored: 'IOMode=wb on blockio: IET ignored it; converted as IET ran it (write-through)',
  nullioSize: (bytes: number, defaulted: boolean) =>
    defaulted ? `nullio without Blocks=: IET's default of 64 GiB written as size ${bytes} (SCST's own default is 2.5 TiB)` : `nullio size ${bytes} bytes`,
  scsiIdApprox: 'ScsiId carried as t10_dev_id: SCST puts it in an ASCII designator behind its own vendor, so VPD page 0x83 still differs',
  usnPadded: 'ScsiSN blank-padded to 16 characters so VPD page 0x80 keeps IET\'s bytes',
  usnUnpadded: 'ScsiSN longer than 16 characters: written bare, IET\'s blank padding to 32 is lost',
  usnTooLong: (len: number) => `ScsiSN of ${len} characters: SCST's usn holds at most 20; pass --truncate-usn to cut it (the serial changes)`,
  usnTruncated: 'ScsiSN cut to 20 characters (--truncate-usn): the serial number changes',
  identityChanges: (n: number, pages: string) =>
    `LUN ${n} changes SCSI identity (${pages}): VMware may see snapshots, multipath WWIDs and by-id links change, MPIO claims may stop; plan a maintenance window`,
  scsiIdDuplicate: (id: string, at: SourceLocation) =>
    `ScsiId "${id}" also used at ${where(at)} for a different backing store: initiators would merge two disks into one multipath device (data corruption)`,
  scsiSnDuplicate: (sn: string, at: SourceLocation) =>
    `ScsiSN "${sn}" also used at ${where(at)} for a different backing store: initiators would treat two disks as one (data corruption)`,
  sharedPath: (device: string, at: SourceLocation) =>
    `same backing store as ${where(at)}: one SCST device ${device} is mapped in both places (one cache, one reservation state); if IET generated the IDs, both paths now show the same disk identity`,
  sharedBlockio: (at: SourceLocation) =>
    `IET opened blockio devices exclusively, so this LUN failed in IET while ${where(at)} held the device; SCST will serve it in both places (check /proc/net/iet/volume)`,
  sharedPathConflict: (at: SourceLocation, fields: string[]) =>
    `same backing store as ${where(at)} but different ${fields.join(', ')}: two devices on one store would have separate caches and reservations; make them agree, or pass --split-shared-paths`,
  sharedPathSplit: (at: SourceLocation, fields: string[]) =>
    `same backing store as ${where(at)} with different ${fields.join(', ')}: separate devices (--split-shared-paths); they have separate caches and reservation state`,
  deviceRenamed: (name: string, base: string) => `device name ${base} already taken: named ${name}`,
  keepInquiry: 'INQUIRY vendor/product kept as IET / VIRTUAL-DISK (--keep-iet-inquiry)',

  // target parameters
  paramCarried: (name: string, value: string) => `carried as ${name} ${value}`,
  paramEffective: (detail: string, name: string, value: string) => `${detail}; carried as ${name} ${value}`,
  scstClamped: (name: string, value: number, limit: number) => `${name} ${value} is outside iSCSI-SCST's range: written as ${limit}`,
  firstBurstAboveMax: (first: string, max: string) => `FirstBurstLength ${first} is above MaxBurstLength ${max}: initiators negotiate down`,
  nopTimeout: (value: string) => `NOPTimeout: IET used NOPInterval when it was 0 or larger; carried as NopInTimeout ${value}`,
  nopTimeoutRaised: 'NopInTimeout below SCST\'s minimum 2: written as 2',
  nopTimeoutUnused: 'NOPTimeout without NOPInterval: NOP-In was off in IET, nothing to carry',
  maxSessionsNegative: 'negative MaxSessions made IET refuse every login: the target is written with enabled 0',
  dropped: (name: string, why: string) => `${name} not carried: ${why}`,
  time2Wait: 'DefaultTime2Wait not carried: iSCSI-SCST always uses 0 (IET negotiated it)',
  mcs: (n: string) => `MaxConnections ${n}: iSCSI-SCST has no MC/S; MC/S initiators fall back to one connection per session`,
  alias: 'Alias carried as alias: IET never announced it, SCST sends it as TargetAlias',
  defaultChanges: (attribute: string, iet: string, scst: string) => `--defaults scst: ${attribute} becomes SCST's ${scst} (IET ran ${iet})`,
  targetNameNonstandard: 'target name is not of the form iqn./eui./naa.: kept, but some initiators refuse such names',
  targetNameUnrepresentable: 'target name contains a character SCST cannot carry (/ # " { } ; = or a control character)',

  // CHAP and iSNS
  chapExtraWords: (kind: string, extra: number) => `${kind} takes a name and a secret, and this line has ${extra} more word${extra === 1 ? '' : 's'}: IET kept only the first two, so the account is not what the line says; fix the line (a secret cannot contain blanks)`,
  chapNoSecret: (kind: string, target?: string) => `${kind} without a secret ${target ? `in target ${target}` : '(discovery)'}: IET dropped the account; so is it here`,
  chapDuplicate: (kind: string, name: string, at: SourceLocation) => `${kind} ${name} defined again (first at ${where(at)}): the last one is kept, as IET did`,
  outgoingRepeated: (at: SourceLocation) => `OutgoingUser repeated (previous at ${where(at)}): the last one is kept, as IET did`,
  chapShort: (kind: string, name: string, scope: string) =>
    `${kind} ${name} (${scope}) has a secret under 12 bytes, which iscsi-scstd rejects; dropping it would silently remove authentication — give a new secret with --chap-secrets FILE (NAME SECRET lines) and on the initiators`,
  chapReplacementShort: (kind: string, name: string, scope: string) =>
    `${kind} ${name} (${scope}): the new secret from --chap-secrets is under 12 bytes too, which iscsi-scstd rejects; give a longer one`,
  chapForbidden: (kind: string, name: string, scope: string, chars: string) =>
    `${kind} ${name} (${scope}) contains ${chars}, which iscsi-scstd or scst.conf cannot carry; change the name or secret`,
  chapReplaced: (kind: string, name: string) => `${kind} ${name}: secret replaced from --chap-secrets; give the initiators the new secret before they reconnect`,
  chapCarried: (kind: string, name: string) => `${kind} ${name} carried`,
  isns: (value: string) => `carried as driver attribute iSNSServer ${value}`,
  isnsAccessWithoutServer: 'iSNSAccessControl without iSNSServer had no effect in IET',

  // access files
  aclUnreachable: (file: string) => `no line of ${file} applies to this target: nobody could log in with IET; written with enabled 0`,
  aclDeniedAll: (denyFile: string, allowFile: string | undefined) =>
    `${denyFile} denies ALL and ${allowFile ? `no line of ${allowFile} applies to this target` : 'there is no initiators.allow'}: nobody could log in with IET; written with enabled 0`,
  aclNobodyListed: 'the line that applies to this target lists no initiator IET could match: nobody could log in with IET; written with enabled 0',
  aclAllowAll: (target: string, at: SourceLocation) => `${target}: ${where(at)} allows ALL initiators, the default LUN set is used`,
  aclAllowGroup: (target: string, patterns: string[]) => `${target}: initiators allowed by name, group iet_allow with ${patterns.join(', ')}; SCST matches names ignoring case (IET did not)`,
  aclDenyGroup: (target: string, patterns: string[]) => `${target}: initiators denied by name, group iet_deny without LUNs holds ${patterns.join(', ')}; SCST matches names ignoring case (IET did not)`,
  aclPattern: (regex: string, wildcards: string[]) => `regex ${regex} translated to ${wildcards.join(', ')}`,
  aclPatternDropped: (regex: string, why: string) => `entry ${regex} dropped: ${why}`,
  aclPatternRefused: (regex: string, why: string) => `entry ${regex} cannot be expressed as SCST wildcards: ${why}`,
  aclIp: (entries: string[]) =>
    `initiator address rules (${entries.join(', ')}) have no SCST-core equivalent, and dropping them would widen access: restrict by initiator name instead, or pass --legacy-ip-acl to carry them to iscsi-scstd's legacy address files (IET's logic), or --drop-ip-acl to knowingly open the target`,
  aclIpDropped: (entries: string[]) => `initiator address rules (${entries.join(', ')}) DROPPED (--drop-ip-acl): access is now wider than with IET`,
  aclLegacy: (allow: string[], deny: string[]) =>
    `address rules carried to iscsi-scstd's legacy files (--legacy-ip-acl): initiators.allow ${allow.join(',') || '(no line)'}, initiators.deny ${deny.join(',')}`,
  legacyAclFilesPresent: (file: string) =>
    `${file} exists: iscsi-scstd consults it at discovery and login with IET's old logic (addresses only, no implicit deny); remove it unless it is meant for SCST`,
  aclMixed:
    'names and addresses both restrict this target: IET allowed an initiator matching either, SCST cannot express that; rewrite the rules by name, or accept name AND address with --legacy-ip-acl --accept-narrower-acl',
  aclNarrower: (target: string, allow: string[], deny: string[]) =>
    `${target}: names go to ini groups and addresses to iscsi-scstd's legacy files (allow ${allow.join(',') || '-'}, deny ${deny.join(',')}): an initiator now needs both, IET needed either — access may be narrower, never wider`,
  aclShadowed: (at: SourceLocation) => `this line is never reached for its target (an earlier line at ${where(at)} applies first)`,
  aclAllLineNotReached: (target: string, at: SourceLocation) => `ALL line not reached for ${target}: its own line at ${where(at)} applies first`,
  aclUnterminated: 'last line without newline: IET ignored it',
  aclLegacyUnreadable: 'IET before 1.4.18 read only lines whose target word starts in column 0 followed by a space: ignored',
  aclLegacyName: 'IET before 1.4.18 took addresses only: this entry and the rest of the line were never evaluated',
  aclSingleWord: 'a single word: IET ignored the line',
  aclUnknownTarget: (name: string) => `target ${name} is not in ietd.conf: line irrelevant`,
  portalUnreachable: 'targets.allow present but no line applies: the target was reachable on no address; written as allowed_portal !*',
  portalAll: (target: string) => `${target}: reachable on every portal (ALL), no allowed_portal`,
  portalNothingLeft: 'no entry of the applicable targets.allow line could ever match: the target was reachable on no address; written as allowed_portal !*',
  portalCarried: (entry: string, value: string) => `portal ${entry} carried as allowed_portal ${value}`,
  portalNeverMatched: (entry: string, why: string) => `portal entry ${entry} dropped: ${why}`,
  portalExpanded: (entry: string, addresses: string[]) =>
    `portal prefix ${entry} expanded to this host's addresses ${addresses.join(', ') || '(none)'}: tracks today's addresses only`,

  // host
  legacyIscsiScstdConf: (file: string) => `${file} exists: iscsi-scstd reads it at start-up and will create or alter targets behind scst.conf's back; remove it`,
  daemonOptions: (options: string) => `${options} from ISCSITARGET_OPTIONS: give the same options to iscsi-scstd (not part of scst.conf)`,
  ietDisabled: 'ISCSITARGET_ENABLE is not true: IET was not started at boot on this host',
  liveDiffers: (what: string) => `running IET differs from the file: ${what} (ietadm changes are never saved)`,
} as const;
