/**
 * -dumpAttrs, scstadmin's debugging dump: the SCST core's attributes, then each device's (by
 * handler, then device, in name order), each as Perl's Data::Dumper prints the library's hash
 * (`$VAR1 = { 'name' => { 'static' => 0, 'value' => '0x0' }, … };`). Perl prints hash keys in
 * its own random order; we print them sorted, so two dumps of one host compare equal.
 */
import { sysfsPath } from '../sysfs/names.js';
import { readPerlAttributes, type PerlAttribute, type PerlAttributes } from './attributes.js';
import { perlSort, type CompatOutput } from './output.js';
import type { CompatTree } from './tree.js';

/** A Perl value as Data::Dumper sees it. */
type PerlValue = string | number | undefined | PerlValue[] | Map<string, PerlValue>;

export async function dumpAttributes(tree: CompatTree, out: CompatOutput): Promise<void> {
  out.print(`SCST attributes:\n${dumper(asHash((await readPerlAttributes(tree.sysfs, '', 'scst')) ?? new Map()))}`);
  for (const handler of await tree.handlers()) {
    for (const device of perlSort((await tree.handlerDevices(handler)) ?? [])) {
      const attributes = await readPerlAttributes(tree.sysfs, sysfsPath('devices', device), 'device');
      out.print(`Device ${device} attributes:\n${dumper(attributes ? asHash(attributes) : undefined)}`);
    }
  }
}

/** The library's hash: `value` or `keys` → index → `value`, `static`, `set` for trace_level. */
function asHash(attributes: PerlAttributes): Map<string, PerlValue> {
  const hash = new Map<string, PerlValue>();
  for (const [name, a] of attributes) hash.set(name, attributeHash(a));
  return hash;
}

function attributeHash(a: PerlAttribute): Map<string, PerlValue> {
  const hash = new Map<string, PerlValue>();
  if (a.keys) hash.set('keys', new Map([...a.keys].map(([index, value]) => [index, new Map<string, PerlValue>([['value', value]])])));
  else if (!a.structured) hash.set('value', a.value);
  if (a.set) hash.set('set', a.set);
  hash.set('static', a.static ? 1 : 0);
  return hash;
}

/** Data::Dumper with its defaults (Indent 2, keys quoted), keys sorted. */
export function dumper(value: PerlValue): string {
  return `$VAR1 = ${render(value, 8)};\n`;
}

function render(value: PerlValue, column: number): string {
  if (value === undefined) return 'undef';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return /^(?:0|-?[1-9]\d{0,8})$/.test(value) ? value : quote(value);
  const inner = ' '.repeat(column + 2);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + render(v, column + 2)).join(',\n')}\n${' '.repeat(column)}]`;
  }
  if (value.size === 0) return '{}';
  const rows = perlSort(value.keys()).map((key) => {
    const lead = `${quote(key)} => `;
    return inner + lead + render(value.get(key), column + 2 + lead.length);
  });
  return `{\n${rows.join(',\n')}\n${' '.repeat(column)}}`;
}

function quote(text: string): string {
  return `'${text.replace(/[\\']/g, '\\$&')}'`;
}
