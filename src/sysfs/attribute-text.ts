/**
 * The text of an SCST attribute file: the value on the first line, and `[key]` on the next
 * line when the kernel considers the value worth saving (spec scst-sysfs §2.1–2.3). Daemon-
 * served iSCSI files and vdisk `filename` add an empty line; `comment` and `cluster_name` are
 * empty files when unset. Everyone who reads an attribute goes through this one parser.
 */
export interface AttributeText {
  value: string;
  key: boolean;
}

export function parseAttributeText(text: string): AttributeText {
  const newline = text.indexOf('\n');
  if (newline < 0) return { value: text, key: false };
  const value = text.slice(0, newline);
  const rest = text.slice(newline + 1);
  const secondLine = rest.slice(0, rest.indexOf('\n') < 0 ? rest.length : rest.indexOf('\n'));
  return { value, key: secondLine.includes('[key]') };
}

/** `0`/`1` flags as SCST prints them (`enabled` reads `1\n` or, daemon-served, `1\n\n`). */
export function parseFlag(text: string): boolean {
  return parseAttributeText(text).value.trim() === '1';
}

/** The permission bits say what may be done with a file; root does not bypass sysfs modes. */
export function isReadable(mode: number | undefined): boolean {
  return mode === undefined || (mode & 0o444) !== 0;
}

export function isOwnerWritable(mode: number | undefined): boolean {
  return mode === undefined || (mode & 0o200) !== 0;
}
