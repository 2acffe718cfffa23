/**
 * CHAP accounts and allowed portals of one iSCSI attribute list (the driver's discovery list or
 * one target's). iscsi-scstd keeps the accounts; the kernel keeps one file per entry. The two
 * can disagree: replacing an `OutgoingUser` drops the daemon's account while the kernel file
 * stays, and reading that stale file fails with EINVAL — the emulator keeps that trap.
 */
import type { Errno } from '../../sysfs/types.js';
import { daemonWords } from './iscsi-params.js';

type AccountKind = 'IncomingUser' | 'OutgoingUser' | 'allowed_portal';

export interface AccountFile {
  /** The file name in sysfs (`IncomingUser`, `IncomingUser1`, `allowed_portal2`, …). */
  file: string;
  kind: AccountKind;
  /** `user secret` for users, the pattern for portals; undefined when the daemon forgot it. */
  value?: string;
}

/** iscsi-scstd refuses shorter CHAP secrets when an account is added. */
const MIN_SECRET_LENGTH = 12;

/** The attribute kind a typed word names (`IncomingUser7` is an IncomingUser). */
export function accountKindOf(word: string): AccountKind | undefined {
  const base = word.replace(/\d+$/, '').toLowerCase();
  return (['IncomingUser', 'OutgoingUser', 'allowed_portal'] as const).find((k) => k.toLowerCase() === base);
}

function userName(file: AccountFile): string | undefined {
  return file.value?.split(' ')[0];
}

/** Outcome of a change: `ok`, or the errno and an optional kernel log line. */
export type AccountResult = { ok: true } | { ok: false; errno: Errno; log?: string };

const fail = (errno: Errno, log?: string): AccountResult => ({ ok: false, errno, log });

export class AccountList {
  constructor(
    /** Portals are refused at driver level (`add_attribute allowed_portal` → EINVAL). */
    private readonly allowPortals: boolean,
    /** For log lines: the target name, or the driver. */
    private readonly owner: string,
    readonly files: AccountFile[] = [],
  ) {}

  find(file: string): AccountFile | undefined {
    return this.files.find((f) => f.file === file);
  }

  /** `add_[target_]attribute KIND-word values…`. */
  add(word: string, valueText: string): AccountResult {
    const kind = accountKindOf(word);
    if (!kind || (kind === 'allowed_portal' && !this.allowPortals)) return fail('EINVAL');
    const words = daemonWords(valueText);
    if (kind === 'allowed_portal') {
      if (words.length !== 1) return fail('EINVAL');
      if (this.files.some((f) => f.kind === kind && f.value === words[0])) return fail('EINVAL');
      return this.create(word, kind, words[0]);
    }
    if (words.length !== 2 || words[1].length < MIN_SECRET_LENGTH) return fail('EINVAL');
    if (kind === 'OutgoingUser') return this.addOutgoing(word, `${words[0]} ${words[1]}`);
    if (this.files.some((f) => f.kind === kind && userName(f) === words[0])) return fail('EINVAL');
    return this.create(word, kind, `${words[0]} ${words[1]}`);
  }

  /**
   * iscsi-scstd keeps one outgoing account: it drops the one it knows first (whatever its user
   * name, so no duplicate-name check applies), then asks the kernel for a file named exactly as
   * typed. The kernel still has the old file (which now reads EINVAL) and refuses a second file
   * of the same name with EEXIST; a word naming another file (`OutgoingUser1`) succeeds beside
   * the stale one.
   */
  private addOutgoing(word: string, value: string): AccountResult {
    for (const f of this.files) if (f.kind === 'OutgoingUser') f.value = undefined;
    if (this.files.some((f) => f.file === word)) {
      return fail('EEXIST', `iscsi-scst: ***ERROR***: Attribute ${word} for ${this.owner} already exist`);
    }
    this.files.push({ file: word, kind: 'OutgoingUser', value });
    return { ok: true };
  }

  /** `del_[target_]attribute KIND-word values…`: users by name, portals by pattern. */
  remove(word: string, valueText: string): AccountResult {
    const kind = accountKindOf(word);
    if (!kind || (kind === 'allowed_portal' && !this.allowPortals)) return fail('EINVAL');
    const words = daemonWords(valueText);
    if (words.length === 0) return fail('EINVAL');
    const index =
      kind === 'allowed_portal'
        ? this.files.findIndex((f) => f.kind === kind && f.value === words[0])
        : this.files.findIndex((f) => f.kind === kind && userName(f) === words[0]);
    if (index < 0) return fail(kind === 'allowed_portal' ? 'EINVAL' : 'ENOENT');
    this.files.splice(index, 1);
    return { ok: true };
  }

  /** A write into an existing file replaces its entry (no secret length check on this path). */
  rewrite(file: AccountFile, text: string): AccountResult {
    const words = daemonWords(text);
    if (file.kind === 'allowed_portal') {
      if (words.length !== 1) return fail('EINVAL');
      file.value = words[0];
      return { ok: true };
    }
    if (words.length !== 2) return fail('EINVAL');
    if (this.files.some((f) => f !== file && f.kind === file.kind && userName(f) === words[0])) return fail('EEXIST');
    file.value = `${words[0]} ${words[1]}`;
    return { ok: true };
  }

  /** The file text, or undefined when the daemon no longer knows the entry (reads fail EINVAL). */
  render(file: AccountFile): string | undefined {
    return file.value === undefined ? undefined : `${file.value}\n[key]\n\n`;
  }

  private create(word: string, kind: AccountKind, value: string): AccountResult {
    this.files.push({ file: this.freeFileName(word), kind, value });
    return { ok: true };
  }

  /** The word as typed, else the word with 1, 2, … appended (`IncomingUser1` → `IncomingUser11`). */
  private freeFileName(word: string): string {
    if (!this.find(word)) return word;
    for (let n = 1; ; n++) if (!this.find(`${word}${n}`)) return `${word}${n}`;
  }
}
