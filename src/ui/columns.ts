/**
 * Text laid out in columns for the terminal. Widths are measured on the visible text, so a cell
 * already coloured by chalk lines up with plain ones.
 */
import { stripVTControlCharacters } from 'node:util';

export interface ColumnLayout {
  /** Widest column i is padded to; a longer cell overflows rather than being cut, so a path stays whole. */
  maxWidths?: readonly (number | undefined)[];
  /** The text after column i; two spaces unless given. */
  gaps?: readonly (string | undefined)[];
}

const visibleLength = (text: string): number => stripVTControlCharacters(text).length;

/** One line per row: every cell but a row's last padded to its column's width, trailing blanks dropped. */
export function alignColumns(rows: readonly (readonly string[])[], layout: ColumnLayout = {}): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell)); });
  }
  widths.forEach((width, i) => { widths[i] = Math.min(width, layout.maxWidths?.[i] ?? width); });
  return rows.map((row) => row
    .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(Math.max(0, widths[i]! - visibleLength(cell))) + (layout.gaps?.[i] ?? '  ')))
    .join('')
    .trimEnd());
}
