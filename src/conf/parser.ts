/**
 * From the syntax tree to the model (spec §3): which keyword is allowed where, what a statement
 * means in its section, and the structural mistakes scstadmin would pass over in silence
 * (duplicate objects, conflicting values, keywords out of place, more words than a statement
 * takes). Names and values are validated here with the model's rules, so every consumer of
 * `parseConf` gets only what SCST can take. Cross-references (LUN → device, initiators across
 * groups) are check-config's business (check.ts).
 */
import { dict, emptyConfig, type AttrValues, type DeviceGroup, type IniGroup, type Lun, type ScstConfig, type Target, type TargetGroup } from '../model/types.js';
import { attributeSpec, type ObjectKind } from '../model/attributes.js';
import { validateLun, validateName, validateValue, type NameKind, type Problem } from '../model/validate.js';
import type { CstNode, Token } from './cst.js';
import type { DiagnosticSink, Position } from './diagnostics.js';
import { isKeyword, KEYWORDS } from './grammar.js';
import { M } from './messages.js';

export { KEYWORDS } from './grammar.js';

/** Model paths of the objects and attributes a file defines → the statements defining them. */
export type NodeIndex = Map<string, CstNode[]>;

const SEP = '\u0001';

export function pathKey(parts: readonly string[]): string {
  return parts.join(SEP);
}

/** A child path: plain string concatenation, because the parser makes one per statement. */
function sub(path: string, ...parts: string[]): string {
  let key = path;
  for (const part of parts) key += SEP + part;
  return key;
}

export function buildModel(nodes: CstNode[], sink: DiagnosticSink): { config: ScstConfig; index: NodeIndex } {
  const builder = new ModelBuilder(sink);
  builder.top(nodes);
  return { config: builder.config, index: builder.index };
}

const at = (t: Token | CstNode): Position => ({ line: t.line, col: t.col });

/** The statements a section knows by their leading word → how each is read. */
type SectionReaders = Partial<Record<string, (node: CstNode) => void>>;

class ModelBuilder {
  readonly config: ScstConfig = emptyConfig();
  readonly index: NodeIndex = new Map();

  constructor(private readonly sink: DiagnosticSink) {}

  private record(key: string, node: CstNode): CstNode[] | undefined {
    const existing = this.index.get(key);
    if (existing) existing.push(node);
    else this.index.set(key, [node]);
    return existing;
  }

  /** Registers an object; reports a second definition. Returns false when it is a duplicate. */
  private defineObject(path: string, node: CstNode, what: string): boolean {
    const earlier = this.record(path, node);
    if (earlier) {
      this.sink.error(at(node), 'CONF_DUPLICATE', M.duplicateObject(what, earlier[0]!.line));
      return false;
    }
    return true;
  }

  private problems(problems: Problem[], where: Position, code: string): void {
    for (const p of problems) this.sink.add(p.severity, where, code, p.message, p.hint);
  }

  /** The name of a `KEYWORD name` statement, validated; undefined when missing. */
  private objectName(node: CstNode, kind: NameKind, owner?: string): string | undefined {
    const [keyword, name, extra] = node.tokens;
    if (!name) {
      this.sink.error(at(node), 'CONF_SYNTAX', M.needsName(keyword!.text));
      return undefined;
    }
    if (extra) this.sink.error(at(extra), 'CONF_SYNTAX', M.extraWord(keyword!.text, extra.text));
    this.problems(validateName(kind, name.text, { owner }), at(name), 'CONF_NAME');
    return name.text;
  }

  /**
   * A `KEYWORD name` statement that defines the object at `pathOf(name)`: its name, path and whether
   * this is the object's first definition (a repeat is reported); undefined when the name is missing.
   */
  private defineNamed(node: CstNode, kind: NameKind, owner: string | undefined, pathOf: (name: string) => string): { name: string; path: string; first: boolean } | undefined {
    const name = this.objectName(node, kind, owner);
    if (name === undefined) return undefined;
    const path = pathOf(name);
    return { name, path, first: this.defineObject(path, node, `${node.tokens[0]!.text} ${name}`) };
  }

  /** A `KEYWORD name` statement that defines a new object under `parent`: its name and path, or undefined (reported). */
  private newObject(node: CstNode, kind: NameKind, owner: string | undefined, parent: string, pathWord: string): { name: string; path: string } | undefined {
    const object = this.defineNamed(node, kind, owner, (name) => sub(parent, pathWord, name));
    return object?.first ? object : undefined;
  }

  private noBody(node: CstNode, where: string): void {
    if (node.children && node.children.length > 0) this.sink.error(at(node.children[0]!), 'CONF_SYNTAX', M.notHere('a block', where));
  }

  /**
   * A keyword in a place where it has no meaning, or an unknown upper-case section: reported, and
   * true. A misspelt section keyword that this section takes is read as that keyword all the same,
   * so that the errors inside it are found in the same run.
   */
  private misplaced(node: CstNode, where: string, keywords: SectionReaders): boolean {
    const word = node.tokens[0]!.text;
    if (isKeyword(word)) {
      this.sink.error(at(node), 'CONF_MISPLACED', M.notHere(word, where));
      return true;
    }
    if (!node.children || !/^[A-Z_]+$/.test(word)) return false;
    const guess = suggestKeyword(word);
    this.sink.error(at(node), 'CONF_UNKNOWN_SECTION', M.unknownSection(word, guess));
    const read = guess !== undefined && Object.hasOwn(keywords, guess) ? keywords[guess] : undefined;
    read?.({ ...node, tokens: [{ ...node.tokens[0]!, text: guess! }, ...node.tokens.slice(1)] });
    return true;
  }

  private attribute(values: AttrValues, node: CstNode, kind: ObjectKind, owner: string | undefined, path: string): void {
    const [nameToken, valueToken, extra] = node.tokens;
    const name = nameToken!.text;
    this.problems(validateName('attribute', name), at(nameToken!), 'CONF_NAME');
    if (node.children) {
      this.sink.error(at(node), 'CONF_ATTRIBUTE_BLOCK', M.attributeBlock(name));
      return;
    }
    if (extra) {
      this.sink.error(at(extra), 'CONF_TOO_MANY_WORDS', M.attributeThreeWords(name), M.attributeThreeWordsHint);
      return;
    }
    const value = valueToken?.text ?? '';
    this.problems(validateValue(kind, owner, name, value), at(valueToken ?? nameToken!), 'CONF_VALUE');
    const earlier = this.record(sub(path, 'attr', name), node);
    const existing = values[name];
    if (!existing || !earlier) {
      values[name] = [value];
      return;
    }
    const first = earlier[0]!.line;
    if (existing.includes(value)) {
      this.sink.warning(at(node), 'CONF_DUPLICATE_VALUE', M.duplicateValue(name, first));
    } else if (value === '' || existing.includes('')) {
      this.sink.error(at(node), 'CONF_CONFLICT', M.emptyWithValues(name));
    } else if (isSingleValued(kind, owner, name)) {
      this.sink.error(at(node), 'CONF_CONFLICT', M.conflictingValues(name, first));
    } else {
      existing.push(value);
    }
  }

  private enabled(node: CstNode, path: string, current: boolean | undefined): boolean | undefined {
    const [, valueToken, extra] = node.tokens;
    if (extra) this.sink.error(at(extra), 'CONF_SYNTAX', M.extraWord('enabled', extra.text));
    this.noBody(node, 'after enabled');
    const value = valueToken?.text ?? '';
    if (value !== '0' && value !== '1') {
      this.sink.error(at(valueToken ?? node), 'CONF_VALUE', M.enabledValue(value));
      return current;
    }
    const earlier = this.record(sub(path, 'attr', 'enabled'), node);
    if (earlier && current !== undefined && current !== (value === '1')) {
      this.sink.error(at(node), 'CONF_CONFLICT', M.conflictingValues('enabled', earlier[0]!.line));
    }
    return value === '1';
  }

  top(nodes: CstNode[]): void {
    this.body(nodes, 'at the top level', {
      HANDLER: (node) => this.handler(node),
      TARGET_DRIVER: (node) => this.driver(node),
      ALUA: (node) => {
        if (node.tokens[1]) this.sink.error(at(node.tokens[1]), 'CONF_SYNTAX', M.extraWord('ALUA', node.tokens[1].text));
        this.record('alua', node);
        this.attributesOnly(node, this.config.alua, 'alua', undefined, 'alua', 'inside ALUA');
      },
      DEVICE_GROUP: (node) => this.deviceGroup(node),
    }, (node) => this.attribute(this.config.attributes, node, 'root', undefined, 'root'));
  }

  /**
   * Walks the statements of one section: a statement led by one of the section's own keywords goes
   * to its reader; any other keyword is out of place, and everything else is an attribute.
   */
  private body(statements: CstNode[], where: string, keywords: SectionReaders, attribute: (node: CstNode) => void): void {
    for (const node of statements) {
      if (node.tokens.length === 0) continue;
      const word = node.tokens[0]!.text;
      // own keys only: an attribute called `constructor` is not a section
      const read = Object.hasOwn(keywords, word) ? keywords[word] : undefined;
      if (read) read(node);
      else if (!this.misplaced(node, where, keywords)) attribute(node);
    }
  }

  private attributesOnly(node: CstNode, values: AttrValues, kind: ObjectKind, owner: string | undefined, path: string, where: string): void {
    this.body(node.children ?? [], where, {}, (child) => this.attribute(values, child, kind, owner, path));
  }

  private handler(node: CstNode): void {
    const section = this.defineNamed(node, 'handler', undefined, (name) => sub('handler', name));
    if (!section) return;
    const { name, path } = section;
    const handler = (this.config.handlers[name] ??= { name, attributes: dict(), devices: dict() });
    this.body(node.children ?? [], 'inside HANDLER', {
      DEVICE: (child) => {
        const dev = this.newObject(child, 'device', name, path, 'device');
        if (!dev) return;
        const device = { name: dev.name, handler: name, attributes: dict<string[]>() };
        handler.devices[dev.name] = device;
        this.attributesOnly(child, device.attributes, 'device', name, dev.path, 'inside DEVICE');
      },
    }, (child) => this.attribute(handler.attributes, child, 'handler', name, path));
  }

  private driver(node: CstNode): void {
    const section = this.defineNamed(node, 'driver', undefined, (name) => sub('driver', name));
    if (!section) return;
    const { name, path } = section;
    const driver = (this.config.drivers[name] ??= { name, attributes: dict(), targets: dict() });
    this.body(node.children ?? [], 'inside TARGET_DRIVER', {
      TARGET: (child) => {
        const tgt = this.newObject(child, 'target', name, path, 'target');
        if (tgt) driver.targets[tgt.name] = this.target(child, tgt.name, name, tgt.path);
      },
      enabled: (child) => { driver.enabled = this.enabled(child, path, driver.enabled); },
    }, (child) => this.attribute(driver.attributes, child, 'driver', name, path));
  }

  private target(node: CstNode, name: string, driver: string, path: string): Target {
    const target: Target = { name, attributes: dict(), luns: dict(), groups: dict() };
    this.body(node.children ?? [], 'inside TARGET', {
      HW_TARGET: (child) => {
        if (child.tokens[1]) this.sink.error(at(child.tokens[1]), 'CONF_SYNTAX', M.hwTargetWord);
        this.noBody(child, 'after HW_TARGET');
        this.record(sub(path, 'hw'), child);
        target.hardware = true;
      },
      enabled: (child) => { target.enabled = this.enabled(child, path, target.enabled); },
      LUN: (child) => this.lun(child, target.luns, driver, path),
      GROUP: (child) => {
        const group = this.newObject(child, 'group', driver, path, 'group');
        if (group) target.groups[group.name] = this.group(child, group.name, driver, group.path);
      },
    }, (child) => this.attribute(target.attributes, child, 'target', driver, path));
    return target;
  }

  private lun(node: CstNode, luns: Record<string, Lun>, driver: string, path: string): void {
    const [, numberToken, deviceToken] = node.tokens;
    if (!numberToken || !deviceToken) {
      this.sink.error(at(node), 'CONF_SYNTAX', M.lunSyntax);
      return;
    }
    const problems = validateLun(numberToken.text);
    this.problems(problems, at(numberToken), 'CONF_LUN');
    this.problems(validateName('device', deviceToken.text), at(deviceToken), 'CONF_NAME');
    if (problems.some((p) => p.severity === 'error')) return;
    const number = numberToken.text;
    const lunPath = sub(path, 'lun', number);
    const earlier = this.record(lunPath, node);
    if (earlier) {
      const first = luns[number];
      if (first && first.device === deviceToken.text && !node.children) {
        this.sink.warning(at(node), 'CONF_DUPLICATE_VALUE', M.duplicateValue(`LUN ${number}`, earlier[0]!.line));
      } else {
        this.sink.error(at(node), 'CONF_DUPLICATE', M.duplicateLun(number, earlier[0]!.line));
      }
      return;
    }
    const lun: Lun = { lun: Number(number), device: deviceToken.text, attributes: dict() };
    luns[number] = lun;
    this.attributesOnly(node, lun.attributes, 'lun', driver, lunPath, 'inside LUN');
  }

  private group(node: CstNode, name: string, driver: string, path: string): IniGroup {
    const group: IniGroup = { name, attributes: dict(), luns: dict(), initiators: [] };
    this.body(node.children ?? [], 'inside GROUP', {
      LUN: (child) => this.lun(child, group.luns, driver, path),
      INITIATOR: (child) => {
        const ini = this.objectName(child, 'initiator', driver);
        if (ini === undefined) return;
        if (child.children && child.children.length > 0) this.sink.warning(at(child), 'CONF_IGNORED', M.initiatorBody);
        const earlier = this.record(sub(path, 'initiator', ini), child);
        if (earlier) this.sink.warning(at(child), 'CONF_DUPLICATE_VALUE', M.duplicateValue(`INITIATOR ${ini}`, earlier[0]!.line));
        else group.initiators.push(ini);
      },
    }, (child) => this.attribute(group.attributes, child, 'group', driver, path));
    return group;
  }

  private deviceGroup(node: CstNode): void {
    const section = this.defineNamed(node, 'deviceGroup', undefined, (name) => sub('dgroup', name));
    if (!section?.first) return;
    const { name, path } = section;
    const dg: DeviceGroup = { name, attributes: dict(), devices: [], targetGroups: dict() };
    this.config.deviceGroups[name] = dg;
    this.body(node.children ?? [], 'inside DEVICE_GROUP', {
      DEVICE: (child) => {
        const dev = this.objectName(child, 'device');
        if (dev === undefined) return;
        this.noBody(child, 'after a DEVICE_GROUP member');
        const earlier = this.record(sub(path, 'device', dev), child);
        if (earlier) this.sink.warning(at(child), 'CONF_DUPLICATE_VALUE', M.duplicateValue(`DEVICE ${dev}`, earlier[0]!.line));
        else dg.devices.push(dev);
      },
      TARGET_GROUP: (child) => {
        const tg = this.newObject(child, 'targetGroup', undefined, path, 'tgroup');
        if (tg) dg.targetGroups[tg.name] = this.targetGroup(child, tg.name, tg.path);
      },
    }, (child) => this.attribute(dg.attributes, child, 'deviceGroup', undefined, path));
  }

  private targetGroup(node: CstNode, name: string, path: string): TargetGroup {
    const tg: TargetGroup = { name, attributes: dict(), targets: dict() };
    this.body(node.children ?? [], 'inside TARGET_GROUP', {
      TARGET: (child) => {
        const member = this.newObject(child, 'tgMember', undefined, path, 'target');
        if (!member) return;
        const attributes = dict<string[]>();
        this.attributesOnly(child, attributes, 'tgMember', undefined, member.path, 'inside a TARGET_GROUP member');
        tg.targets[member.name] = Object.keys(attributes).length > 0 ? { name: member.name, remote: true, attributes } : { name: member.name, attributes };
      },
    }, (child) => this.attribute(tg.attributes, child, 'targetGroup', undefined, path));
    return tg;
  }
}

function isSingleValued(kind: ObjectKind, owner: string | undefined, name: string): boolean {
  const spec = attributeSpec(kind, owner, name);
  return spec !== undefined && !spec.multi;
}

/** A keyword close to a mistyped section word (`TARGETDRIVER`, `DEVICEGROUP`, `HANDLERS`, `TARGTE`). */
export function suggestKeyword(word: string): string | undefined {
  const squash = (w: string) => w.replace(/_/g, '').replace(/S$/, '');
  const target = squash(word);
  return KEYWORDS.find((k) => squash(k) === target) ?? (word.length >= 4 ? KEYWORDS.find((k) => withinOneEdit(word, k)) : undefined);
}

/** One letter added, dropped, changed, or two neighbours swapped. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  const rest = (da: number, db: number) => a.slice(i + da) === b.slice(i + db);
  return rest(1, 1) || rest(1, 0) || rest(0, 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(2, 2));
}
