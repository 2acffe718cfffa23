/** Words of the `show` tree, kept apart from the layout logic. */
export const showMessages = {
  enabled: 'enabled',
  disabled: 'disabled',
  hardware: 'hardware',
  daemonConnected: 'iscsi-scstd connected',
  daemonAbsent: 'iscsi-scstd not running',
  notExported: 'not exported',
  defaultLuns: 'default LUNs',
  remote: 'remote',
  local: 'local',
  unboundSection: '(no handler)',
  noHandler: 'no handler',
  noSuchPath: (path: string) => `no such object in the SCST tree: ${path}`,
  noSuchPathHint: 'run "scstadmin-ts show" to see what exists',
  unreadable: (path: string, errno: string) => `warning: could not read ${path} (${errno})`,
};
