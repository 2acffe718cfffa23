/** The JSON of install-man and install-completion: the generated files put in place (install.ts). */
import { list, obj, oneOf, str, type JsonShape } from './json-shape.js';

export const INSTALLED_FILES_SHAPE: JsonShape = obj({
  files: list(obj({ file: str(), action: oneOf(['installed', 'unchanged']) }, { hint: str('what the shell needs to load it') })),
});
