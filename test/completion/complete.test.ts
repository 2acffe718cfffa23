/**
 * What a TAB offers, from the command metadata and the live tree: commands of the fixture
 * manifest (commands with every object argument of the naming convention) and of the real one,
 * completed against an emulated host.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { complete, type Completion } from '../../src/completion/complete.js';
import { readManifest, type Manifest } from '../../src/meta/manifest.js';
import { splitLine } from '../../src/completion/line.js';
import { render, trimToWordBreak, wordsAfterProgram } from '../../src/completion/main.js';
import type { Emulator } from '../../src/emulator/index.js';
import { sysfsNames } from '../../src/completion/live-names.js';
import { buildHost, CLIENT, FIXTURE_MANIFEST, LAB } from './host.js';

let host: Emulator;
let fixture: Manifest;
let real: Manifest;
beforeAll(async () => {
  host = await buildHost();
  fixture = readManifest(FIXTURE_MANIFEST);
  real = readManifest();
});

const opened: Array<Record<string, unknown>> = [];
async function values(line: string, manifest = fixture): Promise<string[]> {
  const result = await completeLine(line, manifest);
  if (result.kind !== 'words') throw new Error(`expected words, got ${result.kind}`);
  return result.candidates.map((c) => c.value);
}
function completeLine(line: string, manifest = fixture): Promise<Completion> {
  return complete(wordsAfterProgram(splitLine(line)), manifest, async (flags) => {
    opened.push(flags);
    return sysfsNames(host);
  });
}

describe('live names by argument name', () => {
  it('targets of the default driver, devices, LUNs of the target', async () => {
    expect(await values('scstadmin-ts add-lun ')).toEqual(['iqn.2024-01.com.example:lab', 'iqn.2024-01.com.example:other']);
    expect(await values('scstadmin-ts add-lun iqn.2024-01.com.example:l')).toEqual([LAB]);
    expect(await values(`scstadmin-ts add-lun ${LAB} d`)).toEqual(['disk1', 'disk2']);
    expect(await values(`scstadmin-ts add-lun ${LAB} disk1 `)).toEqual(['0', '1']);
  });

  it('a group from --group or an argument narrows LUNs and names initiators', async () => {
    expect(await values(`scstadmin-ts del-lun --group hosts ${LAB} `)).toEqual(['7']);
    expect(await values(`scstadmin-ts del-lun ${LAB} --group=hosts `)).toEqual(['7']);
    expect(await values(`scstadmin-ts del-initiator ${LAB} `)).toEqual(['hosts']);
    expect(await values(`scstadmin-ts del-initiator ${LAB} hosts `)).toEqual([CLIENT]);
  });

  it('the --driver flag chooses the driver whose targets complete, and completes drivers', async () => {
    expect(await values('scstadmin-ts add-lun --driver scst_local ')).toEqual(['scst_local_tgt']);
    expect(await values('scstadmin-ts add-lun --driver ')).toEqual(expect.arrayContaining(['copy_manager', 'iscsi', 'scst_local']));
    expect(await values('scstadmin-ts list-targets is')).toEqual(['iscsi']);
  });

  it('handlers, sessions, CHAP users, ALUA groups and members', async () => {
    expect(await values('scstadmin-ts set-device disk1 --handler vdisk_n')).toEqual(['vdisk_nullio']);
    expect(await values('scstadmin-ts kick iqn.2024-01.com.example:other ')).toEqual(['iqn.1993-08.org.debian:01:sess']);
    expect(await values(`scstadmin-ts del-user ${LAB} `)).toEqual(['joe']);
    expect(await values('scstadmin-ts add-member ')).toEqual(['dg1']);
    expect(await values('scstadmin-ts add-member dg1 ')).toEqual(['tg1']);
    expect(await values('scstadmin-ts add-member dg1 tg1 ')).toEqual([LAB]);
  });

  it('a target that does not exist fails the lookup (the entry point then prints nothing)', async () => {
    await expect(completeLine(`scstadmin-ts add-lun iqn.none disk1 `)).rejects.toMatchObject({ errno: 'ENOENT' });
  });
});

describe('commands, flags and fixed values from the metadata', () => {
  it('command words and topics, then a topic\'s commands', async () => {
    expect(await values('scstadmin-ts ', real)).toEqual(expect.arrayContaining(['apply', 'show', 'simulate', 'modules', 'completion']));
    expect(await values('scstadmin-ts simulate lo', real)).toEqual(['log', 'login', 'logout']);
    expect(await values('scstadmin-ts al')).toEqual(['alua']);
    expect(await values('scstadmin-ts alua ')).toEqual(['state']);
  });

  it('flags not typed yet, with --no- forms and --help', async () => {
    const flags = await values('scstadmin-ts show --a', real);
    expect(flags).toEqual(['--attributes']);
    expect(await values('scstadmin-ts show --attributes --', real)).not.toContain('--attributes');
    expect(await values('scstadmin-ts show --', real)).toEqual(expect.arrayContaining(['--json', '--simulate', '--help']));
  });

  it('fixed values of arguments and flags (options)', async () => {
    expect(await values('scstadmin-ts alua state dg1 tg1 ')).toEqual(['active', 'nonoptimized', 'standby', 'unavailable', 'offline', 'transitioning']);
    expect(await values('scstadmin-ts migrate-iet --defaults ', real)).toEqual(['iet', 'scst']);
    expect(await values('scstadmin-ts migrate-iet --iet-version=', real)).toEqual(['--iet-version=1.4', '--iet-version=0.4']);
    expect(await values('scstadmin-ts completion ', real)).toEqual(['bash', 'zsh', 'fish']);
  });

  it('paths for file arguments and flags, directories for DIR flags', async () => {
    expect(await completeLine('scstadmin-ts load /etc/sc')).toEqual({ kind: 'files', prefix: '/etc/sc', insert: '' });
    expect(await completeLine('scstadmin-ts apply --simulate=lab', real)).toEqual({ kind: 'files', prefix: 'lab', insert: '--simulate=' });
    expect(await completeLine('scstadmin-ts apply --state-dir /v', real)).toEqual({ kind: 'dirs', prefix: '/v', insert: '' });
    expect(await completeLine('scstadmin-ts migrate-iet --allow ', real)).toMatchObject({ kind: 'files' });
  });

  it('after --, every word is an argument', async () => {
    expect(await values('scstadmin-ts add-lun -- ')).toHaveLength(2);
  });
});

describe('which tree', () => {
  it('--simulate (bare: the per-user default, SCST_SIMULATE_STATE) and --sysfs-root reach the opener', async () => {
    opened.length = 0;
    await values('scstadmin-ts add-lun --simulate=/x/host.json ');
    await values('scstadmin-ts add-lun --sysfs-root /copy ');
    expect(opened).toEqual([{ simulate: '/x/host.json' }, { 'sysfs-root': '/copy' }]);
  });

  it('commands and flags are completed without opening any tree', async () => {
    opened.length = 0;
    await values('scstadmin-ts show --');
    await values('scstadmin-ts ');
    expect(opened).toEqual([]);
  });
});

describe('shell glue', () => {
  it('splits the line as the shell does, the last word being the one completed', () => {
    expect(splitLine('scstadmin-ts add-lun "a b" c\\ d ')).toEqual(['scstadmin-ts', 'add-lun', 'a b', 'c d', '']);
    expect(splitLine("sudo scstadmin-ts show 'x")).toEqual(['sudo', 'scstadmin-ts', 'show', 'x']);
    expect(wordsAfterProgram(['sudo', '/usr/bin/scstadmin-ts', 'show', ''])).toEqual(['show', '']);
  });

  it('bash gets back only the part after its last word break (an IQN\'s colon, a flag\'s =)', () => {
    expect(trimToWordBreak(LAB, 'iqn.2024-01.com.example:l', ':=')).toBe('lab');
    expect(render({ kind: 'words', candidates: [{ value: '--simulate=a.json' }] }, 'bash', '--simulate=a', ':=').text).toBe('a.json');
    expect(render({ kind: 'files', prefix: 'a', insert: '--simulate=' }, 'bash', '--simulate=a', ':=')).toEqual({ text: 'a', code: 10 });
  });

  it('zsh and fish get a description after a tab', () => {
    expect(render({ kind: 'words', candidates: [{ value: 'show', description: 'Show it.\nMore.' }] }, 'fish', '', '').text).toBe('show\tShow it.');
  });
});
