/** The JSON of install-compat (InstallCompatResult, install.ts). */
import { obj, oneOf, str, type JsonShape } from '../meta/json-shape.js';

export const INSTALL_COMPAT_SHAPE: JsonShape = obj(
  { path: str('the scstadmin wrapper, as the target system sees it'), status: oneOf(['installed', 'unchanged']) },
  { perl: str('a Perl scstadmin found on the system'), perlAlias: str('where the Perl tool stays runnable') },
);
