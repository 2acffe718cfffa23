/** install-completion: each shell's script where that shell looks for it. */
import { installFiles, type InstalledFile } from '../meta/install.js';

export type { InstalledFile };
import { completionScript, completionTarget, type Shell } from './scripts.js';

export async function installCompletion(shells: Shell[], scope: { system: boolean; root?: string }): Promise<InstalledFile[]> {
  const targets = [...new Set(shells)].map((shell) => ({ ...completionTarget(shell, scope), content: completionScript(shell) }));
  const actions = await installFiles(targets);
  return targets.map(({ file, hint }, i) => ({ file, action: actions[i]!, hint }));
}
