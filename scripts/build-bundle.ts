/**
 * The CLI as it runs (npm run build; node dist/scripts/build-bundle.js): esbuild bundles the
 * commands, by family, and the few entry files of the process into dist/app, each file whole:
 *   main.cjs           what bin/run.js runs: resolves the words, loads one command's bundle
 *   bundles/F.cjs      the command classes of family F, all the code they use, and the runner
 *   bundles/oclif.cjs  oclif's own run and our help class, for help, --version, unknown words
 *   bundles/scstadmin-compat.cjs  the Perl scstadmin command line (also bin/scstadmin-compat.js)
 *   vendor/NAME.cjs    execa and the prompt library, each bundled whole, loaded when used
 *   commands/ID.cjs    a line per command giving its class from its family (oclif and the
 *                      manifest find every command where they expect it); help.cjs likewise
 *   command-index.json each command's bundle, the aliases, and each bundle's content hash
 * The bundles are loaded with V8's code cache (src/cli/code-cache.ts), which skips their
 * compile from the second run of a family on.
 * Node resolves, links and evaluates every module file on its own, at about a millisecond and a
 * half each here (npm run bench:startup): one file per family instead of code split into shared
 * chunks (a change command read 55 of them) is the larger part of start-up saved. The price is
 * disk: code the families share is in each of them, a few megabytes in all. A family's lazily
 * loaded parts (the emulator, the commands a run does not name) are in its file but evaluated
 * only when used.
 * Parsing costs too (some 80 ms a megabyte here), so the two large libraries that only some runs
 * use (execa when a program is started, the prompt library when a question is asked) are
 * vendor bundles of their own: they share no classes with our code, so a copy apart is safe.
 * oclif still finds the commands through package.json (oclif.commands = dist/app/commands) and
 * oclif.manifest.json, which `oclif manifest` writes from these files. dist/src stays as tsc
 * writes it, for the benchmarks, the scripts and the completion entry point.
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFile, COMMAND_INDEX_FILE, NAMED_BUNDLES, type CommandIndex } from '../src/cli/direct-run.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(packageRoot, 'dist', 'app');

/**
 * oclif's command.js adds a listener for EPIPE on stdout as it loads. A process loads one family,
 * but the tools that load every command (oclif's manifest, the man page build) load all fifteen
 * copies, and Node warns of a listener leak past ten: the copies share one listener instead.
 */
const oclifStdoutListenerOnce: Plugin = {
  name: 'oclif-stdout-listener-once',
  setup(b) {
    b.onLoad({ filter: /[\\/]@oclif[\\/]core[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const listener = "process.stdout.on('error', (err) => {";
      if (!source.includes(listener)) throw new Error(`${args.path}: oclif no longer adds its stdout listener as expected; review the oclif-stdout-listener-once plugin`);
      const once = "if (!globalThis[Symbol.for('scstadmin-ts.oclif-epipe')]) (globalThis[Symbol.for('scstadmin-ts.oclif-epipe')] = true) && process.stdout.on('error', (err) => {";
      return { contents: source.replace(listener, once), loader: 'js' };
    });
  },
};

const { oclif: OCLIF_BUNDLE, compat: COMPAT_BUNDLE } = NAMED_BUNDLES;
/** An esbuild entry's output name for bundle `name` (bundleFile without the extension). */
const bundleOut = (name: string) => bundleFile(name).replace(/\.cjs$/, '');
/** package.json oclif.helpClass names it: our help class, from oclif's bundle. */
const HELP_CLASS_FILE = 'help.cjs';
const VENDOR = 'vendor';
/** Library → its vendor bundle (dist/app/vendor/NAME.cjs). */
const VENDORED: Record<string, string> = { execa: 'execa', '@inquirer/prompts': 'prompts' };
const vendorFile = (name: string) => `${VENDOR}/${name}.cjs`;
/**
 * An import of a vendored library loads its vendor bundle with the code cache. Our bundles all
 * sit in bundles/, so dist/app is the folder above theirs; `hashes` are the vendor bundles'
 * content hashes (built first), which name their caches.
 */
const vendored = (hashes: Record<string, string>): Plugin => ({
  name: 'vendored',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(VENDORED).map((name) => name.replace('/', '\\/')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'vendored' }));
    b.onLoad({ filter: /.*/, namespace: 'vendored' }, (args) => {
      const file = vendorFile(VENDORED[args.path]!);
      const loader = JSON.stringify(join(packageRoot, 'src', 'cli', 'code-cache.ts'));
      return {
        contents: `const appDir = require('node:path').join(__dirname, '..');
module.exports = require(${loader}).loadBundle(appDir, require('node:path').join(appDir, ${JSON.stringify(file)}), ${JSON.stringify(hashes[file])});`,
        loader: 'js',
        resolveDir: packageRoot,
      };
    });
  },
});

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
 * A family is the commands that import the same areas of src/ (the edit engine, the host, the
 * emulator, ...), which need much the same code: one bundle serves them all, so the number of
 * files (and the disk they take) stays small while no command parses much it does not use.
 */
const COMMON_AREAS = new Set(['cli', 'errors', 'ui', 'model']);
function familyOf(command: CommandFile): string {
  const areas = new Set<string>();
  for (const match of readFileSync(command.source, 'utf8').matchAll(/from '(?:\.\.\/)+src\/([a-z-]+)/g)) {
    if (!COMMON_AREAS.has(match[1]!)) areas.add(match[1]!);
  }
  return [...areas].sort().join('+') || 'base';
}

/** oclif's id of a command: its path with topics joined by ':'. */
const commandId = (command: CommandFile) => command.path.split(/[\\/]/).join(':');

function commandFamilies(commands: CommandFile[]): Map<string, CommandFile[]> {
  const families = new Map<string, CommandFile[]>();
  for (const command of commands) {
    const family = familyOf(command);
    families.set(family, [...(families.get(family) ?? []), command]);
  }
  return families;
}

/**
 * A family bundle exports `commands`, each command's class behind a function, and the runner.
 * A command is required only when asked for, so esbuild wraps each command module and what it
 * alone imports to run on first use: a run evaluates its own command's code, not the family's
 * thirty others (the edit family's load: 40 → 25 ms here).
 */
const familyEntries = (families: Map<string, CommandFile[]>): Plugin => ({
  name: 'command-families',
  setup(b) {
    b.onResolve({ filter: /^family:/ }, (args) => ({ path: args.path.slice('family:'.length), namespace: 'family' }));
    b.onLoad({ filter: /.*/, namespace: 'family' }, (args) => ({
      contents: [
        'export const commands = {',
        ...families.get(args.path)!.map((command) => `  ${JSON.stringify(commandId(command))}: () => require(${JSON.stringify(command.source)}).default,`),
        '};',
        `export { runCommand } from ${JSON.stringify(join(packageRoot, 'src', 'cli', 'run-command.ts'))};`,
      ].join('\n'),
      loader: 'js',
      resolveDir: packageRoot,
    }));
  },
});

/** The file oclif loads for a command (help, the manifest): its class, from its family's bundle. */
function writeCommandStubs(families: Map<string, CommandFile[]>): void {
  for (const [family, commands] of families) {
    for (const command of commands) {
      const file = join(outdir, 'commands', `${command.path}.cjs`);
      mkdirSync(dirname(file), { recursive: true });
      const bundle = relative(dirname(file), join(outdir, bundleFile(family)));
      writeFileSync(file, `module.exports = require(${JSON.stringify(bundle)}).commands[${JSON.stringify(commandId(command))}]();\n`);
    }
  }
}

/**
 * Dependencies oclif requires at the top of its modules but uses only off the everyday path of an
 * installed CLI with a manifest: finding commands by glob (tinyglobby), plugins by pattern
 * (minimatch), an rc file when package.json has no oclif section (lilconfig), templates in help
 * texts (ejs), spinners (cli-spinners, ansi-escapes), the rendering of oclif's own error and
 * list formats, which our commands replace with theirs (wrap-ansi, clean-stack, indent-string,
 * wordwrap), Node's readline, which oclif's parser needs only to read a flag's value from
 * standard input, and Node's perf_hooks, which oclif's timing uses only when it is switched on.
 * They stay out of the bundle: a stand-in requires the real module from beside @oclif/core
 * (where npm installed it) on first touch. `debug` writes only when
 * DEBUG is set; without DEBUG its stand-in makes loggers that do nothing.
 */
const lazyModules = ['tinyglobby', 'minimatch', 'lilconfig', 'ejs', 'cli-spinners', 'wrap-ansi', 'clean-stack', 'indent-string', 'ansi-escapes', 'wordwrap', 'node:readline', 'node:perf_hooks'];
/** What help renders with (templates, wrapping, indenting): bundled whole in oclif's bundle. */
const helpModules = new Set(['ejs', 'wrap-ansi', 'indent-string', 'ansi-escapes']);
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
/**
 * The stand-ins above, for the command families; `forHelp` for oclif's own bundle, which renders
 * help with the help modules and oclif's configuration, so it takes those whole.
 */
const lazyDependencies = (forHelp: boolean): Plugin => ({
  name: 'lazy-dependencies',
  setup(b) {
    const names = Object.keys(standIns).filter((name) => !forHelp || !(helpModules.has(name) || name in oclifInternals));
    const filter = new RegExp(`^(${names.map(escape).join('|')})$`);
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
});

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
 * What every bundle is built with: a whole CommonJS file for Node 20, minified. CommonJS because
 * Node starts a CommonJS program without setting up its ES module loader (bin/ is CommonJS too),
 * and because src/cli/code-cache.ts compiles the bundles with V8's code cache, which Node 20
 * offers only for a script. Such a script cannot import(): with its code from the cache, V8 no
 * longer finds Node's callback for it. Every import() is therefore a require() (checked below):
 * our vendor bundles are CommonJS, and so are the command files and the help class oclif loads
 * (oclif requires a .cjs file). Our two uses of import.meta.url (the package root, the
 * serializer's require) read the file's URL from __filename instead.
 */
const BUNDLE = {
  absWorkingDir: packageRoot,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  // Smaller files parse faster. Function names are not kept: our error classes set their name
  // themselves, and every command's id is set from its path (oclif would fall back to the class
  // name only for a command without one).
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Fails the build if a bundle still imports a module dynamically (see BUNDLE). */
function checkNoDynamicImport(metafile: Metafile): void {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    const dynamic = output.imports.filter((entry) => entry.kind === 'dynamic-import');
    if (dynamic.length) throw new Error(`${file} imports ${dynamic.map((entry) => entry.path).join(', ')} dynamically, which its code cache cannot run`);
  }
}

/** A short content hash of a built file: it names the file's code cache. */
const contentHash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

/**
 * The bundles' part of command-index.json: which bundle holds each command and each bundle's
 * content hash. scripts/build-command-index.ts adds the aliases from oclif's manifest.
 */
function writeBundleIndex(families: Map<string, CommandFile[]>, vendorHashes: Record<string, string>): void {
  const index: CommandIndex = { commands: {}, aliases: {}, bundles: {} };
  for (const [family, commands] of families) {
    for (const command of commands) index.commands[commandId(command)] = bundleFile(family);
  }
  for (const name of [...families.keys(), COMPAT_BUNDLE, OCLIF_BUNDLE]) index.bundles[bundleFile(name)] = contentHash(join(outdir, bundleFile(name)));
  Object.assign(index.bundles, vendorHashes);
  writeFileSync(join(outdir, COMMAND_INDEX_FILE), `${JSON.stringify(index)}\n`);
}

async function main(): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  const families = commandFamilies(commandFiles());
  const vendor = await build({
    ...BUNDLE,
    entryPoints: Object.entries(VENDORED).map(([name, out]) => ({ in: name, out: join(VENDOR, out) })),
    plugins: [builtinsAsRequire],
  });
  const hashes = Object.fromEntries(Object.values(VENDORED).map((name) => [vendorFile(name), contentHash(join(outdir, vendorFile(name)))]));
  const ourCode = (forHelp: boolean) => ({
    // oclif requires typescript only to run a plugin's TypeScript sources in development.
    external: ['typescript'],
    plugins: [familyEntries(families), vendored(hashes), lazyDependencies(forHelp), builtinsAsRequire, oclifStdoutListenerOnce],
  });
  const result = await build({
    ...BUNDLE,
    entryPoints: [
      ...[...families.keys()].map((family) => ({ in: `family:${family}`, out: bundleOut(family) })),
      { in: join(packageRoot, 'src', 'compat', 'process-io.ts'), out: bundleOut(COMPAT_BUNDLE) },
    ],
    ...ourCode(false),
  });
  const help = await build({ ...BUNDLE, entryPoints: [{ in: join(packageRoot, 'src', 'cli', 'oclif-run.ts'), out: bundleOut(OCLIF_BUNDLE) }], ...ourCode(true) });
  const entry = await build({ ...BUNDLE, entryPoints: [{ in: join(packageRoot, 'src', 'cli', 'main.ts'), out: 'main' }], ...ourCode(false) });
  const builds = [result, help, entry, vendor].map((built) => built.metafile);
  for (const built of builds) checkNoDynamicImport(built);
  const outputs = Object.assign({}, ...builds.map((built) => built.outputs)) as Metafile['outputs'];
  // --metafile FILE: what went into each output file, for esbuild's analyser.
  const metafile = process.argv.indexOf('--metafile');
  if (metafile > 0) writeFileSync(process.argv[metafile + 1]!, JSON.stringify({ inputs: Object.assign({}, ...builds.map((built) => built.inputs)), outputs }));
  writeCommandStubs(families);
  writeFileSync(join(outdir, HELP_CLASS_FILE), `module.exports = require(${JSON.stringify(`./${bundleFile(OCLIF_BUNDLE)}`)}).Help;\n`);
  writeBundleIndex(families, hashes);
  const size = Object.values(outputs).reduce((sum, output) => sum + output.bytes, 0);
  console.log(`bundled ${families.size} command families, ${Object.keys(VENDORED).length} vendor libraries and 3 other entries into ${relative(packageRoot, outdir)}/ (${(size / 1e6).toFixed(1)} MB)`);
}

await main();
