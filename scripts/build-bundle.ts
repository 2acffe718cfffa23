/**
 * The CLI as it runs (npm run build; node dist/scripts/build-bundle.js): esbuild bundles the
 * command files, the process entry (src/cli/main.ts), the help class and the compat front end,
 * with @oclif/core and the other dependencies, into dist/app, splitting what entries share into
 * chunks. A command then starts by reading a few dozen larger module files instead of a few
 * hundred small ones (npm run bench:startup counts them). oclif still finds the commands through
 * package.json (oclif.commands = dist/app/commands) and oclif.manifest.json, which `oclif
 * manifest` writes from these bundled files. dist/src stays as tsc writes it, for the
 * benchmarks, the scripts and the completion entry point.
 */
import { build, type Plugin } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(packageRoot, 'dist', 'app');

interface CommandFile {
  /** The command's source file. */
  source: string;
  /** Its path under commands/ without the extension (simulate/create): oclif's id comes from it. */
  path: string;
}

function commandFiles(): CommandFile[] {
  const dir = join(packageRoot, 'commands');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map((file) => ({ source: join(dir, file), path: file.slice(0, -'.ts'.length) }));
}

/**
 * Commands are bundled by family, not one entry each. With one entry per command esbuild splits
 * the code into a chunk per distinct set of commands that share it: 120 files, of which a change
 * command read 55 before its first sysfs call, and Node resolves, links and evaluates every
 * module file on its own. A family is the commands that import the same areas of src/ (the edit
 * engine, the host, the emulator, ...), which need the same code anyway: one file holds their
 * classes and what only they use. dist/app/commands/ keeps a two-line file per command that
 * re-exports its class, so oclif and the manifest find every command where they did.
 */
const COMMON_AREAS = new Set(['cli', 'errors', 'ui', 'model']);
function familyOf(command: CommandFile): string {
  const areas = new Set<string>();
  for (const match of readFileSync(command.source, 'utf8').matchAll(/from '(?:\.\.\/)+src\/([a-z-]+)/g)) {
    if (!COMMON_AREAS.has(match[1]!)) areas.add(match[1]!);
  }
  return [...areas].sort().join('+') || 'base';
}

const exportName = (command: CommandFile) => command.path.replace(/[^a-z0-9]+/g, '_');

function commandFamilies(commands: CommandFile[]): Map<string, CommandFile[]> {
  const families = new Map<string, CommandFile[]>();
  for (const command of commands) families.set(familyOf(command), [...(families.get(familyOf(command)) ?? []), command]);
  return families;
}

const familyEntries = (families: Map<string, CommandFile[]>): Plugin => ({
  name: 'command-families',
  setup(b) {
    b.onResolve({ filter: /^family:/ }, (args) => ({ path: args.path.slice('family:'.length), namespace: 'family' }));
    b.onLoad({ filter: /.*/, namespace: 'family' }, (args) => ({
      contents: families.get(args.path)!.map((command) => `export { default as ${exportName(command)} } from ${JSON.stringify(command.source)};`).join('\n'),
      loader: 'js',
      resolveDir: packageRoot,
    }));
  },
});

/** The file oclif loads for a command: its class, re-exported from the family's bundle. */
function writeCommandStubs(families: Map<string, CommandFile[]>): void {
  for (const [family, commands] of families) {
    for (const command of commands) {
      const stub = join(outdir, 'commands', `${command.path}.js`);
      mkdirSync(dirname(stub), { recursive: true });
      const from = relative(dirname(stub), join(outdir, 'families', `${family}.js`));
      writeFileSync(stub, `export { ${exportName(command)} as default } from ${JSON.stringify(from.startsWith('.') ? from : `./${from}`)};\n`);
    }
  }
}

/**
 * Dependencies oclif requires at the top of its modules but uses only off the everyday path of an
 * installed CLI with a manifest: finding commands by glob (tinyglobby), plugins by pattern
 * (minimatch), an rc file when package.json has no oclif section (lilconfig), templates in help
 * texts (ejs), spinners (cli-spinners, ansi-escapes), and the rendering of oclif's own error and
list formats, which our commands replace with theirs (wrap-ansi, clean-stack, indent-string,
wordwrap), Node's readline, which oclif's parser needs only to read a flag's value from
standard input, and Node's perf_hooks, which oclif's timing uses only when it is switched on. They stay out of the bundle: a stand-in requires the real
 * module from beside @oclif/core (where npm installed it) on first touch. `debug` writes only when
 * DEBUG is set; without DEBUG its stand-in makes loggers that do nothing.
 */
const lazyModules = ['tinyglobby', 'minimatch', 'lilconfig', 'ejs', 'cli-spinners', 'wrap-ansi', 'clean-stack', 'indent-string', 'ansi-escapes', 'wordwrap', 'node:readline', 'node:perf_hooks'];
/**
 * oclif's own configuration loader (./config: Config, plugins, manifest, TypeScript paths) and
 * its help renderer (./help) are required at the top of command.js, flags.js and
 * errors/handle.js, which every command loads, but a command run by src/cli/direct-run.ts never
 * touches them: about 80 KB of the 130 KB of oclif a command would read. For those three
 * importers they are stand-ins too, which require oclif's installed files on first touch (oclif's
 * `run` itself, for help and the like, imports the bundled ones as before).
 */
const oclifInternals: Record<string, { file: string; importers: RegExp }> = {
  './config': { file: './lib/config/index.js', importers: /[\\/]lib[\\/]command\.js$/ },
  './help': { file: './lib/help/index.js', importers: /[\\/]lib[\\/]flags\.js$/ },
  '../help/index': { file: './lib/help/index.js', importers: /[\\/]lib[\\/]errors[\\/]handle\.js$/ },
};
const requireBesideOclif = (name: string) =>
  `require('node:module').createRequire(require.resolve('@oclif/core/package.json'))(${JSON.stringify(name)})`;
const loadOnFirstTouch = (name: string) => `let real; const load = () => (real ??= ${requireBesideOclif(name)});
module.exports = new Proxy(function () {}, {
  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
  has: (_, key) => key in load(),
  apply: (_, self, args) => load().apply(self, args),
});`;
const standIns: Record<string, string> = {
  ...Object.fromEntries(lazyModules.map((name) => [name, loadOnFirstTouch(name)])),
  ...Object.fromEntries(Object.entries(oclifInternals).map(([path, { file }]) => [path, loadOnFirstTouch(file)])),
  debug: `if (process.env.DEBUG) module.exports = ${requireBesideOclif('debug')};
else {
  const off = (namespace) => Object.assign(() => {}, { enabled: false, namespace, log: () => {}, extend: (ns, d = ':') => off(namespace + d + ns), destroy: () => true });
  module.exports = Object.assign(off, { enabled: () => false, enable: () => {}, disable: () => '', names: [], skips: [] });
}`,
};
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const lazyDependencies: Plugin = {
  name: 'lazy-dependencies',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(standIns).map(escape).join('|')})$`);
    b.onResolve({ filter }, (args) => {
      if (!/[\\/]@oclif[\\/]core[\\/]/.test(args.importer)) return undefined;
      const internal = oclifInternals[args.path];
      if (internal && !internal.importers.test(args.importer)) return undefined;
      return { path: args.path, namespace: 'stand-in' };
    });
    b.onLoad({ filter: /.*/, namespace: 'stand-in' }, (args) => ({ contents: standIns[args.path]!, loader: 'js' }));
    // The stand-ins' own requires are resolved by Node at run time.
    b.onResolve({ filter: /^(node:module|@oclif\/core\/package\.json)$/, namespace: 'stand-in' }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * An ES module import of a Node built-in makes Node build a module facade that reads every
 * export, lazy getters included. For four built-ins that is costly: fs.ReadStream loads Node's
 * stream modules, process.stdin opens a stream on standard input, util.MIMEType loads the MIME
 * parser, crypto.webcrypto the whole Web Crypto implementation — some 20 ms of every start spent
 * on what no command asked for. Those four are handed over as CommonJS instead, which esbuild
 * reads export by export as the code uses them: process is the global object itself, and crypto
 * and util are loaded on the first use of one of their exports (most runs never generate a
 * secret). The other built-ins have no such getters and stay plain imports: routing them too
 * would only add module files.
 */
const builtinStandIns: Record<string, string> = {
  'node:process': 'module.exports = process;',
  'node:fs': 'module.exports = require("node:fs");',
  ...Object.fromEntries(
    ['node:crypto', 'node:util'].map((name) => [
      name,
      `let real; const load = () => (real ??= require(${JSON.stringify(name)}));
for (const key of ${JSON.stringify(Object.keys(createRequire(import.meta.url)(name) as object))}) {
  Object.defineProperty(module.exports, key, { get: () => load()[key], enumerable: true });
}`,
    ]),
  ),
};
const builtinsAsRequire: Plugin = {
  name: 'builtins-as-require',
  setup(b) {
    const filter = new RegExp(`^(node:)?(${Object.keys(builtinStandIns).map((name) => name.slice('node:'.length)).join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.namespace === 'builtin' ? { path: args.path, external: true } : { path: args.path.replace(/^(node:)?/, 'node:'), namespace: 'builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: builtinStandIns[args.path]!, loader: 'js' }));
  },
};

/**
 * Bundled CommonJS (oclif and its dependencies) calls require() for Node's built-in modules and
 * reads __filename (write-file-atomic names its temporary files with it), so output files start
 * with a banner that defines them. Most chunks use none of them; two imports and two calls per
 * module are a measurable part of start-up across 50 modules, so the banner is dropped from files
 * that never name them (esbuild's own __require helper lives in the one chunk that does).
 */
const banner = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
  "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
].join(' ');

function dropUnusedBanners(files: string[]): number {
  let dropped = 0;
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(join(packageRoot, file), 'utf8');
    if (!text.startsWith(banner)) continue;
    const body = text.slice(banner.length);
    if (/\b(require|__filename|__dirname)\b/.test(body)) continue;
    writeFileSync(join(packageRoot, file), body.replace(/^\n/, ''));
    dropped++;
  }
  return dropped;
}

async function main(): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  const families = commandFamilies(commandFiles());
  const result = await build({
    absWorkingDir: packageRoot,
    entryPoints: [
      ...[...families.keys()].map((family) => ({ in: `family:${family}`, out: join('families', family) })),
      { in: join(packageRoot, 'src', 'cli', 'main.ts'), out: 'main' },
      { in: join(packageRoot, 'src', 'cli', 'help.ts'), out: 'help' },
      { in: join(packageRoot, 'src', 'compat', 'process-io.ts'), out: 'compat' },
    ],
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Smaller files parse faster; names are kept for error classes and oclif's command ids.
    minify: true,
    keepNames: true,
    legalComments: 'none',
    // oclif requires typescript only to run a plugin's TypeScript sources in development.
    external: ['typescript'],
    banner: { js: banner },
    plugins: [familyEntries(families), lazyDependencies, builtinsAsRequire],
    metafile: true,
    logLevel: 'warning',
  });
  // --metafile FILE: what went into each output file, for esbuild's analyser.
  const metafile = process.argv.indexOf('--metafile');
  if (metafile > 0) writeFileSync(process.argv[metafile + 1]!, JSON.stringify(result.metafile));
  const files = Object.keys(result.metafile.outputs);
  const chunks = files.filter((f) => f.includes('/chunks/'));
  const plain = dropUnusedBanners(files);
  writeCommandStubs(families);
  console.log(
    `bundled ${families.size} command families and ${files.length - chunks.length - families.size} other entries with ${chunks.length} shared chunks into ${relative(packageRoot, outdir)}/ (${plain} without the require banner)`,
  );
}

await main();
