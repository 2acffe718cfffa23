/**
 * `parseConf(text, file)`: scst.conf text → the model, the syntax tree (for format-preserving
 * edits) and every finding of the file with its line and column.
 */
import type { ScstConfig } from '../model/types.js';
import type { ConfSource, CstNode } from './cst.js';
import { DiagnosticSink, type Diagnostic, type Omitted, type Position } from './diagnostics.js';
import { scanConf } from './lexer.js';
import { buildModel, pathKey, type NodeIndex } from './parser.js';

/** Errors about a name or value; the file's form is sound. */
const CONTENT_CODES = new Set(['CONF_NAME', 'CONF_VALUE', 'CONF_LUN']);

export interface ConfDocument {
  source: ConfSource;
  nodes: CstNode[];
  /** The statements that define each object and attribute, by model path (see `locate`). */
  index: NodeIndex;
  /** The model the file describes (as parsed, before any edit). */
  config: ScstConfig;
  /**
   * The file has errors of form (not of names or values): what it says may not be what the model
   * holds, so it must not be edited in place.
   */
  hasSyntaxErrors: boolean;
  /**
   * Set by the scoped parse (scoped.ts): 1 for each line (0-based) of `source.lines` that holds
   * something the parse left out. The update keeps those lines and never rewrites a block over them.
   */
  hidden?: Uint8Array;
}

export interface ParseResult {
  config: ScstConfig;
  document: ConfDocument;
  /** The first findings of the file by position (at most MAX_FINDINGS). */
  diagnostics: Diagnostic[];
  /** The findings past those, counted only. */
  omitted: Omitted;
}

export function parseConf(text: string, file = 'scst.conf'): ParseResult {
  const sink = new DiagnosticSink(file);
  const scanned = scanConf(text, file, sink);
  const { config, index } = buildModel(scanned.nodes, sink);
  const diagnostics = sink.items;
  // The document keeps its own copy: a caller may edit `config` and hand it back to updateConf.
  const document: ConfDocument = { source: scanned.source, nodes: scanned.nodes, index, config: structuredClone(config), hasSyntaxErrors: sink.omitted.errors > 0 || diagnostics.some((d) => d.severity === 'error' && !CONTENT_CODES.has(d.code)) };
  return { config, document, diagnostics, omitted: sink.omitted };
}

/**
 * Where the file defines an object or attribute. Paths: `['handler', H]`,
 * `['handler', H, 'device', D]`, `['driver', DRV, 'target', T, 'group', G, 'lun', N]`,
 * `[..., 'attr', NAME]`, `['root', 'attr', NAME]`, `['dgroup', DG, 'tgroup', TG, 'target', T]`, …
 */
export function locate(document: ConfDocument, path: readonly string[]): Position | undefined {
  const node = document.index.get(pathKey(path))?.[0];
  return node ? { line: node.line, col: node.col } : undefined;
}
