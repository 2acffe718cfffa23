/** Admin-facing text of the service commands (install, start/stop/reload, status). */

export const serviceMessages = {
  badCli: 'the command line for the unit must not hold a newline or `%`',
  relativeCli: 'systemd needs the program as an absolute path, e.g. /usr/bin/scstadmin-ts',
  foreignUnit: 'a scst.service that scstadmin-ts did not install is in the way',
  foreignUnitHint: 'it is probably SCST\'s own unit: move it away (or disable it) first',
  noSystemctl: (verb: string) => `systemctl is not on PATH: run \`systemctl ${verb}\` where systemd is available`,
  systemdNotRunning: (verb: string) => `systemd is not running on this host: run \`systemctl ${verb}\` once it is`,
  systemctlFailed: (args: string, detail: string) => `systemctl ${args} failed: ${detail}`,
};

export const serviceVerbMessages = {
  undoModules: (modules: string[]) => `unloaded ${modules.join(' ')}`,
  undoDaemon: 'stopped the iscsi-scstd this run had launched',
  undone: (steps: string[]) => `undone: ${steps.join(', ')}`,
  undoIncomplete: (failed: string[]) => `could not undo: ${failed.join('; ')}`,
};
