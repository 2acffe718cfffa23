/**
 * Build step: writes the man pages into man/ (shipped in the package, installed by
 * `install-man`, linked by `npm install -g`): scstadmin-ts(8) and scstadmin-ts-COMMAND(8) from
 * the manifest and docs/, and every docs/man/NAME.SECTION.md page as it stands. marked-man (a
 * build-time dependency) turns the markdown into roff.
 *
 *   node dist/scripts/build-man.js
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked } from 'marked';
import markedMan from 'marked-man';
import { loadJsonShapes } from '../src/meta/command-shapes.js';
import { PACKAGE_ROOT, readManifest } from '../src/meta/manifest.js';
import { commandPage, mainPage, type DocPage, type ManPage } from '../src/man/pages.js';
import { visibleCommands } from '../src/meta/manifest.js';

const docsDir = join(PACKAGE_ROOT, 'docs');
const manDocsDir = join(docsDir, 'man');
const outDir = join(PACKAGE_ROOT, 'man');
const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const HTML_ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', '#39': "'" };

function toRoff(page: ManPage): string {
  // breaks: false — a line break in the markdown source is not one on the page.
  const marked = new Marked({ ...markedMan, breaks: false, manVersion: version, manual: 'scstadmin-ts', date: markedMan.date } as object);
  const roff = marked.parse(page.markdown, { async: false }) as string;
  // A table followed at once by an indented block draws the block over the table's frame.
  return roff
    .replaceAll('\n.TE\n', '\n.TE\n.sp\n')
    // marked escapes code spans for HTML; roff wants the characters.
    .replace(/&(quot|amp|lt|gt|#39);/g, (_m, name: string) => HTML_ENTITIES[name]!)
    // groff's own escapes for non-ASCII (—, →, …), so the page needs no input-encoding guess.
    .replace(/[^\p{ASCII}]/gu, (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

const docs: DocPage[] = readdirSync(docsDir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ path: `docs/${f}`, text: readFileSync(join(docsDir, f), 'utf8') }));
const manifest = readManifest();
const shapes = await loadJsonShapes(manifest);
const pages: ManPage[] = [mainPage(manifest, readFileSync(join(manDocsDir, 'scstadmin-ts.md'), 'utf8'))];
for (const { words, command } of visibleCommands(manifest)) {
  if (words.join(':') === command.id) pages.push(commandPage(command, docs, shapes[command.id]));
}
for (const f of readdirSync(manDocsDir).filter((name) => /\.\d\.md$/.test(name))) {
  pages.push({ file: f.slice(0, -'.md'.length), markdown: readFileSync(join(manDocsDir, f), 'utf8') });
}
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir);
for (const page of pages) writeFileSync(join(outDir, page.file), toRoff(page));
console.log(`wrote ${pages.length} man pages to man/`);
