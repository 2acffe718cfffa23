/**
 * The command surface admins and scripts depend on, as plain data: every command's arguments
 * and flags (names, types, fixed values, defaults, required) from the manifest, its declared
 * --json shape (from the command class), and the error object every command prints with
 * --json. The committed copies (test/snapshots/commands.json, json-error.json) make an
 * unannounced change fail a test; `npm run snapshot:update` rewrites them when it is meant.
 */
import { ERROR_SHAPE } from '../ui/error-shape.js';
import type { JsonShapes } from './command-shapes.js';
import { shapeOutline } from './json-shape.js';
import type { Manifest, ManifestFlag } from './manifest.js';

export interface FlagSnapshot {
  type: ManifestFlag['type'];
  char?: string;
  options?: string[];
  default?: unknown;
  required?: true;
  multiple?: true;
  allowNo?: true;
  env?: string;
}

export interface CommandSnapshot {
  aliases?: string[];
  args: Array<{ name: string; required?: true; options?: string[]; default?: unknown }>;
  flags: Record<string, FlagSnapshot>;
  /** The declared --json shape as its outline (keys, types, optional keys, values); `undeclared`
   *  for a --json command without one yet. */
  json?: string[] | 'undeclared';
}

/** Only what is set, so that a snapshot reads as the interface and not as oclif's defaults. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== false)) as T;
}

export function commandSnapshot(manifest: Manifest, shapes: JsonShapes): Record<string, CommandSnapshot> {
  const out: Record<string, CommandSnapshot> = {};
  for (const id of Object.keys(manifest.commands).sort()) {
    const command = manifest.commands[id]!;
    const flags: Record<string, FlagSnapshot> = {};
    for (const name of Object.keys(command.flags).sort()) {
      const f = command.flags[name]!;
      flags[name] = defined({
        type: f.type, char: f.char, options: f.options, default: f.default,
        required: f.required || undefined, multiple: f.multiple || undefined, allowNo: f.allowNo || undefined, env: f.env,
      }) as FlagSnapshot;
    }
    const args = Object.values(command.args).map((a) =>
      defined({ name: a.name, required: a.required || undefined, options: a.options, default: a.default }),
    ) as CommandSnapshot['args'];
    const shape = shapes[id];
    const json = shape ? shapeOutline(shape) : command.enableJsonFlag ? 'undeclared' : undefined;
    out[id] = defined({ aliases: command.aliases?.length ? [...command.aliases].sort() : undefined, args, flags, json });
  }
  return out;
}

/** What every command prints with --json when it fails, as its outline: one shape for all. */
export function errorSnapshot(): string[] {
  return shapeOutline(ERROR_SHAPE);
}
