/**
 * Installing the built man pages (man/ of the package) where man(1) finds them:
 * /usr/local/share/man/manSECTION, or the same under --root DIR (an image).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installFiles, type InstalledFile } from '../meta/install.js';
import { PACKAGE_ROOT } from '../meta/manifest.js';

export const MAN_SOURCE = join(PACKAGE_ROOT, 'man');
export const MAN_DIR = '/usr/local/share/man';

/** The built pages: `NAME.SECTION` files. */
export function builtManPages(dir = MAN_SOURCE): string[] {
  return readdirSync(dir).filter((f) => /\.\d$/.test(f)).sort();
}

export async function installManPages(options: { root?: string; dir?: string }): Promise<InstalledFile[]> {
  const base = join(options.root ?? '/', options.dir ?? MAN_DIR);
  const pages = builtManPages().map((page) => ({
    file: join(base, `man${page.slice(page.lastIndexOf('.') + 1)}`, page),
    content: readFileSync(join(MAN_SOURCE, page), 'utf8'),
  }));
  const actions = await installFiles(pages);
  return pages.map(({ file }, i) => ({ file, action: actions[i]! }));
}
