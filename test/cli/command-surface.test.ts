/**
 * The command-line surface of the single-object commands — arguments, flags, their types — as
 * a snapshot, so that a flag or argument changed without announcing it fails here (update the
 * snapshot with `vitest -u` when the change is meant, and say so in the docs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const EDIT_COMMANDS = /^(add|rm|set|enable|disable|replace|clear|resync|insert|eject|list|move|allow|deny|close)-(device|devices|target|targets|driver|lun|luns|media|group|initiator|initiators|portal|chap-user|chap-users|device-group|target-group|group-member|alua-state|session|sessions)$/;

interface ManifestCommand {
  args: Record<string, { required?: boolean }>;
  flags: Record<string, { type: string; multiple?: boolean; allowNo?: boolean; default?: unknown; aliases?: string[] }>;
}

describe('single-object commands', () => {
  it('keep their arguments and flags', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as { commands: Record<string, ManifestCommand> };
    const surface = Object.fromEntries(
      Object.entries(manifest.commands)
        .filter(([id]) => EDIT_COMMANDS.test(id))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, command]) => [id, {
          args: Object.entries(command.args).map(([name, a]) => `${name}${a.required ? '' : '?'}`),
          flags: Object.entries(command.flags).sort(([a], [b]) => a.localeCompare(b)).map(([name, f]) =>
            `${name}:${f.type}${f.multiple ? '[]' : ''}${f.allowNo ? ' (--no-)' : ''}${f.default !== undefined ? `=${String(f.default)}` : ''}${f.aliases?.length ? ` aka ${f.aliases.join(',')}` : ''}`),
        }]),
    );
    expect(Object.keys(surface).length).toBeGreaterThanOrEqual(20);
    expect(surface).toMatchSnapshot();
  });
});
