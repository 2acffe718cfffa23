/** SCSI peripheral device types as SCST prints them in `type` files (`"%d - %s"`). */
const TYPE_NAMES: Record<number, string> = {
  0: 'Direct-access device (e.g., magnetic disk)',
  1: 'Sequential-access device (e.g., magnetic tape)',
  2: 'Printer device',
  3: 'Processor device',
  4: 'Write-once device (e.g., some optical disks)',
  5: 'CD-ROM device',
  6: 'Scanner device (obsolete)',
  7: 'Optical memory device (e.g., some optical disks)',
  8: 'Medium changer device (e.g., jukeboxes)',
  9: 'Communications device (obsolete)',
  12: 'Storage array controller device (e.g., RAID)',
  13: 'Enclosure services device',
  14: 'Simplified direct-access device (e.g., magnetic disk)',
  15: 'Optical card reader/writer device',
};

export function scsiTypeText(type: number): string {
  return `${type} - ${TYPE_NAMES[type] ?? 'unknown'}`;
}
