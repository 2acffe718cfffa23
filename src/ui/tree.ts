/**
 * A targetcli-`ls`-like tree: one line per node, `o- name ...... [summary]`, with `|` guides
 * for open branches. Generic on purpose: it knows nodes, not SCST; show-tree.ts builds the
 * nodes. Colour comes from `color()`, which is off unless stdout is a terminal.
 */
import { color } from './color.js';

export type Tone = 'good' | 'bad' | 'muted' | 'plain';

export interface TreeNode {
  name: string;
  /** Short facts, shown in brackets after a dotted leader. */
  summary?: string[];
  /** How the summary should look: enabled/connected → good, disabled/absent → bad. */
  tone?: Tone;
  /** What kind of object the line is, for colour (section headings, attributes). */
  kind?: 'section' | 'object' | 'attribute';
  children?: TreeNode[];
}

export interface RenderOptions {
  /** Total line width the dotted leader aims for (default 80). */
  width?: number;
}

export function renderTree(root: TreeNode, options: RenderOptions = {}): string[] {
  const width = options.width ?? 80;
  const lines: string[] = [];
  // As targetcli: each level indents by two; an open branch keeps a `|` in its column.
  const walk = (node: TreeNode, guide: string, childGuide: string) => {
    lines.push(formatLine(node, `${guide}o- `, width));
    const children = node.children ?? [];
    children.forEach((child, i) => {
      const last = i === children.length - 1;
      walk(child, childGuide, `${childGuide}${last ? '  ' : '| '}`);
    });
  };
  walk(root, '', '  ');
  return lines;
}

function formatLine(node: TreeNode, prefix: string, width: number): string {
  const c = color();
  const name = node.kind === 'section' ? c.bold(node.name) : node.kind === 'attribute' ? c.cyan(node.name) : c.bold.blue(node.name);
  const summary = node.summary?.length ? `[${node.summary.join(', ')}]` : '';
  if (!summary) return `${prefix}${name}`;
  const plainLength = prefix.length + node.name.length + summary.length + 2;
  const dots = Math.max(1, width - plainLength);
  const leader = dots > 1 ? ` ${'.'.repeat(dots - 1)} ` : ' ';
  return `${prefix}${name}${c.dim(leader.slice(0, -1))} ${tone(summary, node.tone ?? 'plain')}`;
}

function tone(text: string, kind: Tone): string {
  const c = color();
  switch (kind) {
    case 'good':
      return c.green(text);
    case 'bad':
      return c.red(text);
    case 'muted':
      return c.dim(text);
    default:
      return text;
  }
}
