/**
 * The kernel and iscsi-scstd accept any word as an iSCSI target name; initiators do not
 * (RFC 3720/3721 name forms). plan and apply say so for every target they would create.
 */
import { describe, expect, it } from 'vitest';
import { iscsiNameProblem } from '../../src/model/validate.js';
import { planJson, renderPlan } from '../../src/plan/index.js';
import { exampleHost, planFile } from './fixtures.js';

const target = (name: string) => `TARGET_DRIVER iscsi {\n\tTARGET ${name} {\n\t}\n}\n`;

describe('iSCSI target names in a plan', () => {
  it('warns about a target name that is not an IQN, EUI or NAA name, and still plans it', async () => {
    const host = exampleHost();
    const plan = await planFile(host, target('Not_An_IQN'));
    expect(plan.ops.some((op) => op.summary === 'create target Not_An_IQN')).toBe(true);
    expect(plan.warnings).toEqual([{ object: 'target iscsi/Not_An_IQN', message: expect.stringMatching(/^not an iqn\., eui\. or naa\. name/) }]);
    expect(renderPlan(plan)).toContain('warning: target iscsi/Not_An_IQN: not an iqn., eui. or naa. name; initiators (RFC 3720) will not log in to it');
    expect(planJson(plan).warnings).toHaveLength(1);
  });

  it('says nothing about valid names', async () => {
    for (const name of ['iqn.2024-01.com.example:store', 'eui.0123456789ABCDEF', 'naa.6001405abcdef0123456789abcdef012']) {
      const plan = await planFile(exampleHost(), target(name));
      expect(plan.warnings, name).toBeUndefined();
    }
  });

  it('checks the RFC forms: date, reversed domain, hex lengths, the 223-byte limit', () => {
    expect(iscsiNameProblem('iqn.2024-13.com.example:x')).toMatch(/not a valid IQN/);
    expect(iscsiNameProblem('iqn.24-01.com.example')).toMatch(/not a valid IQN/);
    expect(iscsiNameProblem('iqn.2024-01.com.example')).toBeUndefined();
    expect(iscsiNameProblem('eui.0123')).toMatch(/EUI-64/);
    expect(iscsiNameProblem('naa.0123456789abcdef0')).toMatch(/NAA/);
    expect(iscsiNameProblem(`iqn.2024-01.com.example:${'a'.repeat(200)}`)).toMatch(/at most 223$/);
  });
});
