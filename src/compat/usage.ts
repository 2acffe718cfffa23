/** The -h text, generated from the option table so that it never drifts from what is accepted. */
import { TOOL_VERSION } from '../conf/serializer.js';
import { COMPAT_OPTIONS, type OptionRole } from './options.js';

const SECTIONS: ReadonlyArray<[OptionRole, string]> = [
  ['op', 'Operations'],
  ['query', 'Query Operations'],
  ['set', 'Set Attribute Operations'],
  ['modifier', 'Options'],
];

export function usageText(): string {
  let text = `SCST Configurator compatible front end of scstadmin-ts v${TOOL_VERSION}\n\nUsage:\n     -h, -help, --help       : Show this information.\n`;
  for (const [role, title] of SECTIONS) {
    text += `\n${title}\n`;
    for (const option of COMPAT_OPTIONS.filter((o) => o.role === role && o.name !== 'h' && o.name !== 'help')) {
      const left = `-${option.name}${option.operand ? ` ${option.operand}` : ''}`;
      text += `     ${left.padEnd(24)}: ${option.help}\n`;
    }
  }
  text += '\nThe SCST host comes from the environment: SCST_SIMULATE_STATE (an emulated host),\nSCST_SYSFS_ROOT (another sysfs root), else /sys/kernel/scst_tgt.\n';
  return text;
}
