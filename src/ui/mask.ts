/**
 * CHAP secrets stay on the screen only when asked for (`--show-secrets`). A CHAP value is
 * `user secret`; the user name is useful to see, the secret is replaced by asterisks.
 */
import { isSecretAttribute } from '../model/attributes.js';
import type { AttrValues, ScstConfig } from '../model/types.js';

export const SECRET_MASK = '********';

export function maskChapValue(value: string): string {
  const blank = value.indexOf(' ');
  return blank < 0 ? SECRET_MASK : `${value.slice(0, blank)} ${SECRET_MASK}`;
}

/** A copy of the configuration with every CHAP secret masked; the input is left untouched. */
export function maskSecrets(config: ScstConfig): ScstConfig {
  const copy = structuredClone(config);
  for (const driver of Object.values(copy.drivers)) {
    maskAttributes(driver.attributes);
    for (const target of Object.values(driver.targets)) maskAttributes(target.attributes);
  }
  return copy;
}

function maskAttributes(attributes: AttrValues): void {
  for (const [name, values] of Object.entries(attributes)) {
    if (isSecretAttribute(name)) attributes[name] = values.map(maskChapValue);
  }
}
