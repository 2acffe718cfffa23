/** User-facing text of the object changes (LUNs, devices, targets, drivers). */
export const lunMessages = {
  taken: (device: string) => `is taken by device ${device}`,
  takenHint: 'choose another --lun, or swap the device with "scstadmin-ts replace-lun"',
  otherMode: (readOnly: boolean) => `is already there ${readOnly ? 'read-only' : 'read-write'}`,
  otherModeHint: 'change it with "scstadmin-ts replace-lun" (needs --force while an initiator sees it)',
  noLun: 'no such LUN',
  noLunHint: 'add it with "scstadmin-ts add-lun"',
};
