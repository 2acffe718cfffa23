/** What a person reads after setup: what was created, the file, the service, how to connect. */
import { count } from '../ui/units.js';
import { renderServiceInstall } from '../system/render-service.js';
import type { SetupReport } from './run.js';
import { setupMessages as msg } from './messages.js';

export function renderSetup(report: SetupReport): string[] {
  if (report.outcome === 'cancelled') return [msg.cancelled];
  const lines = [(report.outcome === 'nothing-to-do' ? msg.alreadySo : msg.created)(`device ${report.device} (${report.handler}${report.backing ? `, ${report.backing}` : ''}) as LUN ${report.lun ?? '?'} of ${report.target}`)];
  if (report.broughtUp.modules.length > 0 || report.broughtUp.daemon) lines.push(msg.broughtUp(report.broughtUp.modules, report.broughtUp.daemon));
  if (report.initiators.length > 0) lines.push(`  for ${count(report.initiators.length, 'initiator')}: ${report.initiators.join(', ')}`);
  if (report.saved?.file) lines.push(`  saved to ${report.saved.file} (${report.saved.status})`);
  if (report.service) lines.push(...renderServiceInstall(report.service));
  for (const [user, secret] of Object.entries(report.generatedSecrets)) lines.push('', msg.secretOnce(user), `  ${secret}`);
  lines.push('', msg.initiatorSide, ...report.initiatorCommands.map((l) => `  ${l}`));
  return lines;
}
