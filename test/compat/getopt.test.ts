import { describe, expect, it } from 'vitest';
import { parseOptions, type OptionSpec } from '../../src/compat/getopt.js';
import { readArgs, splitAttributes } from '../../src/compat/args.js';

const SPECS: OptionSpec[] = [
  { name: 'config', kind: 'optional' },
  { name: 'clear_config', kind: 'flag' },
  { name: 'write_config', kind: 'required' },
  { name: 'target', kind: 'required' },
  { name: 'tgt_group', kind: 'required' },
  { name: 'force', kind: 'flag' },
  { name: 'h', kind: 'flag' },
  { name: 'help', kind: 'flag' },
];

describe('Getopt::Long rules', () => {
  it('takes one or two dashes and ignores case', () => {
    const parsed = parseOptions(['-FORCE', '--Target', 't1'], SPECS);
    expect(parsed.errors).toEqual([]);
    expect(parsed.values.get('force')).toBe(true);
    expect(parsed.values.get('target')).toBe('t1');
  });

  it('accepts a unique prefix, prefers an exact name, and names every candidate of an ambiguous one', () => {
    expect(parseOptions(['-for'], SPECS).values.get('force')).toBe(true);
    expect(parseOptions(['-h'], SPECS).values.get('h')).toBe(true);
    expect(parseOptions(['-he'], SPECS).values.get('help')).toBe(true);
    expect(parseOptions(['-t', 'x'], SPECS).errors).toEqual(['Option t is ambiguous (target, tgt_group)']);
    expect(parseOptions(['-c'], SPECS).errors).toEqual(['Option c is ambiguous (clear_config, config)']);
  });

  it('reports an unknown option and carries on with the rest', () => {
    const parsed = parseOptions(['-nosuch', '-force'], SPECS);
    expect(parsed.errors).toEqual(['Unknown option: nosuch']);
    expect(parsed.values.get('force')).toBe(true);
  });

  it('takes --name=value inline, and refuses a value for a flag', () => {
    expect(parseOptions(['--target=a=b'], SPECS).values.get('target')).toBe('a=b');
    expect(parseOptions(['-force=1'], SPECS).errors).toEqual(['Option force does not take an argument']);
    expect(parseOptions(['-write_config='], SPECS).errors).toEqual(['Option write_config requires an argument']);
    expect(parseOptions(['-config='], SPECS).values.get('config')).toBe('');
  });

  it('lets a mandatory value swallow a following -word, and an optional one not', () => {
    expect(parseOptions(['-target', '-force'], SPECS).values.get('target')).toBe('-force');
    expect(parseOptions(['-target', '-force'], SPECS).values.has('force')).toBe(false);
    const optional = parseOptions(['-config', '-force'], SPECS);
    expect(optional.values.get('config')).toBe('');
    expect(optional.values.get('force')).toBe(true);
    expect(parseOptions(['-config', 'my.conf'], SPECS).values.get('config')).toBe('my.conf');
    expect(parseOptions(['-config', '-'], SPECS).values.get('config')).toBe('-');
    expect(parseOptions(['-config', '--'], SPECS).values.get('config')).toBe('');
  });

  it('complains about a mandatory value at the end of the line', () => {
    expect(parseOptions(['-write_config'], SPECS).errors).toEqual(['Option write_config requires an argument']);
  });

  it('leaves other words over and stops at --', () => {
    const parsed = parseOptions(['word', '-force', '--', '-target'], SPECS);
    expect(parsed.rest).toEqual(['word', '-target']);
    expect(parsed.values.has('target')).toBe(false);
  });
});

describe('scstadmin argument checks', () => {
  it('splits -attributes at commas and the first =, a bare name meaning 1', () => {
    expect([...splitAttributes('filename=/x=y,nv_cache=1,read_only')]).toEqual([['filename', '/x=y'], ['nv_cache', '1'], ['read_only', '1']]);
  });

  it('counts all queries as one operation, but two operations as two', () => {
    expect(readArgs(['-list_device', '-list_handler']).kind).toBe('ok');
    expect(readArgs(['-list_device', '-open_dev', 'd', '-handler', 'h'])).toEqual({ kind: 'error', stream: 'stdout', lines: ['Please specify only one non-query operation at a time.'] });
  });

  it('defaults -config and -check_config to /etc/scst.conf', () => {
    const result = readArgs(['-check_config']);
    expect(result.kind === 'ok' && result.args.values.get('check_config')).toBe('/etc/scst.conf');
  });
});
