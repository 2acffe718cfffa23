/**
 * A --simulate path that exists but is not a regular file (a device, a pipe, a socket, a
 * directory) is never loaded (a FIFO would block the read) and never replaced (the atomic save
 * renames over whatever is there, /dev/null included), even with --force.
 */
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, type Stats } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createSimulation, openSimulation } from '../../src/emulator/simulation.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'run.js');
const isRoot = process.getuid?.() === 0;

let scratch: string;
let socketServer: Server;
const paths = { fifo: '', directory: '', socket: '', device: '' };

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'simulate-special-'));
  paths.fifo = join(scratch, 'state.fifo');
  execFileSync('mkfifo', [paths.fifo]);
  paths.directory = join(scratch, 'state.dir');
  mkdirSync(paths.directory);
  paths.socket = join(scratch, 'state.sock');
  socketServer = createServer();
  await new Promise<void>((done) => socketServer.listen(paths.socket, done));
  // A character device with /dev/null's numbers, made here so the real one is never at risk.
  paths.device = join(scratch, 'state.null');
  if (isRoot) execFileSync('mknod', [paths.device, 'c', '1', '3']);
});
afterAll(async () => {
  await new Promise((done) => socketServer.close(done));
  rmSync(scratch, { recursive: true, force: true });
});

const kinds = [
  { name: 'a FIFO', key: 'fifo', kind: 'a pipe', is: (st: Stats) => st.isFIFO() },
  { name: 'a directory', key: 'directory', kind: 'a directory', is: (st: Stats) => st.isDirectory() },
  { name: 'a socket', key: 'socket', kind: 'a socket', is: (st: Stats) => st.isSocket() },
] as const;

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('a state path that is not a regular file', () => {
  for (const { name, key, kind, is } of kinds) {
    it(`${name} is refused for create --force and for loading, and left as it was`, async () => {
      const path = paths[key];
      const created = await refusal(createSimulation(path, {}, true));
      expect([created.object, created.message, created.exitCode]).toEqual([path, `is ${kind}, not a simulation state file`, 2]);
      const opened = await refusal(openSimulation(path));
      expect([opened.object, opened.message, opened.exitCode]).toEqual([path, `is ${kind}, not a simulation state file`, 2]);
      expect(is(statSync(path))).toBe(true);
      expect(readdirSync(scratch).sort()).toEqual(['state.dir', 'state.fifo', 'state.sock', ...(isRoot ? ['state.null'] : [])].sort());
    });
  }

  it.skipIf(!isRoot)('a character device (made with mknod, needs root: skipped otherwise) is refused and left a device', async () => {
    const created = await refusal(createSimulation(paths.device, {}, true));
    expect([created.object, created.message, created.exitCode]).toEqual([paths.device, 'is a character device, not a simulation state file', 2]);
    await refusal(openSimulation(paths.device));
    expect(statSync(paths.device).isCharacterDevice()).toBe(true);
  });
});

describe('through the built binary', () => {
  const cli = (args: string[]) => execa('node', [BIN, ...args], { reject: false, env: { NO_COLOR: '1' }, timeout: 20_000 });

  it('simulate create --force on a FIFO exits 2 with one line naming it; status does not block on it', async () => {
    const create = await cli(['simulate', 'create', '--force', `--simulate=${paths.fifo}`]);
    expect([create.exitCode, create.stdout, create.stderr]).toEqual([2, '', `scstadmin-ts: ${paths.fifo}: is a pipe, not a simulation state file`]);
    const status = await cli(['simulate', 'status', `--simulate=${paths.fifo}`]);
    expect([status.exitCode, status.stderr]).toEqual([2, `scstadmin-ts: ${paths.fifo}: is a pipe, not a simulation state file`]);
    expect(statSync(paths.fifo).isFIFO()).toBe(true);
  });
});
