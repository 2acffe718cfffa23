/**
 * /etc/default/scst: a shell fragment the init script sources. We read only plain
 * `NAME=value` assignments (optionally `export`ed, single- or double-quoted) and never run it,
 * so a setting that needs a shell to evaluate is refused with its line instead of guessed.
 */
import { readFile } from 'node:fs/promises';
import { badInput } from '../errors.js';
import { MODULE_NAME } from './module-catalog.js';

export interface ServiceDefaults {
  /** Extra arguments for iscsi-scstd (ISCSID_OPTIONS). */
  iscsidOptions: string[];
  /** Extra modules to load (SCST_TARGET_MODULES). */
  targetModules: string[];
  /** Every assignment, for doctor and status. */
  values: Record<string, string>;
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/** The settings the service reads; the environment overrides the file (a unit's `Environment=`). */
const SETTINGS = ['ISCSID_OPTIONS', 'SCST_TARGET_MODULES'] as const;

export function parseDefaults(text: string, file: string, env: NodeJS.ProcessEnv = {}): ServiceDefaults {
  const values: Record<string, string> = Object.create(null);
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${file}:${index + 1}`;
    const match = ASSIGNMENT.exec(line);
    if (!match) throw badInput('not a NAME=value line', { object: where, code: 'DEFAULTS_SYNTAX' });
    values[match[1]!] = unquote(match[2]!, where);
    checkSetting(match[1]!, values[match[1]!]!, where);
  });
  for (const name of SETTINGS) {
    const fromEnv = env[name];
    if (fromEnv === undefined) continue;
    checkSetting(name, fromEnv, `environment variable ${name}`);
    values[name] = fromEnv;
  }
  return {
    iscsidOptions: splitWords(values.ISCSID_OPTIONS ?? ''),
    targetModules: splitWords(values.SCST_TARGET_MODULES ?? ''),
    values,
  };
}

/** The defaults (the file is optional), with the environment's settings over the file's. */
export async function readDefaults(file: string, env: NodeJS.ProcessEnv = process.env): Promise<ServiceDefaults> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw badInput(`cannot read: ${(error as Error).message}`, { object: file, code: 'DEFAULTS_UNREADABLE' });
    }
  }
  return parseDefaults(text, file, env);
}

/** Module names reach modprobe and options reach iscsi-scstd: nothing option-like or binary. */
function checkSetting(name: string, value: string, where: string): void {
  if (name === 'SCST_TARGET_MODULES') {
    const bad = splitWords(value).find((w) => !MODULE_NAME.test(w));
    if (bad !== undefined) throw badInput(`${JSON.stringify(bad)} is not a module name`, { object: where, code: 'DEFAULTS_SYNTAX' });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) throw badInput('a control character in the value', { object: where, code: 'DEFAULTS_SYNTAX' });
}

function unquote(value: string, where: string): string {
  const v = value.trim();
  const quote = v[0];
  if (quote === '"' || quote === "'") {
    const end = v.indexOf(quote, 1);
    const rest = end < 0 ? '' : v.slice(end + 1).trim();
    if (end < 0 || (rest !== '' && !rest.startsWith('#'))) throw badInput('unterminated or trailing text after the quoted value', { object: where, code: 'DEFAULTS_SYNTAX' });
    const inner = v.slice(1, end);
    if (quote === '"' && /[$`\\]/.test(inner)) {
      throw badInput('shell expansion is not supported here; write the value literally', { object: where, code: 'DEFAULTS_SYNTAX' });
    }
    return inner;
  }
  const bare = v.replace(/(^|\s)#.*$/, '').trim();
  if (/[$`\\"';|&<>()\s]/.test(bare)) {
    throw badInput('quote values that hold blanks or shell characters', { object: where, code: 'DEFAULTS_SYNTAX' });
  }
  return bare;
}

function splitWords(value: string): string[] {
  return value.split(/\s+/).filter((w) => w !== '');
}
