import { describe, expect, it } from 'vitest';
import { conflictingTreeFlags, defaultSimulationPath, expandSimulateFlag, hasFlag } from '../../src/cli/argv.js';

const env = { HOME: '/home/admin', XDG_STATE_HOME: '/state' } as NodeJS.ProcessEnv;

describe('--simulate with an optional value', () => {
  it('a bare --simulate means the per-user default state file', () => {
    expect(expandSimulateFlag(['show', '--simulate'], env)).toEqual(['show', '--simulate=/state/scstadmin-ts/simulate.json']);
  });

  it('SCST_SIMULATE_STATE names the default file', () => {
    expect(defaultSimulationPath({ SCST_SIMULATE_STATE: '/tmp/lab.json' } as NodeJS.ProcessEnv)).toBe('/tmp/lab.json');
  });

  it('--simulate=FILE is kept as it is', () => {
    expect(expandSimulateFlag(['--simulate=/tmp/a.json', 'show'], env)).toEqual(['--simulate=/tmp/a.json', 'show']);
  });

  it('a following word ending in .json is the state file', () => {
    expect(expandSimulateFlag(['show', '--simulate', 'lab.json', 'devices'], env)).toEqual(['show', '--simulate=lab.json', 'devices']);
  });

  it('a following command argument is not taken as the state file', () => {
    expect(expandSimulateFlag(['show', '--simulate', 'targets/iscsi'], env)).toEqual([
      'show',
      '--simulate=/state/scstadmin-ts/simulate.json',
      'targets/iscsi',
    ]);
  });

  it('words after -- are left alone', () => {
    expect(expandSimulateFlag(['x', '--', '--simulate'], env)).toEqual(['x', '--', '--simulate']);
  });
});

describe('--simulate and --sysfs-root typed together', () => {
  it('conflict in any form', () => {
    expect(conflictingTreeFlags(['show', '--simulate=/tmp/a.json', '--sysfs-root', '/tmp/tree'])).toBe(true);
    expect(conflictingTreeFlags(['--sysfs-root=/tmp/tree', 'show', '--simulate=/tmp/a.json'])).toBe(true);
  });

  it('one of them alone does not (SCST_SYSFS_ROOT is not in argv)', () => {
    expect(conflictingTreeFlags(['show', '--simulate=/tmp/a.json'])).toBe(false);
    expect(conflictingTreeFlags(['show', '--sysfs-root=/tmp/tree'])).toBe(false);
  });

  it('words after -- are arguments, not flags', () => {
    expect(conflictingTreeFlags(['show', '--simulate=/tmp/a.json', '--', '--sysfs-root'])).toBe(false);
    expect(hasFlag(['--sysfs-rootx'], 'sysfs-root')).toBe(false);
  });
});
