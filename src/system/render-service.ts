/** Plain-text rendering of the service commands' results. */
import type { ServiceInstallResult } from './service-install.js';

const FILE_TEXT = { written: 'written', unchanged: 'unchanged', kept: 'kept (yours)', removed: 'removed', absent: 'was not there' } as const;

export function renderServiceInstall(result: ServiceInstallResult): string[] {
  return [
    ...result.files.map((f) => `${f.path}: ${FILE_TEXT[f.action]}`),
    ...result.systemctl.map((args) => `ran: systemctl ${args.join(' ')}`),
    ...result.notes.map((n) => `note: ${n}`),
  ];
}
