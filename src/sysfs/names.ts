/**
 * Object names versus directory names. sysfs cannot hold a `/` in a directory name, so SCST
 * shows a `/` in an iSCSI target or ini-group name as `!` (recorded: 20-iscsi-targets.jsonl
 * steps 14, 24, 153, 157). Mgmt commands take the name as written; paths need the `!` form.
 * No valid iSCSI name contains `!`, so the mapping is safe in both directions for targets.
 */
export function dirNameOf(objectName: string): string {
  return objectName.replaceAll('/', '!');
}

export function objectNameOf(dirName: string): string {
  return dirName.replaceAll('!', '/');
}

/** Join path parts of the SCST tree, mapping object names to their directory names. */
export function sysfsPath(...parts: string[]): string {
  return parts.filter((p) => p !== '').map(dirNameOf).join('/');
}
