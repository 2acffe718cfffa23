/** The JSON of install-ocf (OcfInstallResult, install.ts). */
import { obj, oneOf, str, type JsonShape } from '../meta/json-shape.js';

export const INSTALL_OCF_SHAPE: JsonShape = obj({ path: str(), action: oneOf(['written', 'unchanged']), agent: str('how Pacemaker names it: ocf:PROVIDER:scst') });
