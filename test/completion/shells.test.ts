/**
 * The real shells complete through the installed scripts (drive.ts) against an emulated host
 * under --simulate and a sysfs-shaped tree (--sysfs-root, SCST_SYSFS_ROOT), with both commands
 * on the PATH; live names of a real tree are listed by the shell itself, with no program on the
 * PATH. The --simulate path without any program: simulate-index.test.ts.
 */
import { execa } from 'execa';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionScript } from '../../src/completion/scripts.js';
import { readManifest, visibleCommands } from '../../src/meta/manifest.js';
import { installedShells, type Shells } from './drive.js';
import { CLIENT, FIXTURE_MANIFEST, LAB, ODD_DEVICE, PATTERN, scratchHost, sysfsTree, type Scratch } from './host.js';

let host: Scratch;
let env: Record<string, string>;
let shells: Shells;
beforeAll(async () => {
  host = await scratchHost();
  env = { PATH: host.path, HOME: host.dir, SCST_SIMULATE_STATE: host.state, SCSTADMIN_TS_MANIFEST: FIXTURE_MANIFEST };
  shells = await installedShells(join(host.dir, 'image'), env);
  sysfsTree(tree());
}, 60_000);
afterAll(() => host.dispose());

/** A real host's tree, and a PATH on which no scstadmin-ts program can be found. */
const tree = () => join(host.dir, 'sysfs');
const noPrograms = () => ({ PATH: '/usr/bin:/bin' });
const bashScript = () => join(host.dir, 'image', 'usr/share/bash-completion/completions/scstadmin-ts');

const bash = (line: string, extraEnv?: Record<string, string>) => shells.bash(line, extraEnv);
const zsh = (line: string, extraEnv?: Record<string, string>) => shells.zsh(line, extraEnv);
const fish = async (line: string, extraEnv?: Record<string, string>) => (await shells.fish(line, extraEnv)).sort();

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

describe('fish', { timeout: 60_000 }, () => {
  it('completes commands and flags with their descriptions, a topic\'s commands, fixed values', async () => {
    expect(await shells.fishDescribed('scstadmin-ts kic')).toEqual(['kick\tTest command kick.']);
    expect(await shells.fishDescribed('scstadmin-ts kick --sim')).toEqual([expect.stringMatching(/^--simulate\t\S/)]);
    expect(await fish('scstadmin-ts add')).toEqual(['add-lun', 'add-member']);
    expect(await fish('scstadmin-ts alua s')).toEqual(['state']);
    expect(await fish('scstadmin-ts alua state dg1 tg1 ')).toEqual(['active', 'nonoptimized', 'offline', 'standby', 'transitioning', 'unavailable']);
    expect(await fish('scstadmin-ts add-lun --json --')).not.toContain('--json');
  });

  it('the script of the real command set is fish that holds every command, summaries with quotes and all', async () => {
    const script = join(host.dir, 'real.fish');
    writeFileSync(script, completionScript('fish', readManifest()));
    const { stdout, stderr } = await execa('fish', ['--no-config', '-c', 'source $argv[1]; printf "%s\\n" $__scstadmin_ts_cmds; printf "%s\\n" $__scstadmin_ts_sums', script], { env });
    const commands = visibleCommands(readManifest());
    expect(stderr).toBe('');
    expect(stdout.split('\n')).toEqual([...commands.map((c) => c.words.join(' ')), ...commands.map((c) => (c.command.summary ?? '').split('\n')[0]!.replace(/\s+/g, ' ').trim())]);
    expect(stdout).toMatch(/'/);
  });

  it('completes live names on the emulated host', async () => {
    expect(await fish(`scstadmin-ts del-initiator --simulate ${LAB} hosts `)).toEqual([CLIENT]);
    expect(await fish(`scstadmin-ts add-lun --simulate ${LAB} d`)).toEqual(['disk1', 'disk2']);
  });

  it('lists live names of a real tree itself (no program runs): --sysfs-root, --sysfs-root=, SCST_SYSFS_ROOT', async () => {
    const flag = `--sysfs-root ${tree()}`;
    expect(await fish(`scstadmin-ts add-lun ${flag} ${LAB} `, noPrograms())).toEqual(['disk1', 'disk2', ODD_DEVICE].sort());
    // fish before 3.5 (no `path` builtin) lists the directories with a */ glob instead.
    const script = join(host.dir, 'image', 'usr/share/fish/vendor_completions.d/scstadmin-ts.fish');
    const older = await execa('fish', ['--no-config', '-c', 'source $argv[1]; set -e __scstadmin_ts_path_builtin; complete -C $argv[2]', script, `scstadmin-ts add-lun ${flag} ${LAB} `], { env: { ...env, ...noPrograms() } });
    expect({ stderr: older.stderr, offered: older.stdout.split('\n').sort() }).toEqual({ stderr: '', offered: ['disk1', 'disk2', ODD_DEVICE].sort() });
    // No name starts with what is typed: fish matches a part of one, as it does file names.
    expect(await fish(`scstadmin-ts add-lun ${flag} ${LAB} sk2`, noPrograms())).toEqual(['disk2']);
    // fish shows names that start with a dot once a dot is typed, as it does for files.
    expect(await fish(`scstadmin-ts add-lun ${flag} ${LAB} .`, noPrograms())).toEqual(['.hidden']);
    expect(await fish(`scstadmin-ts add-lun ${LAB} di`, { ...noPrograms(), SCST_SYSFS_ROOT: tree() })).toEqual(['disk1', 'disk2', ODD_DEVICE].sort());
    expect(await fish(`scstadmin-ts add-lun --sysfs-root=${tree()} ${LAB} disk1 `, noPrograms())).toEqual(['0', '3']);
    expect(await fish(`scstadmin-ts del-lun ${flag} ${LAB} --group hosts `, noPrograms())).toEqual(['5']);
    expect(await fish(`scstadmin-ts del-lun ${flag} ${LAB} --group=hosts `, noPrograms())).toEqual(['5']);
    expect(await fish(`scstadmin-ts del-user ${flag} ${LAB} `, noPrograms())).toEqual(['ann', 'joe']);
    expect(await fish(`scstadmin-ts del-user ${flag} ${LAB} a`, noPrograms())).toEqual(['ann']);
    expect(await fish(`scstadmin-ts add-member ${flag} `, noPrograms())).toEqual(['dg1']);
    expect(await fish(`scstadmin-ts add-member ${flag} dg1 `, noPrograms())).toEqual(['tg1']);
    expect(await fish(`scstadmin-ts del-initiator ${flag} ${LAB} hosts iqn.1993-08.org.debian:`, noPrograms())).toEqual([PATTERN, CLIENT].sort());
    expect(await fish(`scstadmin-ts add-lun ${flag} --driver=`, noPrograms())).toEqual(['--driver=iscsi']);
    expect(await fish(`scstadmin-ts set-device ${flag} disk1 --handler `, noPrograms())).toEqual(['vdisk_fileio']);
    expect(await fish(`scstadmin-ts add-lun ${flag} iqn.2024-01.com.example:`, noPrograms())).toEqual([LAB]);
  });

  it('a real tree that is missing, or lacks the object named, offers nothing and shows nothing', async () => {
    for (const line of [`scstadmin-ts add-lun --sysfs-root /nonexistent ${LAB} `, `scstadmin-ts add-lun --sysfs-root ${tree()} iqn.none disk1 `, `scstadmin-ts del-user --sysfs-root ${tree()} iqn.none `]) {
      expect({ line, offered: await fish(line, noPrograms()) }).toEqual({ line, offered: [] });
    }
  });

  it('completes paths, after --flag= too, and directories for DIR flags', async () => {
    writeFileSync(join(host.dir, 'lab.conf'), '');
    expect(await fish(`scstadmin-ts load ${host.dir}/lab.c`)).toEqual([`${host.dir}/lab.conf`]);
    expect(await fish(`scstadmin-ts kick --simulate=${host.dir}/hos`)).toEqual([`--simulate=${host.dir}/host.json`]);
    expect(await fish(`scstadmin-ts kick --sysfs-root ${host.dir}/`)).toEqual(expect.arrayContaining([`${host.dir}/sysfs/`]));
    expect(await fish(`scstadmin-ts kick --sysfs-root ${host.dir}/`)).not.toContain(`${host.dir}/lab.conf`);
  });
});
