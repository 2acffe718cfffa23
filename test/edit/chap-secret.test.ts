/** Where a CHAP secret comes from and iSCSI-SCST's rules for it, without a terminal. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { chapProblems, generateSecret, obtainSecret, secretSourceOf, SECRET_INPUT_LIMIT, type SecretIo } from '../../src/edit/chap-secret.js';

const scratch = mkdtempSync(join(tmpdir(), 'chap-secret-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function io(stdin = '', typed: string[] = []): SecretIo & { prompts: number } {
  const answers = [...typed];
  const result = {
    prompts: 0,
    readStdin: async () => stdin,
    promptTwice: async (_user: string, check: (s: string) => string | undefined) => {
      result.prompts++;
      const first = answers.shift() ?? '';
      const problem = check(first);
      if (problem) throw new Error(`prompt refused: ${problem}`);
      return first;
    },
  };
  return result;
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('the source of a secret', () => {
  it('takes exactly one explicit source; otherwise stdin when piped, the prompt on a terminal', () => {
    expect(secretSourceOf({ 'secret-file': '/x' }, true)).toEqual({ kind: 'file', path: '/x' });
    expect(secretSourceOf({ generate: true }, false)).toEqual({ kind: 'generate' });
    expect(secretSourceOf({}, false)).toEqual({ kind: 'stdin' });
    expect(secretSourceOf({}, true)).toEqual({ kind: 'prompt' });
    expect(() => secretSourceOf({ secret: 'a', generate: true }, true)).toThrow(/give the secret one way/);
  });

  it('reads the first line of a file and of standard input', async () => {
    const file = join(scratch, 'secret');
    writeFileSync(file, 'from-a-file-0001\r\nsecond line\n');
    expect((await obtainSecret('alice', { kind: 'file', path: file }, io())).secret).toBe('from-a-file-0001');
    expect((await obtainSecret('alice', { kind: 'stdin' }, io('piped-secret-01\n'))).secret).toBe('piped-secret-01');
  });

  it('warns that --secret lands in the shell history and ps', async () => {
    const got = await obtainSecret('alice', { kind: 'value', value: 'typed-secret-01' }, io());
    expect(got.warnings.join('\n')).toMatch(/shell history.*\(ps\)/);
    expect(got.generated).toBe(false);
  });

  it('generates 16 characters, different each time', async () => {
    const a = await obtainSecret('alice', { kind: 'generate' }, io());
    const b = generateSecret();
    expect(a.generated).toBe(true);
    expect(a.secret).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(a.warnings).toEqual([]);
    expect(b).not.toBe(a.secret);
  });

  it('prompts and checks the typed secret against the rules', async () => {
    const terminal = io('', ['prompted-secret1']);
    expect((await obtainSecret('alice', { kind: 'prompt' }, terminal)).secret).toBe('prompted-secret1');
    expect(terminal.prompts).toBe(1);
    await expect(obtainSecret('alice', { kind: 'prompt' }, io('', ['short']))).rejects.toThrow(/at least 12/);
  });

  it('refuses a missing file, a directory, an empty first line and a huge input, naming where', async () => {
    expect((await refusal(obtainSecret('alice', { kind: 'file', path: join(scratch, 'none') }, io()))).message).toMatch(/no such secret file/);
    const dir = join(scratch, 'dir');
    mkdirSync(dir);
    const isDir = await refusal(obtainSecret('alice', { kind: 'file', path: dir }, io()));
    expect(isDir.message).toMatch(/directory/);
    expect(isDir.exitCode).toBe(2);
    expect((await refusal(obtainSecret('alice', { kind: 'stdin' }, io('\nlater\n')))).message).toMatch(/no secret on the first line of standard input/);
    const big = join(scratch, 'big');
    writeFileSync(big, 'x'.repeat(SECRET_INPUT_LIMIT + 1));
    expect((await refusal(obtainSecret('alice', { kind: 'file', path: big }, io()))).message).toMatch(/larger than/);
    if (process.getuid?.() !== 0) {
      const locked = join(scratch, 'locked');
      writeFileSync(locked, 'locked-secret-01\n');
      chmodSync(locked, 0);
      expect((await refusal(obtainSecret('alice', { kind: 'file', path: locked }, io()))).message).toMatch(/permission denied/);
    }
  });
});

describe("iSCSI-SCST's rules", () => {
  it('needs 12 to 255 characters, warns above 16, and never quotes the secret', async () => {
    const short = await refusal(obtainSecret('alice', { kind: 'value', value: 'elevenchars' }, io()));
    expect(short.message).toMatch(/11 characters; iSCSI-SCST needs at least 12/);
    expect(short.object).toBe('CHAP user alice');
    expect(short.message).not.toContain('elevenchars');
    const long = 'L'.repeat(256);
    const tooLong = await refusal(obtainSecret('alice', { kind: 'value', value: long }, io()));
    expect(tooLong.message).toMatch(/256 characters; iSCSI-SCST uses at most 255/);
    expect(tooLong.message).not.toContain(long);
    expect((await obtainSecret('alice', { kind: 'value', value: 'x'.repeat(255) }, io())).warnings.join()).toMatch(/at most 16/);
    expect(chapProblems('alice', 'exactly12chr')).toEqual([]);
  });

  it('refuses blanks, control characters and the characters scst.conf cannot carry', () => {
    for (const secret of ['has blank-0001', 'tab\there-00001', 'quote"here-0001', 'brace{here-0001', 'semi;colon-0001']) {
      const problems = chapProblems('alice', secret);
      expect(problems[0]?.severity, secret).toBe('error');
      expect(problems[0]!.message).not.toContain(secret);
    }
    expect(chapProblems('a'.repeat(256), 'good-secret-001')[0]?.message).toMatch(/user name is 256 bytes/);
  });
});
