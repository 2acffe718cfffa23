/**
 * Loading a bundle of dist/app with V8's code cache. Node 20 compiles every file it loads from its
 * source each time: for a bundle of a few hundred kilobytes that is some 30 ms of every start
 * (npm run bench:startup), more than the rest of our own start-up. V8 can instead take the
 * compiled code from an earlier run (its "code cache", which Node 22 offers as
 * module.enableCompileCache and Node 20 only through vm.Script). So the bundles are CommonJS
 * files this module compiles itself with the cache of the previous run, and registers as Node's
 * loader would have; after the command, a missing or rejected cache is written for the next run.
 *
 * The cache sits in dist/app/code-cache, inside the package: it is trusted as the code beside
 * it is, and whoever cannot write there (a user running an installation of root's) still reads
 * it. Its file name holds the bundle's content hash (from command-index.json, written by the
 * build) because V8 checks only the source's length, and the Node version, architecture and
 * V8 flags it was made with, which V8 checks, so that installations or runs under different
 * versions or flags do not overwrite each other's. A cache that cannot be read, written or used
 * only costs the compile it would have saved.
 */
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import vm from 'node:vm';

export const CODE_CACHE_DIR = 'code-cache';

/** The part of a cache file's name that names the bundle: `bundles-edit` for bundles/edit.cjs. */
const bundleName = (appDir: string, bundle: string) => relative(appDir, bundle).replace(/\.cjs$/, '').replaceAll(sep, '-');

/** What a cache of `bundle` at content `hash` is named by before its flags: usable by this Node. */
const cacheStem = (appDir: string, bundle: string, hash: string) => `${bundleName(appDir, bundle)}-${hash}-${process.version}-${process.arch}`;

/** The cache file of `bundle` (a file of `appDir`) whose content hash is `hash`, for this Node and these flags. */
function codeCacheFile(appDir: string, bundle: string, hash: string): string {
  // NODE_OPTIONS may set V8 flags too.
  const options = [...process.execArgv, ...(process.env.NODE_OPTIONS ? [process.env.NODE_OPTIONS] : [])];
  const flags = options.length ? `-${flagsKey(options)}` : '';
  return join(appDir, CODE_CACHE_DIR, `${cacheStem(appDir, bundle, hash)}${flags}.v8`);
}

/**
 * Removes the caches of `bundle` that no run of this installation can use any more: those of
 * other contents of the bundle or of another Node version (after an upgrade of either). Caches
 * of other flags are left, for the runs with those flags.
 */
function removeOutdated(appDir: string, bundle: string, hash: string): void {
  const dir = join(appDir, CODE_CACHE_DIR);
  const prefix = `${bundleName(appDir, bundle)}-`;
  const keep = cacheStem(appDir, bundle, hash);
  for (const file of readdirSync(dir)) {
    // `bundles-conf-` is also the start of `bundles-conf+iet-…`: a hash follows the prefix directly.
    if (!file.startsWith(prefix) || !/^[0-9a-f]{16}-/.test(file.slice(prefix.length)) || file.startsWith(keep)) continue;
    rmSync(join(dir, file), { force: true });
  }
}

/** A short, file-name-safe digest of the flags (FNV-1a: loading node:crypto would cost more). */
function flagsKey(flags: string[]): string {
  let digest = 0x811c9dc5;
  for (const char of flags.join('\0')) digest = Math.imul(digest ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return digest.toString(16);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the compiled code for the next run, whole or not at all (another process may be reading it). */
function writeCache(appDir: string, bundle: string, hash: string, file: string, script: vm.Script): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Asked first: serializing the code costs milliseconds, wasted at every run where it cannot be kept.
    accessSync(dirname(file), constants.W_OK);
    writeFileSync(temporary, script.createCachedData(), { mode: 0o644 });
    renameSync(temporary, file);
    removeOutdated(appDir, bundle, hash);
  } catch {
    // Not ours to write (another user's installation, a read-only file system): run without.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was left, or nothing can be removed there either
    }
  }
}

/** How each bundle this process loaded was compiled: from the cache, or from its source. */
const compiled = new Map<string, 'from cache' | 'from source'>();
export const howCompiled = (file: string) => compiled.get(file);

interface NodeModule {
  exports: unknown;
  filename: string;
  paths: string[];
  loaded: boolean;
}
interface ModuleInternals {
  new (id: string): NodeModule;
  _cache: Record<string, NodeModule>;
  _nodeModulePaths(from: string): string[];
}

/**
 * Loads the CommonJS bundle `file` (content hash `hash`) as require() would, with the code cache.
 * The bundle must not import() (scripts/build-bundle.ts checks): code from the cache has no
 * loader for it.
 */
export function loadBundle<T>(appDir: string, file: string, hash: string | undefined): T {
  const require = createRequire(file);
  if (!hash) return require(file) as T;
  const internals = Module as unknown as ModuleInternals;
  const cached = internals._cache[file];
  if (cached) return cached.exports as T;
  const cacheFile = codeCacheFile(appDir, file, hash);
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  compiled.set(file, fromCache ? 'from cache' : 'from source');
  // Written after the command, so that it holds the functions the command compiled as it ran.
  if (!fromCache) process.once('exit', () => writeCache(appDir, file, hash, cacheFile, script));
  const module = new internals(file);
  module.filename = file;
  module.paths = internals._nodeModulePaths(dirname(file));
  internals._cache[file] = module;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: NodeModule, filename: string, dirname: string) => void;
  try {
    wrapper.call(module.exports, module.exports, require, module, file, dirname(file));
  } catch (error) {
    // As require() does: a module that failed to load is not kept half-made.
    delete internals._cache[file];
    throw error;
  }
  module.loaded = true;
  return module.exports as T;
}
