/**
 * The attribute table of every `-list_*_attr` query and of `-list_sessions`, in Perl scstadmin's
 * layout: `Attribute  Value  Writable  KEY` columns, key attributes one row per value, the other
 * attributes only with -nonkey, `(none)` when nothing is shown, and trace_level's accepted levels.
 */
import type { PerlAttributes } from './attributes.js';
import { pad, perlSort } from './output.js';

const GAP = '     ';

function row(attrWidth: number, valueWidth: number, name: string, value: string, writable: string, key: string): string {
  return `\t${pad(name, attrWidth)}${GAP}${pad(value, valueWidth)}${GAP}${pad(writable, 9)}${GAP}${pad(key, 3)}\n`;
}

function traceParts(value: string): string[] {
  return value.split('|').map((level) => level.trim());
}

export function attributeTable(attributes: PerlAttributes, nonkey: boolean): string {
  let attrWidth = 9;
  let valueWidth = 5;
  for (const [name, attribute] of attributes) {
    if (attribute.keys) {
      attrWidth = Math.max(attrWidth, name.length);
      for (const value of attribute.keys.values()) valueWidth = Math.max(valueWidth, value.length);
    } else if (nonkey) {
      attrWidth = Math.max(attrWidth, name.length);
      if (name === 'trace_level' && attribute.value) {
        for (const level of traceParts(attribute.value)) valueWidth = Math.max(valueWidth, level.length);
      } else if (attribute.value !== undefined) {
        valueWidth = Math.max(valueWidth, attribute.value.length);
      }
    }
  }

  let text = row(attrWidth, valueWidth, 'Attribute', 'Value', 'Writable', 'KEY');
  text += `\t${'-'.repeat(attrWidth + valueWidth + 27)}\n`;
  let found = 0;
  for (const name of perlSort(attributes.keys())) {
    const attribute = attributes.get(name)!;
    const writable = attribute.static ? 'No' : 'Yes';
    if (attribute.keys) {
      perlSort(attribute.keys.keys()).forEach((index, i) => {
        const value = attribute.keys!.get(index)!;
        text += row(attrWidth, valueWidth, i === 0 ? name : '', value === '' ? '<not set>' : value, writable, 'Yes');
        found++;
      });
    } else if (nonkey && !attribute.structured) {
      if (name === 'trace_level' && attribute.value) {
        traceParts(attribute.value).forEach((level, i) => {
          text += row(attrWidth, valueWidth, i === 0 ? name : '', level, writable, 'No');
          found++;
        });
        continue;
      }
      const value = attribute.value === undefined ? '<n/a>' : attribute.value === '' ? '<not set>' : attribute.value;
      text += row(attrWidth, valueWidth, name, value, writable, 'No');
      found++;
    }
  }
  if (found === 0) text += '\t(none)\n';

  const trace = attributes.get('trace_level');
  if (nonkey && trace) {
    text += '\n\tPossible trace levels:\n\t  (use trace_level="add <level>", none, all or default to set):\n';
    let count = 0;
    for (const level of trace.set ?? []) {
      if (count === 0) text += '\t\t';
      text += `${level}, `;
      if (++count === 5) {
        text += '\n';
        count = 0;
      }
    }
    text += '\n';
  }
  return text;
}

/** A titled list of names (`Device CREATE attributes available`, …) below a table. */
export function nameList(title: string, names: Iterable<string>): string {
  let text = `\n\t${title}\n\t${'-'.repeat(title.length)}\n`;
  for (const name of names) text += `\t${name}\n`;
  return text;
}
