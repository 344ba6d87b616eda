/**
 * `npm run build`: bundles the CLI with esbuild into dist/, then writes the command manifest and
 * the spec's JSON Schema (scripts/write-manifest.mjs, scripts/generate-schema.mjs).
 *
 * - The CLI is a few CommonJS chunks in dist/bundle/, each holding one part of the program
 *   (CHUNKS): `core` is what every run loads (the command line, the commands, spec, planning,
 *   costs, text), the others load only when their code runs (oclif for help, provisioning,
 *   calibration, the prompts, the AWS provider's classes). Every module is in exactly one chunk:
 *   a module importing one of another chunk gets it from that chunk's `modules` (a function per
 *   module, which initializes it on first call), so modules and their classes exist once however
 *   they are reached. esbuild's own splitting decides chunks by which entry points share code and
 *   made `recommend` load 32 files; it has no way to name them.
 * - CommonJS because bin/run.js loads the core through V8's code cache (bin/code-cache.js), which
 *   Node gives scripts and not ES modules. The core therefore never calls `import()` itself (an
 *   ES-module-only package is imported from another chunk); the build refuses one that does.
 * - The pure-JavaScript libraries are bundled (BUNDLED): loading them from node_modules cost
 *   hundreds of module loads (zod alone is ~230 files, oclif ~100 with its dependencies). So are
 *   the ~50 resources of the AWS provider that infra/aws.ts imports: the package then installs
 *   without the provider's 390 MB. Everything else stays a runtime dependency resolved from
 *   node_modules: cdktf and constructs (one instance shared by the provider's classes and ours),
 *   oclif's plugins (oclif loads them by package name), the prompts and the calibration clients.
 * - dist/cdktf-app.js (the app cdktf.json runs) is an ES module that takes `main` from the core.
 * - Source maps sit beside each file; `bin/run.js` turns them on for stack traces under DEBUG.
 *
 * bench/startup-choices.mjs builds variants of this bundle through `bundle()` to measure each choice.
 */
import {createHash} from 'node:crypto'
import {build} from 'esbuild'
import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * Bundled into dist/. Build-time dependencies (devDependencies), except @oclif/core, which stays a
 * dependency because oclif's plugins import it from node_modules.
 */
export const BUNDLED = [
  'zod',
  'yaml',
  'chalk',
  'wrap-ansi',
  // The root help asks it whether oclif's help would colour (src/cli/bold-headers.ts).
  'supports-color',
  '@oclif/core',
  '@cdktf/provider-aws',
]
const RUNTIME_TOO = new Set(['@oclif/core'])

// oclif loads these only to run TypeScript sources in development; never part of the CLI.
const DEVELOPMENT_ONLY = ['typescript', 'ts-node', 'tsx', 'source-map-support']

/** Where the chunks go: two levels below the package root, as src/<folder>/ is, so a module that finds templates/ from its own URL (infra/render-template.ts) finds it from a chunk too. */
const CHUNK_DIR = 'dist/bundle'

/**
 * The chunks, each with the modules it owns (by path from the package root) and what it exports
 * by name for bin/run.js and package.json's oclif section. A module of src/ no chunk owns is the
 * core's; a bundled package's module goes with the chunk whose modules import it, or to the core
 * when modules of several chunks do.
 */
export const CHUNKS = {
  core: {exports: {main: 'src/main.ts', COMMANDS: 'src/command-table.ts', isOwnWord: 'src/command-table.ts'}},
  oclif: {
    owns: (path) =>
      path.startsWith('node_modules/@oclif/core/') || ['src/cli/oclif-run.ts', 'src/cli/help.ts'].includes(path),
    exports: {Help: 'src/cli/help.ts#default'},
  },
  // Apart from oclif's chunk: the hook imports @oclif/plugin-not-found (and its own oclif and prompts).
  'not-found': {
    owns: (path) => path === 'src/cli/command-not-found.ts',
    exports: {commandNotFound: 'src/cli/command-not-found.ts#default'},
  },
  // With the modules that validate Topologies and synth records (zod's classic API, see PER_CHUNK).
  provision: {
    owns: (path) =>
      /^src\/(infra|terraform)\//.test(path) || ['src/topology/schema.ts', 'src/cli/synth-record.ts'].includes(path),
  },
  calibrate: {owns: (path) => path.startsWith('src/calibrate/')},
  prompts: {owns: (path) => path === 'src/cli/load-prompts.ts'},
  'provider-aws': {owns: (path) => path.startsWith('node_modules/@cdktf/provider-aws/')},
}
/**
 * Packages each chunk bundles its own part of. zod: the core uses its mini API (the spec), provisioning
 * its classic one (Topologies, Terraform's messages). Shared, a chunk would get a module whole, and
 * zod's index modules re-export all of zod (650 KB); no schema or zod error passes between chunks.
 */
const PER_CHUNK = ['node_modules/zod/']
const perChunk = (path) => PER_CHUNK.some((prefix) => path.startsWith(prefix))
/** The chunk bin/run.js loads through the code cache; its first line carries a hash of its content. */
const CACHED = 'core'
/** The app cdktf.json runs: an ES module of its own (dist/cdktf-app.js), taking `main` from the core. */
const APP = 'src/cdktf-app.ts'
const BUILD_ID = '0'.repeat(16)

/** What every esbuild run here shares: how sources resolve, what stays in node_modules. */
function commonOptions(bundled) {
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const dependencies = Object.keys(pjson.dependencies ?? {})
  const misplaced = bundled.filter((name) => dependencies.includes(name) && !RUNTIME_TOO.has(name))
  if (misplaced.length > 0) throw new Error(`bundled, so devDependencies, not dependencies: ${misplaced.join(', ')}`)
  const external = [...new Set([...dependencies, ...BUNDLED])]
    .filter((name) => !bundled.includes(name))
    .flatMap((name) => [name, `${name}/*`])
  return {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: [...external, ...DEVELOPMENT_ONLY],
    // yaml's ES module build (its package names it for browsers; it is the same code): bundled,
    // its modules are hoisted into one scope where the CommonJS build's are each wrapped in a
    // function and required, and 60 KB lighter. Reading a spec file starts 3-7 ms sooner.
    alias: {yaml: './node_modules/yaml/browser/index.js'},
    logLevel: 'warning',
    metafile: true,
  }
}

/** Every module the CLI is made of and what each imports, from one bundling of all its entry points. */
async function moduleGraph(options) {
  const {metafile} = await build({
    ...options,
    entryPoints: ['src/main.ts', APP, 'src/cli/help.ts', 'src/cli/command-not-found.ts'],
    outdir: join(root, 'dist'),
    format: 'esm',
    splitting: true,
    write: false,
  })
  return new Map(
    Object.entries(metafile.inputs).map(([path, input]) => [
      path,
      input.imports.filter((i) => !i.external && i.path in metafile.inputs).map((i) => i.path),
    ]),
  )
}

/** The chunk of every module of `graph` (cdktf-app.ts's is `app`), by the rules of CHUNKS. */
function assignChunks(graph) {
  const owner = new Map()
  for (const path of graph.keys()) {
    const claimed = Object.keys(CHUNKS).find((name) => CHUNKS[name].owns?.(path))
    if (path === APP) owner.set(path, 'app')
    else if (claimed || path.startsWith('src/')) owner.set(path, claimed ?? 'core')
  }
  // A package's module no rule claims goes with the chunk whose modules import it.
  const reachedFrom = new Map()
  const visit = (path, chunk) => {
    for (const next of graph.get(path)) {
      if (owner.has(next) || perChunk(next)) continue
      const chunks = reachedFrom.get(next) ?? new Set()
      if (chunks.has(chunk)) continue
      reachedFrom.set(next, chunks.add(chunk))
      visit(next, chunk)
    }
  }
  for (const [path, chunk] of owner) visit(path, chunk)
  for (const [path, chunks] of reachedFrom) owner.set(path, chunks.size === 1 ? [...chunks][0] : 'core')
  return owner
}

/**
 * An esbuild plugin for building chunk `chunk`: an import of a module another chunk owns becomes
 * that chunk's `modules[path]()`, required from `requireFrom` (the directory of the output file).
 */
function crossChunkImports(chunk, owner, requireFrom) {
  return {
    name: 'cross-chunk-imports',
    setup(build) {
      build.onResolve({filter: /.*/}, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData?.resolving) return undefined
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: {resolving: true},
        })
        if (resolved.errors.length > 0 || resolved.external || !resolved.path) return undefined
        const path = relative(root, resolved.path)
        const other = owner.get(path)
        if (other === undefined || other === chunk) return undefined
        return {path, namespace: 'chunk', pluginData: {file: chunkFile(other, requireFrom)}}
      })
      build.onLoad({filter: /.*/, namespace: 'chunk'}, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.pluginData.file)}).modules[${JSON.stringify(args.path)}]()`,
        loader: 'js',
      }))
      build.onResolve({filter: /\.cjs$/, namespace: 'chunk'}, (args) => ({path: args.path, external: true}))
    },
  }
}

/** How a file in `from` requires chunk `name`. */
function chunkFile(name, from) {
  const path = relative(from, join(root, CHUNK_DIR, `${name}.cjs`))
  return path.startsWith('.') ? path : `./${path}`
}

/** The source of chunk `name`'s entry: its named exports and `modules`, the modules other chunks import. */
function chunkEntry(name, shared) {
  const abs = (path) => JSON.stringify(join(root, path))
  const named = Object.entries(CHUNKS[name].exports ?? {}).map(([as, target]) => {
    const [path, binding = as] = target.split('#')
    return `export {${binding} as ${as}} from ${abs(path)}`
  })
  const modules = shared.map((path) => `  ${JSON.stringify(path)}: () => require(${abs(path)}),`)
  return [...named, 'export const modules = {', ...modules, '}', ''].join('\n')
}

/**
 * Bundles src/ into `outdir` (a dist/ directory; emptied first), with the packages named in
 * `bundled` inside the bundle and every other dependency left to node_modules. Returns the bytes
 * of JavaScript written.
 */
export async function bundle({outdir = join(root, 'dist'), bundled = BUNDLED} = {}) {
  const options = commonOptions(bundled)
  const graph = await moduleGraph(options)
  const owner = assignChunks(graph)
  // The modules each chunk gives to others.
  const shared = new Map(Object.keys(CHUNKS).map((name) => [name, new Set()]))
  for (const [path, imports] of graph) {
    for (const imported of imports) {
      const chunk = owner.get(imported)
      if (chunk !== owner.get(path)) shared.get(chunk)?.add(imported)
    }
  }

  rmSync(outdir, {recursive: true, force: true})
  const chunkDir = join(outdir, relative(join(root, 'dist'), join(root, CHUNK_DIR)))
  const output = {sourcemap: 'linked', sourcesContent: false, minify: false, legalComments: 'linked'}
  // Sources stay readable without the maps (not minified); maps point at src/ without inlining it.
  const results = await Promise.all([
    ...Object.keys(CHUNKS).map((name) =>
      build({
        ...options,
        ...output,
        stdin: {contents: chunkEntry(name, [...shared.get(name)].sort()), resolveDir: root, sourcefile: `${name}.js`},
        outfile: join(chunkDir, `${name}.cjs`),
        ...formatOptions('cjs', {cached: name === CACHED}),
        plugins: [crossChunkImports(name, owner, join(root, CHUNK_DIR))],
      }),
    ),
    build({
      ...options,
      ...output,
      entryPoints: [APP],
      outfile: join(outdir, 'cdktf-app.js'),
      ...formatOptions('esm'),
      plugins: [crossChunkImports('app', owner, join(root, 'dist'))],
    }),
  ])
  checkChunks(results, owner)
  stampBuildId(join(chunkDir, `${CACHED}.cjs`))
  return results
    .flatMap((result) => Object.entries(result.metafile.outputs))
    .filter(([file]) => /\.c?js$/.test(file))
    .reduce((sum, [, output]) => sum + output.bytes, 0)
}

/**
 * No module in two chunks, none in a chunk it was not given to, no ES-module-only package required
 * by a CommonJS chunk, and no `import()` left in the core.
 */
function checkChunks(results, owner) {
  const seen = new Map()
  for (const {metafile} of results) {
    for (const [file, output] of Object.entries(metafile.outputs)) {
      for (const path of Object.keys(output.inputs)) {
        if (!owner.has(path)) {
          if (/^(src|node_modules)\//.test(path) && !perChunk(path))
            throw new Error(`${path} is bundled but was given no chunk`)
          continue
        }
        if (seen.has(path)) throw new Error(`${path} is in two chunks: ${seen.get(path)} and ${file}`)
        seen.set(path, file)
      }
      const required = output.imports.filter(
        (i) => i.external && i.kind !== 'dynamic-import' && !i.path.startsWith('node:'),
      )
      const esmOnly = required.map((i) => i.path).filter((name) => file.endsWith('.cjs') && isEsmOnly(name))
      if (esmOnly.length > 0) throw new Error(`${file} requires ${esmOnly.join(', ')}, an ES module only: import() it`)
      if (file.endsWith(`/${CACHED}.cjs`)) {
        const dynamic = output.imports.filter((i) => i.kind === 'dynamic-import' && i.external).map((i) => i.path)
        if (dynamic.length > 0)
          throw new Error(`the core imports ${dynamic.join(', ')} with import(): own it elsewhere`)
      }
    }
  }
}

/**
 * esbuild's options for a bundle in `format` ('cjs' or 'esm'). A CommonJS bundle is strict, as the
 * ES modules it is made of, and import.meta.url is its own URL; `cached`: its first line is the
 * build id bin/code-cache.js reads (stampBuildId fills it in). An ES module gets a `require` for
 * the CommonJS inside it.
 */
export function formatOptions(format, {cached = false} = {}) {
  if (format === 'esm') {
    const banner =
      "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"
    return {format, banner: {js: banner}}
  }
  const banner = [
    ...(cached ? [`// build ${BUILD_ID}`] : []),
    "'use strict'",
    // A getter: most chunks never ask, and a file URL is work at every start.
    "const __importMeta = {get url() { return require('node:url').pathToFileURL(__filename).href }}",
  ]
  return {format, banner: {js: banner.join('\n')}, define: {'import.meta.url': '__importMeta.url'}}
}

/** True for a package of node_modules that is an ES module only (`"type": "module"`). */
function isEsmOnly(specifier) {
  const parts = specifier.split('/')
  const name = parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/')
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).type === 'module'
  } catch {
    return false
  }
}

/** Writes the hash of `file`'s content into its first line, which bin/code-cache.js keys the cache by. */
export function stampBuildId(file) {
  const text = readFileSync(file, 'utf8')
  // bin/code-cache.js reads the core as latin1, which decodes ASCII exactly and faster than UTF-8
  // does; esbuild's default charset escapes everything else.
  if (/[^\0-\x7f]/.test(text)) throw new Error(`${file} is not ASCII: bin/code-cache.js reads it as latin1`)
  const id = createHash('sha256').update(text).digest('hex').slice(0, BUILD_ID.length)
  writeFileSync(file, text.replace(BUILD_ID, id))
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bytes = await bundle()
  console.log(`Bundled the CLI into ${CHUNK_DIR}/ (${(bytes / 1024).toFixed(0)} KB of JavaScript)`)
}
