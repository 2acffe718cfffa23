export { readLive, parseExportLink, type ReadLiveOptions, type ReadParts } from './read-live.js';
export { parseScope, type LiveScope, type Section } from './scope.js';
export { parseMgmtHelp, type MgmtHelp } from './help-text.js';
