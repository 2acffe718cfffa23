/**
 * What a handler's or driver's mgmt help text says: its creation parameters and the dynamic
 * attributes added value by value (spec scst-conf §4.1–4.2). scstadmin reads the same lines.
 */
export interface MgmtHelp {
  createParams: string[];
  driverAttributes: string[];
  targetAttributes: string[];
}

const LINES: Record<keyof MgmtHelp, string> = {
  createParams: 'The following parameters available:',
  driverAttributes: 'The following target driver attributes available:',
  targetAttributes: 'The following target attributes available:',
};

export function parseMgmtHelp(text: string): MgmtHelp {
  const help: MgmtHelp = { createParams: [], driverAttributes: [], targetAttributes: [] };
  for (const line of text.split('\n')) {
    for (const [field, prefix] of Object.entries(LINES) as Array<[keyof MgmtHelp, string]>) {
      if (line.startsWith(prefix)) help[field] = splitList(line.slice(prefix.length));
    }
  }
  return help;
}

function splitList(text: string): string[] {
  return text
    .trim()
    .replace(/\.$/, '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}
