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
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(packageRoot, 'dist', 'app');

/** Each command keeps its path under commands/, so oclif's ids (simulate:create) stay as they are. */
function commandEntries(): Array<{ in: string; out: string }> {
  const dir = join(packageRoot, 'commands');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map((file) => ({ in: join(dir, file), out: join('commands', file.slice(0, -'.ts'.length)) }));
}

/**
 * Dependencies oclif requires at the top of its modules but uses only off the everyday path of an
 * installed CLI with a manifest: finding commands by glob (tinyglobby), plugins by pattern
 * (minimatch), an rc file when package.json has no oclif section (lilconfig), templates in help
 * texts (ejs), spinners (cli-spinners). They stay out of the bundle: a stand-in requires the real
 * module from beside @oclif/core (where npm installed it) on first touch. `debug` writes only when
 * DEBUG is set; without DEBUG its stand-in makes loggers that do nothing.
 */
const lazyModules = ['tinyglobby', 'minimatch', 'lilconfig', 'ejs', 'cli-spinners'];
const requireBesideOclif = (name: string) =>
  `require('node:module').createRequire(require.resolve('@oclif/core/package.json'))(${JSON.stringify(name)})`;
const standIns: Record<string, string> = {
  ...Object.fromEntries(lazyModules.map((name) => [name, `let real; const load = () => (real ??= ${requireBesideOclif(name)});
module.exports = new Proxy(function () {}, {
  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
  has: (_, key) => key in load(),
  apply: (_, self, args) => load().apply(self, args),
});`])),
  debug: `if (process.env.DEBUG) module.exports = ${requireBesideOclif('debug')};
else {
  const off = (namespace) => Object.assign(() => {}, { enabled: false, namespace, log: () => {}, extend: (ns, d = ':') => off(namespace + d + ns), destroy: () => true });
  module.exports = Object.assign(off, { enabled: () => false, enable: () => {}, disable: () => '', names: [], skips: [] });
}`,
};
const lazyDependencies: Plugin = {
  name: 'lazy-dependencies',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(standIns).join('|')})$`);
    b.onResolve({ filter }, (args) => (/[\\/]@oclif[\\/]core[\\/]/.test(args.importer) ? { path: args.path, namespace: 'stand-in' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'stand-in' }, (args) => ({ contents: standIns[args.path]!, loader: 'js' }));
    // The stand-ins' own requires are resolved by Node at run time.
    b.onResolve({ filter: /^(node:module|@oclif\/core\/package\.json)$/, namespace: 'stand-in' }, (args) => ({ path: args.path, external: true }));
  },
};

async function main(): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: packageRoot,
    entryPoints: [
      ...commandEntries(),
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
    // Bundled CommonJS (oclif and its dependencies) calls require() for Node's built-in modules
    // and reads __filename (write-file-atomic names its temporary files with it).
    banner: {
      js: [
        "import { createRequire as __createRequire } from 'node:module';",
        "import { fileURLToPath as __fileURLToPath } from 'node:url';",
        'const require = __createRequire(import.meta.url);',
        'const __filename = __fileURLToPath(import.meta.url);',
        "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
      ].join(' '),
    },
    plugins: [lazyDependencies],
    metafile: true,
    logLevel: 'warning',
  });
  // --metafile FILE: what went into each output file, for esbuild's analyser.
  const metafile = process.argv.indexOf('--metafile');
  if (metafile > 0) writeFileSync(process.argv[metafile + 1]!, JSON.stringify(result.metafile));
  const files = Object.keys(result.metafile.outputs);
  const chunks = files.filter((f) => f.includes('/chunks/'));
  console.log(`bundled ${files.length - chunks.length} entries and ${chunks.length} shared chunks into ${relative(packageRoot, outdir)}/`);
}

await main();
