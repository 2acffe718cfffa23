/**
 * The real shells complete through the installed scripts: bash's completion function run as
 * bash's programmable completion runs it, zsh's through its completion system on a
 * pseudo-terminal (zpty), fish's through `complete -C`; all against an emulated host under
 * --simulate and the scstadmin-ts-complete entry point on the PATH.
 */
import { execa } from 'execa';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT, FIXTURE_MANIFEST, LAB, ODD_DEVICE, PATTERN, ROOT, scratchHost, sysfsTree, type Scratch } from './host.js';

let host: Scratch;
let env: Record<string, string>;
beforeAll(async () => {
  host = await scratchHost();
  env = { PATH: host.path, HOME: host.dir, SCST_SIMULATE_STATE: host.state, SCSTADMIN_TS_MANIFEST: FIXTURE_MANIFEST };
  const installed = await execa('scstadmin-ts', ['install-completion', '--root', join(host.dir, 'image'), '--shell', 'bash', '--shell', 'zsh', '--shell', 'fish'], { env });
  expect(installed.stdout).toContain('installed');
}, 60_000);
afterAll(() => host.dispose());

/** A real host's tree, and a PATH on which no scstadmin-ts program can be found. */
const tree = () => join(host.dir, 'sysfs');
const noPrograms = () => ({ PATH: '/usr/bin:/bin' });

const bashScript = () => join(host.dir, 'image', 'usr/share/bash-completion/completions/scstadmin-ts');
const zshDir = () => join(host.dir, 'image', 'usr/share/zsh/vendor-completions');

/** COMPREPLY after bash's completion function ran for LINE (cursor at its end). */
async function bash(line: string, extraEnv: Record<string, string> = {}): Promise<string[]> {
  const driver = [
    'source "$1"',
    // What bash sets before it calls a -F function: the line, the cursor, the words.
    'COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<<"$COMP_LINE"; COMP_CWORD=${#COMP_WORDS[@]}',
    '[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("") || COMP_CWORD=$((COMP_CWORD - 1))',
    'spec=$(complete -p scstadmin-ts); fn=${spec#*-F }; fn=${fn%% *}',
    '"$fn" scstadmin-ts "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const { stdout } = await execa('bash', ['-c', driver, 'bash', bashScript(), line], { env: { ...env, ...extraEnv } });
  return stdout.split('\n').filter(Boolean);
}

describe('bash', { timeout: 60_000 }, () => {
  it('completes commands, a topic\'s commands and flags', async () => {
    expect(await bash('scstadmin-ts add')).toEqual(['add-lun', 'add-member']);
    expect(await bash('scstadmin-ts alua s')).toEqual(['state']);
    expect(await bash('scstadmin-ts kick --sim')).toEqual(['--simulate']);
  });

  it('completes live target and device names on the emulated host, IQNs past their colon', async () => {
    expect(await bash('scstadmin-ts add-lun --simulate ')).toEqual([LAB, 'iqn.2024-01.com.example:other']);
    expect(await bash('scstadmin-ts add-lun --simulate iqn.2024-01.com.example:l')).toEqual(['lab']);
    expect(await bash(`scstadmin-ts add-lun --simulate ${LAB} `)).toEqual(['disk1', 'disk2', 'nul3']);
    expect(await bash(`scstadmin-ts del-lun --simulate ${LAB} --group hosts `)).toEqual(['7']);
  });

  it('completes file names for file arguments, after --flag= too', async () => {
    writeFileSync(join(host.dir, 'lab.conf'), '');
    expect(await bash(`scstadmin-ts load ${host.dir}/lab.c`)).toEqual([`${host.dir}/lab.conf`]);
    expect(await bash(`scstadmin-ts kick --simulate=${host.dir}/ho`)).toEqual([`${host.dir}/host.json`]);
  });

  it('offers nothing, and prints nothing, when the host cannot be read', async () => {
    expect(await bash('scstadmin-ts add-lun --sysfs-root /nonexistent/tree ')).toEqual([]);
    const broken = join(host.dir, 'broken.json');
    writeFileSync(broken, '{not json');
    const { stdout, stderr, exitCode } = await execa('scstadmin-ts-complete', ['bash', '--line', `scstadmin-ts add-lun --simulate=${broken} `], { env, reject: false });
    expect({ stdout, stderr, exitCode }).toEqual({ stdout: '', stderr: '', exitCode: 1 });
  });

  it('lists live names of a real tree itself (no program runs): --sysfs-root, SCST_SYSFS_ROOT', async () => {
    sysfsTree(tree());
    const flag = `--sysfs-root ${tree()}`;
    expect(await bash(`scstadmin-ts add-lun ${flag} ${LAB} `, noPrograms())).toEqual(['.hidden', 'disk1', 'disk2', 'disk\\[9\\]\\$x']);
    expect(await bash(`scstadmin-ts add-lun ${LAB} di`, { ...noPrograms(), SCST_SYSFS_ROOT: tree() })).toEqual(['disk1', 'disk2', 'disk\\[9\\]\\$x']);
    expect(await bash(`scstadmin-ts add-lun --sysfs-root=${tree()} ${LAB} disk1 `, noPrograms())).toEqual(['0', '3']);
    expect(await bash(`scstadmin-ts del-lun ${flag} ${LAB} --group hosts `, noPrograms())).toEqual(['5']);
    expect(await bash(`scstadmin-ts del-user ${flag} ${LAB} `, noPrograms())).toEqual(['joe', 'ann']);
    expect(await bash(`scstadmin-ts add-member ${flag} dg1 `, noPrograms())).toEqual(['tg1']);
    // An IQN completes past its colon; a wildcard is escaped for the shell.
    expect(await bash(`scstadmin-ts del-initiator ${flag} ${LAB} hosts iqn.1993-08.org.debian:`, noPrograms())).toEqual(['\\*', '01:client']);
    expect((await bash(`scstadmin-ts add-lun ${flag} iqn.2024-01.com.example:`, noPrograms()))).toEqual(['lab']);
  });

  it('a real tree that is missing, or lacks the object named, offers nothing and shows nothing', async () => {
    const driver = (line: string) => execa('bash', ['-c', 'source "$1"; COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}; _scstadmin_ts; echo "${#COMPREPLY[@]}"', 'bash', bashScript(), line], { env: { ...env, ...noPrograms() } });
    const lines = [`scstadmin-ts add-lun --sysfs-root /nonexistent ${LAB} `, `scstadmin-ts add-lun --sysfs-root ${tree()} iqn.none disk1 `, `scstadmin-ts del-initiator --sysfs-root ${tree()} ${LAB} nogroup `];
    for (const line of lines) expect({ line, ...(await driver(line)) }).toMatchObject({ line, stdout: '0', stderr: '' });
  });

  it('completes names from the index an emulated host keeps, as from the host itself', async () => {
    const saved = join(host.dir, 'saved.json');
    await execa('scstadmin-ts', ['simulate', 'create', `--simulate=${saved}`], { env: { ...env, SCSTADMIN_TS_MANIFEST: '' } });
    await execa('scstadmin-ts', ['add-device', 'odd:dev', '--handler', 'vdisk_nullio', `--simulate=${saved}`, '--no-save'], { env: { ...env, SCSTADMIN_TS_MANIFEST: '' } });
    expect(existsSync(`${saved}.names`)).toBe(true);
    expect(await bash(`scstadmin-ts add-lun --simulate=${saved} ${LAB} odd:`)).toEqual(['dev']);
  });

  it('only reads: the emulated host\'s state file is left as it was', async () => {
    const before = statSync(host.state).mtimeMs;
    const text = readFileSync(host.state, 'utf8');
    await bash(`scstadmin-ts add-lun --simulate ${LAB} `);
    expect(statSync(host.state).mtimeMs).toBe(before);
    expect(readFileSync(host.state, 'utf8')).toBe(text);
  });
});

/** The matches zsh's completion system offered for LINE typed on a terminal, then TAB. */
async function zsh(line: string, extraEnv: Record<string, string> = {}): Promise<string[]> {
  const out = join(host.dir, `zsh-${Math.random().toString(36).slice(2)}.out`);
  await execa('zsh', [join(ROOT, 'test', 'completion', 'zsh-capture.zsh'), zshDir(), out, line], { env: { ...env, TERM: 'xterm', ...extraEnv } });
  const lines = existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean) : [];
  expect(lines.at(-1), 'the completion function returned').toBe('END');
  return [...new Set(lines.slice(0, -1))];
}

describe('zsh', { timeout: 90_000 }, () => {
  it('completes commands with the installed function', async () => {
    expect(await zsh('scstadmin-ts add')).toEqual(['add-lun', 'add-member']);
  });

  it('completes live names on the emulated host', async () => {
    expect(await zsh(`scstadmin-ts del-initiator --simulate ${LAB} `)).toEqual(['hosts']);
    expect(await zsh(`scstadmin-ts add-lun --simulate ${LAB} d`)).toEqual(['disk1', 'disk2']);
  });

  it('lists live names of a real tree itself (no program runs): SCST_SYSFS_ROOT, --sysfs-root', async () => {
    sysfsTree(join(host.dir, 'zsh-sysfs'));
    const root = join(host.dir, 'zsh-sysfs');
    expect(await zsh(`scstadmin-ts add-lun ${LAB} di`, { ...noPrograms(), SCST_SYSFS_ROOT: root })).toEqual(['disk1', 'disk2', ODD_DEVICE]);
    expect((await zsh(`scstadmin-ts del-initiator --sysfs-root ${root} ${LAB} hosts `, noPrograms())).sort()).toEqual([CLIENT, PATTERN].sort());
    expect(await zsh(`scstadmin-ts add-lun --sysfs-root /nonexistent ${LAB} `, noPrograms())).toEqual([]);
  });

  it('completes file names for --flag=FILE', async () => {
    const matches = await zsh(`scstadmin-ts kick --simulate=${host.dir}/hos`);
    expect(matches.some((m) => m.endsWith('host.json'))).toBe(true);
  });
});

/** What fish's own completion (`complete -C`) offers for LINE, descriptions dropped. */
async function fish(line: string): Promise<string[]> {
  const script = join(host.dir, 'image', 'usr/share/fish/vendor_completions.d/scstadmin-ts.fish');
  const { stdout } = await execa('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', script, line], { env });
  return stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!);
}

describe('fish', { timeout: 60_000 }, () => {
  it('completes commands with their descriptions, and live names', async () => {
    const { stdout } = await execa('fish', ['--no-config', '-c', `source $argv[1]; complete -C 'scstadmin-ts kic'`, join(host.dir, 'image', 'usr/share/fish/vendor_completions.d/scstadmin-ts.fish')], { env });
    expect(stdout).toBe('kick\tTest command kick.');
    expect(await fish(`scstadmin-ts del-initiator --simulate ${LAB} hosts `)).toEqual(['iqn.1993-08.org.debian:01:client']);
  });

  it('completes paths, after --flag= too', async () => {
    writeFileSync(join(host.dir, 'lab.conf'), '');
    expect(await fish(`scstadmin-ts load ${host.dir}/lab.c`)).toEqual([`${host.dir}/lab.conf`]);
    expect(await fish(`scstadmin-ts kick --simulate=${host.dir}/hos`)).toEqual([`--simulate=${host.dir}/host.json`]);
  });
});
