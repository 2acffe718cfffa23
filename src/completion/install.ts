/** install-completion: each shell's script where that shell looks for it. */
import { installFile, type InstalledFile } from '../meta/install.js';

export type { InstalledFile };
import { completionScript, completionTarget, type Shell } from './scripts.js';

export async function installCompletion(shells: Shell[], scope: { system: boolean; root?: string }): Promise<InstalledFile[]> {
  const out: InstalledFile[] = [];
  for (const shell of new Set(shells)) {
    const target = completionTarget(shell, scope);
    out.push({ file: target.file, action: await installFile(target.file, completionScript(shell)), hint: target.hint });
  }
  return out;
}
