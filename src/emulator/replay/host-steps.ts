/**
 * Shell steps of the recordings mapped onto the emulated host (conformance/README.md table):
 * backing files, /dev/ram* block devices, the PR directory, iSCSI logins/logouts and the
 * iscsi-scstd life cycle. Observation-only commands change nothing.
 */
import type { Emulator } from '../emulator.js';
import { byteSize } from '../simulation.js';

export interface HostContext {
  emulator: Emulator;
  /** The initiator name from /etc/iscsi/initiatorname.iscsi. */
  initiator?: string;
  /** target → session directory name of the replayed initiator's login. */
  sessions: Map<string, string>;
}

function parseSize(text: string): number {
  const size = byteSize(text);
  if (size === undefined) throw new Error(`unknown size ${text}`);
  return size;
}

/** One `a && b; c` command line → its simple commands. */
function simpleCommands(cmd: string): string[][] {
  return cmd.split(/&&|;|\|\|/).map((part) => part.trim().split(/\s+/).filter((w) => w !== '')).filter((w) => w.length > 0);
}

function targetOf(words: string[]): string | undefined {
  const i = words.indexOf('-T');
  return i >= 0 ? words[i + 1] : undefined;
}

export function applyShellStep(ctx: HostContext, cmd: string, out: string): void {
  const emulator = ctx.emulator;
  const ramSize = /^(\d+)$/m.exec(out.split('\n').filter((l) => /^\d+$/.test(l)).join('\n'))?.[1];
  for (const words of simpleCommands(cmd)) {
    const [program, ...args] = words;
    if (program === 'truncate') {
      const sizeAt = args.indexOf('-s');
      const size = parseSize(args[sizeAt + 1]!);
      for (const file of args.filter((_, i) => i !== sizeAt && i !== sizeAt + 1)) emulator.addHostFile(file, { kind: 'file', size });
    } else if (program === 'mkdir') {
      for (const dir of args.filter((a) => !a.startsWith('-'))) emulator.addHostFile(dir, { kind: 'dir' });
    } else if (program === 'ls' && args.some((a) => a.startsWith('/dev/ram'))) {
      for (const dev of args.filter((a) => a.startsWith('/dev/ram'))) {
        emulator.addHostFile(dev, { kind: 'block', size: ramSize ? Number(ramSize) : 0 });
      }
    } else if (program === 'mv' && args[0] === '/var/lib/scst/pr') {
      emulator.setPrDirectory(false);
    } else if (program === 'mv' && args[1] === '/var/lib/scst/pr') {
      emulator.setPrDirectory(true);
    } else if (program === 'cat' && args[0] === '/etc/iscsi/initiatorname.iscsi') {
      ctx.initiator = /InitiatorName=(\S+)/.exec(out)?.[1];
    } else if (program === 'iscsiadm' && words.includes('--login')) {
      const target = targetOf(words);
      if (target && ctx.initiator) ctx.sessions.set(target, emulator.login(target, ctx.initiator, { address: '127.0.0.1' }));
    } else if (program === 'iscsiadm' && words.includes('--logout')) {
      const target = targetOf(words);
      const session = target ? ctx.sessions.get(target) : undefined;
      if (target && session) {
        emulator.logout(target, session);
        ctx.sessions.delete(target);
      }
    } else if (program === 'iscsi-scstd') {
      emulator.setIscsiDaemon('running');
    } else if (program === 'kill' && words.join(' ').includes('iscsi-scstd')) {
      if (args[0] === '-STOP') emulator.setIscsiDaemon('stopped');
      else if (args[0] === '-CONT') emulator.setIscsiDaemon('running');
      else {
        emulator.setIscsiDaemon('absent');
        ctx.sessions.clear();
      }
    }
  }
}
