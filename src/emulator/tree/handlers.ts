/** `handlers/` (spec §1.2): one directory per loaded handler, with a link per bound device. */
import type { Kernel } from '../kernel.js';
import type { HandlerModel } from '../models.js';
import { Dir, constFile, link, rwFile } from '../nodes.js';
import { scsiTypeText } from '../scsi-types.js';
import { traceLevelFile } from './trace-level.js';

function handlerDir(k: Kernel, model: HandlerModel): Dir {
  const dir = new Dir().add('type', constFile(`${model.typeText ?? scsiTypeText(model.scsiType)}\n`));
  if (model.mgmtUsage) {
    dir.add('mgmt', () => rwFile(() => model.mgmtUsage!(k), (data) => k.work(() => model.mgmt!(k, data))));
  }
  if (model.traceTokens) dir.add('trace_level', () => traceLevelFile(k, `handler:${model.name}`, model.traceTokens!));
  return dir.addDynamic({
    names: () => Object.values(k.state.devices).filter((d) => d.handler === model.name).map((d) => d.name),
    child: (name) => (k.device(name)?.handler === model.name ? link(`../../devices/${name}`) : undefined),
  });
}

export function handlersDir(k: Kernel): Dir {
  const dir = new Dir();
  for (const model of k.handlerModels()) dir.add(model.name, () => handlerDir(k, model));
  return dir;
}
