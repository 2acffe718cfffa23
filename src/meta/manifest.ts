/**
 * The command metadata completion, man pages and the command snapshot are generated from:
 * oclif.manifest.json, which `npm run build` writes from the commands themselves. Read as plain
 * JSON (no oclif import), so the completion entry point starts fast.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ManifestFlag {
  name: string;
  type: 'boolean' | 'option';
  char?: string;
  description?: string;
  summary?: string;
  helpValue?: string;
  helpGroup?: string;
  options?: string[];
  default?: unknown;
  required?: boolean;
  multiple?: boolean;
  allowNo?: boolean;
  hidden?: boolean;
  env?: string;
  exclusive?: string[];
}

export interface ManifestArg {
  name: string;
  description?: string;
  required?: boolean;
  options?: string[];
  default?: unknown;
}

export interface ManifestCommand {
  id: string;
  summary?: string;
  description?: string;
  examples?: Array<string | { description?: string; command: string }>;
  aliases?: string[];
  hidden?: boolean;
  args: Record<string, ManifestArg>;
  flags: Record<string, ManifestFlag>;
  enableJsonFlag?: boolean;
  /** Where the built command module is, below the package root. */
  relativePath?: string[];
}

export interface Manifest {
  version: string;
  commands: Record<string, ManifestCommand>;
}

/** The package root: the nearest folder above this module with a package.json (from src/ or dist/src/). */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

export function readManifest(file = join(PACKAGE_ROOT, 'oclif.manifest.json')): Manifest {
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** The words an admin types for a command id: `simulate:create` → `simulate create`. */
export function commandWords(id: string): string[] {
  return id.split(':');
}

/** Visible commands and their aliases, each with the words that name it, sorted by those words. */
export function visibleCommands(manifest: Manifest): Array<{ words: string[]; command: ManifestCommand }> {
  const out: Array<{ words: string[]; command: ManifestCommand }> = [];
  for (const command of Object.values(manifest.commands)) {
    if (command.hidden) continue;
    out.push({ words: commandWords(command.id), command });
    for (const alias of command.aliases ?? []) out.push({ words: commandWords(alias), command });
  }
  return out.sort((a, b) => a.words.join(' ').localeCompare(b.words.join(' ')));
}
