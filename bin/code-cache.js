/**
 * Loads a CommonJS file of the bundle with V8's code cache, as `require` would load it otherwise.
 *
 * Why: most of a CLI's start-up is V8 compiling its JavaScript, and V8 compiles a function only
 * when it first runs. Node's own compile cache (module.enableCompileCache) is written as a module
 * is compiled, before any of its functions ran, so it saves the first step only. This cache is
 * written as the process exits, after the command ran: the next run of that command finds the
 * functions it calls already compiled. Measured on `recommend`, the work takes 0.75x (Node 20)
 * to 0.8x (Node 22) the time it takes with Node's cache.
 *
 * The cache is one file per file and command word, in the user's cache directory (never a shared
 * one: V8 trusts what it reads). Its name holds the bundle's build id (a hash of its content the
 * build writes into its first line), size and modification time, and Node's version: V8 itself
 * only checks the source's length and its own flags. A cache that is missing, stale or rejected is
 * written again on exit; one that cannot be written is skipped. NODE_DISABLE_COMPILE_CACHE turns
 * it off, as it does Node's; SCALEPLAN_CACHE_DIR moves it.
 */
const {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} = require('node:fs')
const Module = require('node:module')
const {basename, dirname, join} = require('node:path')
const {Script} = require('node:vm')

/**
 * `file`'s exports, loaded through the code cache kept for `key` (a word naming what this run does,
 * say the command). The cache is written on exit, after a run that succeeded and only if
 * `keep(exports)` is true, so a word that names nothing (a typo) leaves no file behind.
 * `beforeFiles` runs once, before `file` (or its code, through the `require` it is given) first
 * loads another file: a chunk or a package, not one of Node's modules.
 */
function requireWithCodeCache(file, {key, keep = () => true, beforeFiles = () => {}}) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || !/^[a-z][a-z0-9]{0,31}$/.test(key)) {
    beforeFiles()
    return require(file)
  }

  // The build writes the core in ASCII (stampBuildId checks), which latin1 reads faster than UTF-8.
  const source = readFileSync(file, 'latin1')
  const cache = codeCache(file, source, key)
  if (cache === undefined) {
    beforeFiles()
    return require(file)
  }

  let cachedData
  try {
    cachedData = readFileSync(cache.file)
  } catch {
    // None yet: this run writes it.
  }

  const script = new Script(Module.wrap(source), {filename: file, cachedData})
  // As require() does: the module is in require.cache before it runs, so the chunks it loads
  // (which require it back for the modules they share) get this instance.
  const loaded = new Module(file, undefined)
  loaded.filename = file
  require.cache[file] = loaded
  try {
    script
      .runInThisContext()
      .call(loaded.exports, loaded.exports, requireFrom(file, beforeFiles), loaded, file, dirname(file))
  } catch (error) {
    delete require.cache[file]
    throw error
  }

  loaded.loaded = true
  if (cachedData === undefined || script.cachedDataRejected) {
    // Only after a run that succeeded: a failed one (a mistyped flag, a bad spec) compiled its error
    // path, and V8 would accept that cache for every later run of the command, which then compiles
    // the rest anew each time.
    process.once('exit', (code) => code === 0 && keep(loaded.exports) && writeCodeCache(cache, script))
  }

  return loaded.exports
}

/** `require` as `file` has it, calling `beforeFiles` once before the first file it loads. */
function requireFrom(file, beforeFiles) {
  const plain = Module.createRequire(file)
  let first = true
  const wrapped = (request) => {
    if (first && !Module.isBuiltin(request)) {
      first = false
      beforeFiles()
    }
    return plain(request)
  }
  // resolve, cache, main, extensions: what a module's own `require` carries.
  return Object.assign(wrapped, plain)
}

/**
 * Where the cache of `file` for `key` lives (`file`, named after `prefix` and what it must match);
 * undefined when there is to be none.
 */
function codeCache(file, source, key) {
  const build = /^\/\/ build ([0-9a-f]+)\n/.exec(source)?.[1]
  if (build === undefined) return undefined
  try {
    const {size, mtimeMs} = statSync(file)
    const prefix = `${basename(file, '.cjs')}.${key}.`
    const name = `${prefix}${build}-${size}-${Math.trunc(mtimeMs)}-${process.version}.bin`
    return {file: join(cacheDirectory(), 'code', name), prefix}
  } catch {
    return undefined
  }
}

/** The user's cache directory for scaleplan, as oclif places it for each platform. */
function cacheDirectory() {
  const {env} = process
  if (env.SCALEPLAN_CACHE_DIR) return env.SCALEPLAN_CACHE_DIR
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? homedir(), 'scaleplan')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'scaleplan')
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'scaleplan')
}

/**
 * The user's home directory: HOME where it is set, as os.homedir() itself answers on Unix, without
 * loading node:os (half a millisecond of every run) for it.
 */
function homedir() {
  return (process.platform !== 'win32' && process.env.HOME) || require('node:os').homedir()
}

/** Writes the script's code cache whole (a concurrent run reads the old file or the new one), and removes the ones it replaces. */
function writeCodeCache({file, prefix}, script) {
  try {
    const dir = dirname(file)
    mkdirSync(dir, {recursive: true, mode: 0o700})
    const temporary = `${file}.${process.pid}.tmp`
    writeFileSync(temporary, script.createCachedData(), {mode: 0o600})
    renameSync(temporary, file)
    for (const old of readdirSync(dir)) {
      if (old.startsWith(prefix) && old.endsWith('.bin') && old !== basename(file))
        rmSync(join(dir, old), {force: true})
    }
  } catch {
    // Only a cache: the next run compiles as this one did.
  }
}

module.exports = {requireWithCodeCache}
