/**
 * Format-preserving update: given a parsed file and a new model, change only the blocks whose
 * meaning differs and keep every other byte (comments, blank lines, order, indentation, line
 * ends) as the admin wrote it. Granularity: attributes one by one (core, handler, device,
 * driver, target), LUN lines one by one, DEVICE / TARGET / GROUP blocks; ALUA and DEVICE_GROUP
 * sections whole. New and rewritten lines take the admin's indentation. "Differs" is decided on
 * the canonical serialization of each object, so the order of values or whitespace never counts
 * as a change. Where a block shares a line with another (`} DEVICE x {`), the enclosing block is
 * rewritten instead; if even the top-level section is shared, the whole file.
 */
import { badInput } from '../errors.js';
import type { AttrValues, Device, ScstConfig, Target } from '../model/types.js';
import type { CstNode } from './cst.js';
import type { ConfDocument } from './parse.js';
import { pathKey } from './parser.js';
import { attributeLines, deviceBlock, deviceGroupSection, driverSection, groupBlock, handlerSection, lunText, serializeConf, targetBlock } from './serializer.js';

interface Edit {
  /** 0-based first line replaced, or the line before which to insert. */
  start: number;
  deleteCount: number;
  insert: string[];
  order: number;
}

class Fallback extends Error {}

/**
 * The update needs a block the scoped parse left partly out (a block rewritten whole, or the
 * whole file): the caller parses the whole file and updates again.
 */
export class NeedsWholeFile extends Error {
  constructor() {
    super('the update rewrites lines the scoped parse did not read');
  }
}

export function updateConf(document: ConfDocument, config: ScstConfig): string {
  if (document.hasSyntaxErrors) {
    throw badInput('the file has errors; fix them (scstadmin-ts check-config) before it can be updated', { object: document.source.file, code: 'CONF_HAS_ERRORS' });
  }
  try {
    return new Updater(document).run(config);
  } catch (error) {
    if (!(error instanceof Fallback)) throw error;
    if (document.hidden) throw new NeedsWholeFile();
    return serializeConf(config);
  }
}

const textLines = (text: string): string[] => text.replace(/\n+$/, '').split('\n');

/**
 * Canonical TAB indentation moved onto the admin's own: the first line gets `indent`, deeper
 * lines one admin-sized step per extra TAB (four spaces per level stays four spaces per level).
 */
function reindent(lines: string[], indent: string | undefined): string[] {
  if (indent === undefined || lines.length === 0) return lines;
  const base = /^\t*/.exec(lines[0]!)![0].length;
  const unit = base > 0 && indent.length % base === 0 && indent.length > 0 ? indent.slice(0, indent.length / base) : '\t';
  return lines.map((line) => {
    const tabs = /^\t*/.exec(line)![0].length;
    return line === '' || tabs < base ? line : indent + unit.repeat(tabs - base) + line.slice(tabs);
  });
}

function attributeText(prefix: string, name: string, values: string[] | undefined, enabled?: boolean): string {
  if (name === 'enabled' && enabled !== undefined) return attributeLines(prefix, {}, name, enabled);
  return values ? attributeLines(prefix, { [name]: values }, name) : '';
}

class Updater {
  private readonly edits: Edit[] = [];
  private readonly owners = new Map<number, CstNode[]>();
  private order = 0;

  constructor(private readonly document: ConfDocument) {
    const visit = (node: CstNode) => {
      this.mark(node.line, node);
      if (node.open) this.mark(node.open.line, node);
      if (node.close) this.mark(node.close.line, node);
      node.children?.forEach(visit);
    };
    document.nodes.forEach(visit);
  }

  private mark(line: number, node: CstNode): void {
    const list = this.owners.get(line);
    if (list) list.push(node);
    else this.owners.set(line, [node]);
  }

  /** The node's lines hold nothing but the node (and its descendants). */
  private clean(node: CstNode): boolean {
    const inside = new Set<CstNode>();
    const walk = (n: CstNode) => {
      inside.add(n);
      n.children?.forEach(walk);
    };
    walk(node);
    return [node.startLine, node.endLine].every((line) => (this.owners.get(line) ?? []).every((n) => inside.has(n)));
  }

  private nodes(path: string[]): CstNode[] {
    return this.document.index.get(pathKey(path)) ?? [];
  }

  /** The leading blanks of a node's first line, as the admin wrote them. */
  private indentOf(node: CstNode | undefined): string | undefined {
    return node ? /^[ \t]*/.exec(this.document.source.lines[node.line - 1] ?? '')![0] : undefined;
  }

  private replace(node: CstNode, text: string): void {
    if (!this.clean(node)) throw new Fallback();
    // Removing a block takes what the scoped parse left out of it along; rewriting it would lose that.
    if (text !== '' && this.hidesLines(node)) throw new NeedsWholeFile();
    this.edits.push({ start: node.startLine - 1, deleteCount: node.endLine - node.startLine + 1, insert: text === '' ? [] : reindent(textLines(text), this.indentOf(node)), order: this.order++ });
  }

  private hidesLines(node: CstNode): boolean {
    const hidden = this.document.hidden;
    if (!hidden) return false;
    for (let i = node.startLine - 1; i < node.endLine; i += 1) if (hidden[i]) return true;
    return false;
  }

  private remove(node: CstNode): void {
    this.replace(node, '');
  }

  private insertBefore(line0: number, text: string, blankBefore: boolean, indent?: string): void {
    const lines = reindent(textLines(text), indent);
    const previous = this.document.source.lines[line0 - 1];
    if (blankBefore && previous !== undefined && previous.trim() !== '' && !previous.trimEnd().endsWith('{')) lines.unshift('');
    this.edits.push({ start: line0, deleteCount: 0, insert: lines, order: this.order++ });
  }

  /** One attribute of a section: unchanged, changed (first statement rewritten), added or removed. */
  private attribute(path: string[], name: string, oldText: string, newText: string, insertAt: number): void {
    if (oldText === newText) return;
    const nodes = this.nodes([...path, 'attr', name]);
    if (nodes.length === 0) {
      const section = this.nodes(path)[0];
      this.insertBefore(insertAt, newText, false, this.indentOf(section?.children?.find((c) => c.tokens.length > 0)));
      return;
    }
    this.replace(nodes[0]!, newText);
    for (const extra of nodes.slice(1)) this.remove(extra);
  }

  private attributes(path: string[], prefix: string, oldValues: AttrValues, newValues: AttrValues, insertAt: number, oldEnabled?: boolean, newEnabled?: boolean): void {
    const names = new Set([...Object.keys(oldValues), ...Object.keys(newValues)]);
    if (oldEnabled !== undefined || newEnabled !== undefined) names.add('enabled');
    for (const name of [...names].sort()) {
      this.attribute(path, name,
        attributeText(prefix, name, oldValues[name], oldEnabled), attributeText(prefix, name, newValues[name], newEnabled), insertAt);
    }
  }

  run(config: ScstConfig): string {
    const old = this.document.config;
    const topNodes = this.document.nodes.filter((n) => n.tokens.length > 0);
    const firstSection = topNodes.find((n) => n.children);
    const lastCore = [...topNodes].reverse().find((n) => !n.children && !['HANDLER', 'TARGET_DRIVER', 'ALUA', 'DEVICE_GROUP'].includes(n.tokens[0]!.text));
    const coreInsert = lastCore ? lastCore.endLine : firstSection ? firstSection.startLine - 1 : this.document.source.lines.length;
    this.attributes(['root'], '', old.attributes, config.attributes, coreInsert);

    this.sections(['handler'], old.handlers, config.handlers, handlerSection, (name) => {
      const oldHandler = old.handlers[name]!;
      const newHandler = config.handlers[name]!;
      const path = ['handler', name];
      const section = this.nodes(path)[0]!;
      this.attributes(path, '\t', oldHandler.attributes, newHandler.attributes, section.startLine);
      this.children(path, 'device', oldHandler.devices, newHandler.devices, deviceBlock, section, {
        blankBefore: true,
        inner: (d, node) => this.deviceBody([...path, 'device', d], oldHandler.devices[d]!, newHandler.devices[d]!, node),
      });
    });
    this.sections(['driver'], old.drivers, config.drivers, driverSection, (name) => {
      const oldDriver = old.drivers[name]!;
      const newDriver = config.drivers[name]!;
      const path = ['driver', name];
      const section = this.nodes(path)[0]!;
      this.attributes(path, '\t', oldDriver.attributes, newDriver.attributes, section.startLine, oldDriver.enabled, newDriver.enabled);
      this.children(path, 'target', oldDriver.targets, newDriver.targets, (t) => targetBlock(t, `${name}/${t.name}`), section, {
        blankBefore: true,
        inner: (t, node) => this.targetBody([...path, 'target', t], `${name}/${t}`, oldDriver.targets[t]!, newDriver.targets[t]!, node),
      });
    });
    const aluaText = (alua: AttrValues) => {
      const body = attributeLines('\t', alua, 'ALUA');
      return body ? `ALUA {\n${body}}\n\n` : '';
    };
    if (aluaText(old.alua) !== aluaText(config.alua)) {
      const nodes = this.nodes(['alua']);
      if (nodes.length === 0) this.append(aluaText(config.alua));
      else {
        this.replace(nodes[0]!, aluaText(config.alua));
        nodes.slice(1).forEach((n) => this.remove(n));
      }
    }
    this.sections(['dgroup'], old.deviceGroups, config.deviceGroups, deviceGroupSection);
    return this.apply();
  }

  private append(text: string): void {
    if (text) this.insertBefore(this.document.source.lines.length, text, true);
  }

  /** Top-level sections of one kind; `inner` refines a section that exists on both sides. */
  private sections<T>(prefix: string[], oldItems: Record<string, T>, newItems: Record<string, T>, render: (item: T) => string, inner?: (name: string) => void): void {
    for (const name of Object.keys(oldItems)) {
      if (!(name in newItems)) this.nodes([...prefix, name]).forEach((n) => this.remove(n));
    }
    for (const name of Object.keys(newItems).sort()) {
      const newText = render(newItems[name]!);
      if (!(name in oldItems)) {
        this.append(newText);
        continue;
      }
      if (render(oldItems[name]!) === newText) continue;
      const nodes = this.nodes([...prefix, name]);
      if (inner && nodes.length === 1 && this.clean(nodes[0]!) && nodes[0]!.children && this.tryInner(() => inner(name))) continue;
      this.replace(nodes[0]!, newText);
      nodes.slice(1).forEach((n) => this.remove(n));
    }
  }

  /** Block-level edits inside a section; false (and nothing recorded) when a block is not alone on its lines. */
  private tryInner(inner: () => void): boolean {
    const mark = this.edits.length;
    try {
      inner();
      return true;
    } catch (error) {
      if (!(error instanceof Fallback)) throw error;
      this.edits.length = mark;
      return false;
    }
  }

  /**
   * Blocks inside a section (DEVICE, TARGET, LUN, GROUP): removed, inserted before the closing
   * brace, or — when changed — refined by `inner` if the block has a body of its own, else rewritten.
   */
  private children<T>(path: string[], kind: string, oldItems: Record<string, T>, newItems: Record<string, T>, render: (item: T) => string, section: CstNode, options: { blankBefore: boolean; inner?: (name: string, node: CstNode) => void }): void {
    for (const name of Object.keys(oldItems)) {
      if (!(name in newItems)) this.nodes([...path, kind, name]).forEach((n) => this.remove(n));
    }
    for (const name of Object.keys(newItems).sort()) {
      const newText = render(newItems[name]!);
      if (!(name in oldItems)) {
        this.insertBefore(section.endLine - 1, newText, options.blankBefore, this.indentOf(section.children?.find((c) => c.tokens.length > 0)));
        continue;
      }
      if (render(oldItems[name]!) === newText) continue;
      const node = this.nodes([...path, kind, name])[0]!;
      const inner = options.inner;
      if (inner && node.children && this.clean(node) && this.tryInner(() => inner(name, node))) continue;
      this.replace(node, newText);
    }
  }

  /** A DEVICE whose attributes changed: attribute by attribute. */
  private deviceBody(path: string[], oldDevice: Device, newDevice: Device, node: CstNode): void {
    this.attributes(path, '\t\t', oldDevice.attributes, newDevice.attributes, node.startLine);
  }

  /** A TARGET that changed: its attributes one by one, its LUNs line by line, its groups block by block. */
  private targetBody(path: string[], owner: string, oldTarget: Target, newTarget: Target, node: CstNode): void {
    if (Boolean(oldTarget.hardware) !== Boolean(newTarget.hardware)) throw new Fallback();
    this.attributes(path, '\t\t', oldTarget.attributes, newTarget.attributes, node.startLine, oldTarget.enabled, newTarget.enabled);
    this.children(path, 'lun', oldTarget.luns, newTarget.luns, (lun) => lunText('\t\t', lun, owner), node, { blankBefore: false });
    this.children(path, 'group', oldTarget.groups, newTarget.groups, (g) => groupBlock(g, `${owner}/${g.name}`), node, { blankBefore: true });
  }

  private apply(): string {
    const lines = [...this.document.source.lines];
    const blank = (i: number) => lines[i] !== undefined && lines[i]!.trim() === '';
    // Bottom-up so indexes stay valid; at one index, replace first and then insert before it.
    const edits = [...this.edits].sort((a, b) => b.start - a.start || Math.sign(b.deleteCount) - Math.sign(a.deleteCount) || b.order - a.order);
    for (const edit of edits) {
      let { deleteCount } = edit;
      // Removing a block between two blank lines would leave two in a row: take one with it.
      if (edit.insert.length === 0 && blank(edit.start - 1) && blank(edit.start + deleteCount)) deleteCount += 1;
      lines.splice(edit.start, deleteCount, ...edit.insert);
    }
    const { eol, finalNewline } = this.document.source;
    const text = lines.join(eol);
    return finalNewline || this.edits.length > 0 ? `${text}${eol}` : text;
  }
}
