import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { maskValue } from '../../src/emulator/replay/compare.js';
import { applyShellStep, type HostContext } from '../../src/emulator/replay/host-steps.js';
import type { Recording } from '../../src/emulator/replay/recording.js';
import { replayRecording } from '../../src/emulator/replay/replay.js';
import { outcome } from './helpers.js';

function context(): HostContext {
  return { emulator: new Emulator({ useRealFileSystem: false }), sessions: new Map() };
}

describe('shell steps on the emulated host', () => {
  it('truncate, mkdir and ls -l /dev/ram* create backing stores of the right kind and size', async () => {
    const ctx = context();
    applyShellStep(ctx, 'truncate -s 64M /tmp/a.img && truncate -s 8M /tmp/b.iso && mkdir -p /tmp/adir', '');
    applyShellStep(ctx, 'ls -l /dev/ram0 /dev/ram1 && blockdev --getsize64 /dev/ram0',
      'brw------- 1 root root 1, 0 Nov 24 16:02 /dev/ram0\nbrw------- 1 root root 1, 1 Nov 24 16:02 /dev/ram1\n134217728\n');
    const e = ctx.emulator;
    await e.write('handlers/vdisk_fileio/mgmt', 'add_device a filename=/tmp/a.img\n');
    expect(await e.read('devices/a/size')).toBe('67108864\n[key]\n');
    expect(await outcome(e.write('handlers/vdisk_fileio/mgmt', 'add_device d filename=/tmp/adir\n'))).toBe('EINVAL');
    await e.write('handlers/vdisk_blockio/mgmt', 'add_device r filename=/dev/ram1\n');
    expect(await e.read('devices/r/size')).toBe('134217728\n[key]\n');
  });

  it('mv of the PR directory, iscsi-scstd kill/STOP/CONT and iscsiadm login/logout', async () => {
    const ctx = context();
    applyShellStep(ctx, 'mv /var/lib/scst/pr /var/lib/scst/pr.hidden && ls -ld /var/lib/scst/pr 2>&1', '');
    expect(await outcome(ctx.emulator.write('handlers/vdisk_nullio/mgmt', 'add_device n\n'))).toBe('ENOENT');
    applyShellStep(ctx, 'mv /var/lib/scst/pr.hidden /var/lib/scst/pr && ls -ld /var/lib/scst/pr', '');
    expect(await outcome(ctx.emulator.write('handlers/vdisk_nullio/mgmt', 'add_device n\n'))).toBe('ok');

    await ctx.emulator.write('targets/iscsi/mgmt', 'add_target iqn.2024-01.t:x\n');
    await ctx.emulator.write('targets/iscsi/iqn.2024-01.t:x/enabled', '1\n');
    await ctx.emulator.write('targets/iscsi/enabled', '1\n');
    applyShellStep(ctx, "cat /etc/iscsi/initiatorname.iscsi | grep -v '^#'", 'InitiatorName=iqn.1993-08.org.debian:01:abc\n');
    applyShellStep(ctx, 'iscsiadm -m node -T iqn.2024-01.t:x -p 127.0.0.1:3260 --login', '');
    expect(ctx.sessions.get('iqn.2024-01.t:x')).toBe('iqn.1993-08.org.debian:01:abc');
    applyShellStep(ctx, 'iscsiadm -m node -T iqn.2024-01.t:x -p 127.0.0.1:3260 --logout', '');
    expect(ctx.sessions.size).toBe(0);
    applyShellStep(ctx, 'kill -STOP $(pidof iscsi-scstd) && echo stopped', 'stopped\n');
    expect(ctx.emulator.toState().host.iscsiDaemon).toBe('stopped');
    applyShellStep(ctx, 'kill $(pidof iscsi-scstd); sleep 2; pidof iscsi-scstd || echo "iscsi-scstd gone"', '');
    expect(ctx.emulator.toState().host.iscsiDaemon).toBe('absent');
  });
});

describe('step comparison', () => {
  it('masks only run-dependent values', () => {
    expect(maskValue('targets/iscsi/t/sessions/s/sid', '10100003d0200\n')).not.toBe('10100003d0200\n');
    expect(maskValue('targets/iscsi/t/sessions/s/lun0/thread_pid', '1 2\n')).not.toBe('1 2\n');
    expect(maskValue('devices/d1/size', '512\n')).toBe('512\n');
    expect(maskValue('targets/iscsi/t/luns/0/read_only', '0\n')).toBe('0\n');
  });

  it('reports a step whose recorded outcome differs, and counts the rest', async () => {
    const recording: Recording = {
      name: 'synthetic.jsonl',
      steps: [
        { op: 'note', text: 'synthetic' },
        { op: 'write', path: 'handlers/vdisk_nullio/mgmt', data: 'add_device n1\n', errno: null },
        { op: 'read', path: 'devices/n1/blocksize', data: '512\n', errno: null },
        { op: 'write', path: 'devices/n1/blocksize', data: '4096\n', errno: 'EACCES', at: 'open' },
        { op: 'read', path: 'devices/n1/size', data: '1\n', errno: null },
        { op: 'list', path: 'devices/n1/exported', entries: [{ name: 'export0', type: 'link', target: 'wrong' }] },
      ],
    };
    const result = await replayRecording(recording);
    expect(result.compared).toBe(5);
    expect(result.matched).toBe(3);
    expect(result.mismatches.map((m) => m.index)).toEqual([5, 6]);
  });
});
