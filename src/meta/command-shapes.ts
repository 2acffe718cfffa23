/**
 * Each command's declared --json shape, read from the command class itself (`static jsonShape`,
 * the one declaration) in the built command modules the manifest points to: the man pages, the
 * command snapshot and the shape test take it from there, so the manifest the CLI reads at every
 * start need not carry the schemas.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JsonShape } from './json-shape.js';
import { PACKAGE_ROOT, type Manifest } from './manifest.js';

export type JsonShapes = Record<string, JsonShape>;

export async function loadJsonShapes(manifest: Manifest, root = PACKAGE_ROOT): Promise<JsonShapes> {
  const shapes: JsonShapes = {};
  await Promise.all(Object.values(manifest.commands).map(async (command) => {
    if (!command.relativePath) throw new Error(`the manifest does not say where command ${command.id} is built`);
    const module = (await import(pathToFileURL(join(root, ...command.relativePath)).href)) as { default?: { jsonShape?: JsonShape } };
    const shape = module.default?.jsonShape;
    if (shape) shapes[command.id] = shape;
  }));
  return shapes;
}
