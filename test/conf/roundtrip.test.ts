import { describe, expect, it } from 'vitest';
import { parseConf } from '../../src/conf/parse.js';
import { serializeConf } from '../../src/conf/serializer.js';
import { updateConf } from '../../src/conf/update.js';
import { randomConfig } from '../../scripts/conf-models.js';

const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);

describe('round trip over generated models', () => {
  it('parse(serialize(m)) equals m, and serializing again gives the same bytes (fmt is idempotent)', () => {
    for (const seed of SEEDS) {
      const model = randomConfig(seed);
      const text = serializeConf(model);
      const parsed = parseConf(text, `seed-${seed}.conf`);
      expect(parsed.diagnostics.filter((d) => d.code.startsWith('CONF_') && ['CONF_SYNTAX', 'CONF_DUPLICATE', 'CONF_CONFLICT', 'CONF_TOO_MANY_WORDS', 'CONF_UNCLOSED'].includes(d.code)), `seed ${seed}`).toEqual([]);
      expect(parsed.config, `seed ${seed}`).toEqual(model);
      expect(serializeConf(parsed.config), `seed ${seed}`).toBe(text);
    }
  });

  it('updateConf turns any file into one that means the new model', () => {
    for (const seed of SEEDS.slice(0, 100)) {
      const before = randomConfig(seed);
      const after = randomConfig(seed + 1000);
      const document = parseConf(serializeConf(before), 'a.conf').document;
      const updated = updateConf(document, after);
      expect(parseConf(updated, 'b.conf').config, `seed ${seed}`).toEqual(after);
    }
  });
});

describe('updateConf with small edits', () => {
  it('means the edited model after random small edits, and leaves the header comment alone', () => {
    for (const seed of SEEDS.slice(0, 100)) {
      const before = randomConfig(seed);
      const text = serializeConf(before);
      const after = structuredClone(before);
      const other = randomConfig(seed + 5000);
      const [h] = Object.keys(after.handlers);
      const [d] = Object.keys(after.drivers);
      switch (seed % 5) {
        case 0: delete after.handlers[h!]!.devices[Object.keys(after.handlers[h!]!.devices)[0]!]; break;
        case 1: after.drivers[d!]!.enabled = !after.drivers[d!]!.enabled; after.attributes.x_new = ['1']; break;
        case 2: Object.assign(after.drivers[d!]!.targets, Object.values(other.drivers)[0]!.targets); break;
        case 3: for (const t of Object.values(after.drivers[d!]!.targets)) t.luns['99'] = { lun: 99, device: 'extra', attributes: {} }; break;
        case 4: after.handlers[h!]!.devices.added = { name: 'added', handler: h!, attributes: { filename: ['/srv/a b.img'] } }; delete after.drivers[d!]; break;
      }
      const updated = updateConf(parseConf(text, 'a.conf').document, after);
      expect(parseConf(updated, 'b.conf').config, `seed ${seed}`).toEqual(after);
      expect(updated.split('\n')[0]).toBe(text.split('\n')[0]);
    }
  });
});
