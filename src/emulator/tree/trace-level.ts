/**
 * `trace_level` files (root, handlers, drivers; spec §2.4): a bit set shown as token names,
 * followed by the usage text. Each owner keeps its own value in core.traceLevels.
 */
import type { Kernel } from '../kernel.js';
import { kfail } from '../kernel-error.js';
import { type FileNode, MODE_RW } from '../nodes.js';
import { kstrtoul } from '../numbers.js';
import { Lexer, chompOne } from '../tokenizer.js';

/** Core tokens in the order the usage lists them, with the bit each stands for. */
const CORE_TOKENS: Array<[string, number]> = [
  ['function', 0x100], ['line', 0x80], ['pid', 0x40], ['out_of_mem', 0x1], ['special', 0x400],
  ['scsi', 0x800], ['mgmt', 0x1000], ['minor', 0x2], ['scsi_serializing', 0x10000],
  ['retry', 0x20000], ['pr', 0x40000],
];
/** Driver/handler tokens take high bits, in the order they are given. */
const EXTRA_BITS = [0x80000000, 0x40000000, 0x20000000, 0x10000000, 0x08000000, 0x04000000];
const DEFAULT_LEVEL = 0x1 | 0x40 | 0x400 | 0x1000;
/** The order the current value is printed in (as the kernel's table lists the flags). */
const SHOW_ORDER = ['out_of_mem', 'minor', 'pid', 'line', 'function', 'special', 'scsi', 'mgmt',
  'scsi_serializing', 'retry', 'pr'];

function tokenTable(extra: string[]): Array<[string, number]> {
  return [...CORE_TOKENS, ...extra.map((name, i): [string, number] => [name, EXTRA_BITS[i] ?? 0])];
}

export function traceLevelFile(k: Kernel, owner: string, extra: string[]): FileNode {
  const table = tokenTable(extra);
  const levels = k.state.core.traceLevels;
  const current = (): number => levels[owner] ?? DEFAULT_LEVEL;
  return {
    kind: 'file',
    mode: MODE_RW,
    show: () => {
      const value = current();
      const order = [...SHOW_ORDER, ...extra];
      const names = order.filter((name) => {
        const bit = table.find(([n]) => n === name)?.[1] ?? 0;
        return bit !== 0 && ((value & bit) >>> 0) === bit;
      });
      return `${names.join(' | ')}\n\n\nUsage:\n\techo "all|none|default" >trace_level\n` +
        '\techo "value DEC|0xHEX|0OCT" >trace_level\n\techo "add|del TOKEN" >trace_level\n\n' +
        `where TOKEN is one of [${table.map(([n]) => n).join(', ')}]\n`;
    },
    store: (data) => {
      const lexer = new Lexer(chompOne(data));
      const action = lexer.next().toLowerCase();
      const all = table.reduce((acc, [, bit]) => acc | bit, 0);
      const bitOf = (token: string): number => {
        const found = table.find(([n]) => n === token.toLowerCase());
        return found ? found[1] : kfail('EINVAL');
      };
      switch (action) {
        case 'all': levels[owner] = all >>> 0; break;
        case 'none': case 'null': levels[owner] = 0; break;
        case 'default': levels[owner] = DEFAULT_LEVEL; break;
        case 'value': levels[owner] = kstrtoul(lexer.next()) >>> 0; break;
        case 'add': levels[owner] = (current() | bitOf(lexer.next())) >>> 0; break;
        case 'del': levels[owner] = (current() & ~bitOf(lexer.next())) >>> 0; break;
        default: kfail('EINVAL');
      }
    },
  };
}
