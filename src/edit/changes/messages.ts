/** User-facing text of the object changes (LUNs, devices, targets, drivers). */
export const lunMessages = {
  taken: (device: string) => `is taken by device ${device}`,
  takenHint: 'choose another --lun, or swap the device with "scstadmin-ts replace-lun"',
  otherMode: (readOnly: boolean) => `is already there ${readOnly ? 'read-only' : 'read-write'}`,
  otherModeHint: 'change it with "scstadmin-ts replace-lun" (needs --force while an initiator sees it)',
  noLun: 'no such LUN',
  noLunHint: 'add it with "scstadmin-ts add-lun"',
};

export const deviceMessages = {
  unknownAttribute: (name: string, handler: string) => `${name} is not an attribute of ${handler} devices`,
  unknownAttributeHint: (handler: string) => `scstadmin-ts add-device --help lists the attributes; "scstadmin-ts show handlers/${handler}" shows the handler`,
  notSettable: (name: string) => `${name} cannot be set: SCST only shows it`,
  fixedAtCreation: (name: string) => `${name} is fixed when the device is created; it cannot be changed on a live device`,
  fixedAtCreationHint: (device: string) => `remove and add the device again (rm-device ${device}, add-device …)`,
  needsFile: (handler: string) => `a ${handler} device needs a backing file (--file PATH)`,
  noFileFor: (handler: string) => `a ${handler} device has no backing file`,
  backingMissing: (path: string) => `backing file ${path} does not exist`,
  backingNotFile: (path: string) => `backing file ${path} is a directory or not a file SCST can open`,
  backingNotBlock: (path: string) => `${path} is not a block device; vdisk_blockio needs one (vdisk_fileio serves files)`,
  otherHandler: (handler: string) => `already exists, with handler ${handler}`,
  otherSettings: (differences: string) => `already exists, with other settings (${differences})`,
  otherSettingsHint: 'set-device changes attributes; rm-device and add-device re-create it',
  exported: (where: string) => `is exported (${where})`,
  exportedHint: 'remove its LUNs first (rm-lun), or pass --force to unmap them with the device (the backing file is never touched)',
  noScsiDevice: 'no such SCSI device on this host (pass-through devices are named H:C:I:L as in "lsscsi")',
  notVcdrom: (handler: string) => `is a ${handler} device; media are inserted into vcdrom devices only`,
  noResync: (handler: string) => `a ${handler} device has no backing file to re-read (resync is for vdisk_fileio and vdisk_blockio)`,
  noMedia: 'has no media — nothing to do',
};

export const targetMessages = {
  unknownAttribute: (name: string, owner: string) => `${name} is not an attribute of ${owner}`,
  unknownAttributeHint: 'scstadmin-ts show lists the attributes the object has',
  notSettable: (name: string) => `${name} cannot be set: SCST only shows it`,
  creationOnly: (name: string) => `${name} is given only when the target is created`,
  dynamicElsewhere: (name: string) => `${name} is changed with its own commands, not set`,
  dynamicHint: 'use add-chap-user / rm-chap-user for IncomingUser and OutgoingUser, allow-portal / deny-portal for allowed_portal',
  hardwareDriver: (driver: string) => `${driver} targets are hardware ports: they exist when the hardware does, and cannot be added or removed`,
  otherSettings: (differences: string) => `already exists, with other settings (${differences})`,
  otherSettingsHint: 'set-target changes attributes',
  noName: 'give a target name, or --generate-iqn for a proposed one',
  nameBeforeParameters: (word: string) => `give the target name before its NAME=VALUE parameters ('${word}' reads as one: a target name has no '='), or --generate-iqn for a proposed one`,
  sessions: (what: string) => `has ${what} logged in`,
};

export const attributeMessages = {
  unknown: (name: string, object: string) => `${name} is not an attribute of ${object}`,
  unknownHint: 'scstadmin-ts show lists the attributes the object has',
  lacks: (name: string) => `has no attribute ${name}`,
  dynamic: (name: string) => `${name} is added and removed value by value, not set`,
  readOnly: (name: string) => `${name} cannot be set: SCST only shows it`,
  creationOnly: (name: string, object: string) => `${name} is given only when the ${object.split(' ')[0]} is created`,
  creationOnlyLunHint: 'map the device again with it: "scstadmin-ts replace-lun" (needs --force while an initiator sees the LUN)',
};
