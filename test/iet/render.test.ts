// The terminal report: findings grouped by severity, and within it in file and line order.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/iet/render.js';
import { run } from './helpers.js';

describe('terminal report', () => {
  it('lists warnings in file and line order, whatever order the converter met them in', () => {
    // The parser reports the iSNS lines (8, 9) before the converter meets lines 3-7.
    const r = run({ ietd: 'OutgoingUser o1 secretsecret12\nIncomingUser disco secretsecret12\nOutgoingUser o2 secretsecret13\nTarget iqn.2001-04.com.example:t1\nLun 0 Path=/srv/a,ScsiSN=S1\nMaxConnections 4\nQueuedCommands 512\niSNSServer 10.0.0.1\niSNSServer 10.0.0.2\n' });
    const warnings = renderReport(r.report, []).filter((l) => l.startsWith('warning'));
    expect(warnings.map((l) => l.split(/\s+/).slice(1, 3).join(' '))).toEqual([
      'ietd.conf:3 IET_OUTGOING_REPEATED',
      'ietd.conf:5 IET_IDENTITY_CHANGES',
      'ietd.conf:6 IET_MCS_UNSUPPORTED',
      'ietd.conf:7 IET_VALUE_CLAMPED',
      'ietd.conf:8 IET_ISNS_IN_TARGET',
      'ietd.conf:9 IET_ISNS_REPEATED',
    ]);
  });
});
