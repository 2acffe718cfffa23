/**
 * Saving a change parses only what the change can touch (conf/scoped.ts). Property: for every
 * kind of change and for files that differ from the host (comments, other indentation, a LUN
 * body, objects only the file has), the scoped save writes exactly what a save through the whole
 * file's parse writes — or asks for the whole file. And the quick pass gives up on every form it
 * does not read, leaving the exact diagnosis to the full parser.
 */
import { describe, expect, it } from 'vitest';
import { NeedsWholeFile, parseConf, parseConfScoped, serializeConf, updateConf } from '../../src/conf/index.js';
import { statHostPath } from '../../src/conf/check.js';
import { backingFileStat } from '../../src/conf/workflows.js';
import { Emulator } from '../../src/emulator/emulator.js';
import {
  addChapUser, addDevice, addDeviceGroup, addGroup, addGroupMember, addInitiator, addLun, addTarget, adoptMissing, clearLuns, enableTarget,
  mergeConfig, moveInitiator, readScope, replaceLun, rmDevice, rmGroup, rmGroupMember, rmInitiator, rmLun, rmTarget, setAluaState, setDevice, type Change,
} from '../../src/edit/index.js';
import { interestOf } from '../../src/edit/save.js';
import type { ScstConfig } from '../../src/model/types.js';
import { applyConfig } from '../../src/plan/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'scoped-save-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const T1 = 'iqn.2031-04.test.scoped:t1';
const T2 = 'iqn.2031-04.test.scoped:t2';
const HOST = `HANDLER vdisk_nullio {
${[0, 1, 2, 3, 4, 5, 6].map((i) => `\tDEVICE d${i} {\n\t\tsize_mb 8\n\t}`).join('\n')}
}

TARGET_DRIVER iscsi {
\tenabled 1

\tTARGET ${T1} {
\t\tenabled 1
\t\tLUN 0 d0
\t\tLUN 1 d1
\t\tLUN 2 d2
\t\tGROUP hosts {
\t\t\tLUN 0 d3
\t\t\tINITIATOR iqn.2031-01.test.client:a*
\t\t}
\t\tGROUP lab {
\t\t\tLUN 5 d0
\t\t\tINITIATOR iqn.2031-01.test.client:lab1
\t\t}
\t}

\tTARGET ${T2} {
\t\tLUN 0 d4
\t\tLUN 1 d0
\t}
}

DEVICE_GROUP dg1 {
\tDEVICE d0
\tDEVICE d1
\tTARGET_GROUP tg1 {
\t\tgroup_id 1
\t\tstate active
\t\tTARGET ${T1}
\t}
}
`;

/** Files that say the same as the host, or more, in other layouts. */
const FILES: Record<string, string> = {
  'as the host': HOST,
  'with comments and four-space indentation': `# the lab\n${HOST.replace(/\t/g, '    ').replace(/(\n {4}DEVICE d3 \{)/, '\n    # the scratch disk$1').replace(/(LUN 1 d1)/, '$1 # second')}`,
  'with a LUN body': HOST.replace('\t\tLUN 2 d2\n', '\t\tLUN 2 d2 {\n\t\t\tread_only 0\n\t\t}\n'),
  'with objects only the file has': HOST.replace('\tTARGET iqn.2031-04.test.scoped:t2 {', `\tTARGET iqn.2031-04.test.scoped:t3 {\n\t\tLUN 0 d0\n\t\tLUN 1 d6\n\t\tGROUP g {\n\t\t\tLUN 3 d0\n\t\t}\n\t}\n\n\tTARGET iqn.2031-04.test.scoped:t2 {`),
  'in the serializer\'s own layout': '',
};

const CHANGES: Array<[string, () => Change]> = [
  ['add-lun (lowest free)', () => addLun({ driver: 'iscsi', target: T1, device: 'd5' })],
  ['add-lun --lun', () => addLun({ driver: 'iscsi', target: T1, device: 'd5', lun: 9 })],
  ['add-lun --group', () => addLun({ driver: 'iscsi', target: T1, device: 'd5', group: 'hosts' })],
  ['rm-lun', () => rmLun({ driver: 'iscsi', target: T1, lun: 1 })],
  ['rm-lun in a group', () => rmLun({ driver: 'iscsi', target: T1, lun: 0, group: 'hosts' })],
  ['replace-lun', () => replaceLun({ driver: 'iscsi', target: T1, lun: 2, device: 'd5' })],
  ['clear-luns', () => clearLuns({ driver: 'iscsi', target: T2 })],
  ['add-device', () => addDevice({ name: 'fresh', handler: 'vdisk_nullio', attributes: { size_mb: '8' } })],
  ['rm-device --force (LUNs, group LUNs, device group)', () => rmDevice({ name: 'd0' })],
  ['set-device', () => setDevice({ name: 'd1', attributes: { prod_id: 'LAB' } })],
  ['add-target', () => addTarget({ driver: 'iscsi', target: 'iqn.2031-04.test.scoped:t9', attributes: {} })],
  ['rm-target', () => rmTarget({ driver: 'iscsi', target: T2 })],
  ['enable-target', () => enableTarget({ driver: 'iscsi', target: T2, enabled: true })],
  ['add-group', () => addGroup({ driver: 'iscsi', target: T1, group: 'g9' })],
  ['rm-group', () => rmGroup({ driver: 'iscsi', target: T1, group: 'lab' })],
  ['add-initiator', () => addInitiator({ driver: 'iscsi', target: T1, group: 'hosts', initiator: 'iqn.2031-01.test.client:b1' })],
  ['rm-initiator', () => rmInitiator({ driver: 'iscsi', target: T1, group: 'lab', initiator: 'iqn.2031-01.test.client:lab1' })],
  ['move-initiator', () => moveInitiator({ driver: 'iscsi', target: T1, group: 'lab', initiator: 'iqn.2031-01.test.client:lab1', to: 'hosts' })],
  ['add-chap-user', () => addChapUser({ driver: 'iscsi', target: T1, direction: 'incoming', user: 'joe', secret: 'secret-of-joe-1' })],
  ['add-device-group', () => addDeviceGroup({ deviceGroup: 'dg9' })],
  ['add-group-member', () => addGroupMember({ deviceGroup: 'dg1', member: 'd2' })],
  ['rm-group-member', () => rmGroupMember({ deviceGroup: 'dg1', member: 'd1' })],
  ['set-alua-state', () => setAluaState({ deviceGroup: 'dg1', targetGroup: 'tg1', state: 'standby' })],
];

async function host(): Promise<Emulator> {
  const emulator = new Emulator({ modules: ['scst', 'scst_vdisk', 'iscsi_scst'], useRealFileSystem: false });
  const dir = mkdtempSync(join(scratch, 'host-'));
  await applyConfig(emulator, parseConf(HOST, 'host.conf').config, { lockFile: join(dir, 'lock'), stateDir: join(dir, 'state') });
  return emulator;
}

/** What the engine hands the save: the live part the change read, and the prepared change. */
async function decide(emulator: Emulator, change: Change) {
  const live = await readScope(emulator, change.scope);
  const read = async (scope: Change['scope']) => mergeConfig(live, await readScope(emulator, scope));
  const prepared = await change.prepare(live, { sysfs: emulator, read, force: true, statPath: backingFileStat(emulator) ?? statHostPath });
  return { live, prepared };
}

function saved(parsed: ReturnType<typeof parseConf>, live: ScstConfig, apply: (model: ScstConfig) => boolean): string {
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  adoptMissing(parsed.config, live);
  apply(parsed.config);
  return updateConf(parsed.document, parsed.config);
}

describe('the scoped save', async () => {
  const emulator = await host();
  FILES["in the serializer's own layout"] = serializeConf(parseConf(HOST, 'host.conf').config);
  for (const [fileName, text] of Object.entries(FILES)) {
    it(`writes what the whole-file save writes: file ${fileName}`, async () => {
      let scopedCount = 0;
      const wholeNeeded: string[] = [];
      for (const [changeName, make] of CHANGES) {
        const change = make();
        const { live, prepared } = await decide(emulator, change);
        const whole = saved(parseConf(text, 'scst.conf'), live, prepared.apply);
        const part = parseConfScoped(text, 'scst.conf', interestOf(change.scope, live, prepared));
        expect(part, `${changeName}: the quick pass reads this file`).toBeDefined();
        let result: string;
        try {
          result = saved(part!, live, prepared.apply);
          scopedCount += 1;
        } catch (error) {
          if (!(error instanceof NeedsWholeFile)) throw error;
          wholeNeeded.push(changeName);
          continue;
        }
        expect(result, changeName).toBe(whole);
      }
      // A few changes rewrite a block whole (a group, a device group): the rest never need the whole file.
      expect(scopedCount, `needed the whole file: ${wholeNeeded.join(', ')}`).toBeGreaterThanOrEqual(CHANGES.length - 6);
    });
  }

  it('leaves out the objects a change does not touch', async () => {
    const change = addLun({ driver: 'iscsi', target: T2, device: 'd5' });
    const { live, prepared } = await decide(emulator, change);
    const part = parseConfScoped(HOST, 'scst.conf', interestOf(change.scope, live, prepared))!;
    // d0 only by its header: the first block of a section gives new lines their indentation.
    expect(Object.keys(part.config.handlers.vdisk_nullio!.devices)).toEqual(['d0', 'd5']);
    expect(part.config.handlers.vdisk_nullio!.devices.d0!.attributes).toEqual({});
    expect(Object.keys(part.config.drivers.iscsi!.targets)).toEqual([T1, T2]);
    expect(part.config.drivers.iscsi!.targets[T1]!.luns).toEqual({});
    expect(part.document.hidden?.some(Boolean)).toBe(true);
  });
});

describe('the quick pass gives up on what it does not read', () => {
  const interest = { devices: new Set(['d0']), targets: new Map() };
  const cases: Record<string, string> = {
    'a quoted value': 'HANDLER vdisk_fileio {\n\tDEVICE d0 {\n\t\tfilename "/srv/a b.img"\n\t}\n}\n',
    'an escape': 'HANDLER vdisk_fileio {\n\tDEVICE d0 {\n\t\tfilename /srv/a\\#b.img\n\t}\n}\n',
    'a brace inside a line': 'HANDLER vdisk_nullio {\n\tDEVICE d0 { size_mb 8 }\n}\n',
    'a closing brace after a statement': 'HANDLER vdisk_nullio {\n\tDEVICE d0 {\n\t\tsize_mb 8 }\n}\n',
    'a comment that eats a character': 'HANDLER vdisk_nullio {\n\tDEVICE d9 {\n\t\tsize_mb 8# eaten\n\t}\n}\n',
    'four words': 'HANDLER vdisk_nullio {\n\tDEVICE d9 {\n\t\tsize_mb 8 9 10\n\t}\n}\n',
    'a misplaced keyword': 'HANDLER vdisk_nullio {\n\tTARGET x {\n\t}\n}\n',
    'an unknown section': 'HANDLER vdisk_nullio {\n\tDEVIZE d9 {\n\t}\n}\n',
    'an unclosed section': 'HANDLER vdisk_nullio {\n\tDEVICE d9 {\n\t\tsize_mb 8\n}\n',
    'a stray brace': 'HANDLER vdisk_nullio {\n}\n}\n',
    'a LUN number with a leading zero': 'TARGET_DRIVER iscsi {\n\tTARGET t {\n\t\tLUN 01 d9\n\t}\n}\n',
    'carriage returns': 'HANDLER vdisk_nullio {\r\n}\r\n',
    'a template in a comment': '# {{ devices }}\nHANDLER vdisk_nullio {\n}\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => {
      expect(parseConfScoped(text, 'scst.conf', interest)).toBeUndefined();
    });
  }

  it('but reads comments with quotes, brackets or escapes in them', () => {
    const text = '# "old" [HANDLER x] \\ <b>\nHANDLER vdisk_nullio {\n\t# see "d9"\n\tDEVICE d9 {\n\t\tsize_mb 8 # eight\n\t}\n}\n';
    const part = parseConfScoped(text, 'scst.conf', { devices: new Set(['d9']), targets: new Map() });
    expect(part?.config.handlers.vdisk_nullio?.devices.d9?.attributes).toEqual({ size_mb: ['8'] });
    expect(part?.diagnostics).toEqual([]);
  });

  it('reports the errors of the lines it keeps at their own line numbers', () => {
    const text = 'HANDLER vdisk_nullio {\n\tDEVICE d0 {\n\t\tsize_mb 8\n\t}\n\tDEVICE d;1 {\n\t\tsize_mb 8\n\t}\n}\n';
    const part = parseConfScoped(text, 'scst.conf', { devices: new Set(['d;1']), targets: new Map() });
    expect(part?.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.line, d.code])).toEqual([[5, 'CONF_NAME']]);
  });
});
