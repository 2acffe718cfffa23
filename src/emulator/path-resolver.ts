/**
 * Path resolution through the generated tree as the VFS does it: every component is looked up
 * in its directory, links are followed relative to the directory holding them (the last one
 * only when asked), `..` climbs, and leaving the SCST root (e.g. scst_local's `host` link into
 * /sys/devices) is ENOENT. Failures belong to open(2).
 */
import { KernelError } from './kernel-error.js';
import type { DirNode, Node } from './nodes.js';

const MAX_SYMLINK_DEPTH = 40;

export function resolvePath(root: DirNode, path: string, followLast: boolean): Node {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  return walk(root, parts, followLast, 0);
}

function walk(root: DirNode, parts: string[], followLast: boolean, depth: number): Node {
  let node: Node = root;
  const at: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i]!;
    if (node.kind !== 'dir') throw new KernelError('ENOTDIR', 'open');
    if (name === '..') {
      if (at.length === 0) throw new KernelError('ENOENT', 'open');
      at.pop();
      node = walk(root, at, true, depth);
      continue;
    }
    const child: Node | undefined = node.child(name);
    if (!child) throw new KernelError('ENOENT', 'open');
    const last = i === parts.length - 1;
    if (child.kind === 'link' && (!last || followLast)) {
      if (depth >= MAX_SYMLINK_DEPTH) throw new KernelError('ELOOP', 'open');
      const targetParts = normalize([...at, ...child.target.split('/')]);
      node = walk(root, targetParts, true, depth + 1);
      at.splice(0, at.length, ...targetParts);
      continue;
    }
    node = child;
    at.push(name);
  }
  return node;
}

/** Resolve `.`/`..` in a component list; ENOENT when it climbs above the SCST root. */
function normalize(parts: string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) throw new KernelError('ENOENT', 'open');
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out;
}
