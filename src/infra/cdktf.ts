/**
 * The cdktf and constructs classes the constructs use, loaded with require().
 *
 * An ESM import of cdktf makes Node lex its index and every module it re-exports to find the
 * export names; require() skips that (~40 ms of every synthesis). It is also the one place
 * to change for a move to CDK Terrain (`cdktn`), cdktf's community fork with the same API.
 */
import {Module, createRequire} from 'node:module'
import util from 'node:util'
import type * as Cdktf from 'cdktf'
import type * as Constructs from 'constructs'

export type {IAspect, IResolvable, ITerraformDependable} from 'cdktf'
export type {IConstruct, Node} from 'constructs'

const load = createRequire(import.meta.url)
deferArchiver()
undeprecateIsArray()
const cdktf = load('cdktf') as typeof Cdktf
const constructs = load('constructs') as typeof Constructs

export const {
  Annotations,
  App,
  Aspects,
  DefaultTokenResolver,
  Fn,
  LocalBackend,
  Op,
  S3Backend,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Token,
  Tokenization,
} = cdktf
export type App = Cdktf.App
export type TerraformProvider = Cdktf.TerraformProvider
export type TerraformVariable = Cdktf.TerraformVariable
export type TerraformElement = Cdktf.TerraformElement
export type TerraformResource = Cdktf.TerraformResource
export type TerraformStack = Cdktf.TerraformStack

export const {Construct} = constructs
export type Construct = Constructs.Construct

/**
 * cdktf 0.21 tells objects from arrays in its outputs with `util.isArray`, which Node 22 deprecates
 * at run time (DEP0044): every synthesis with an object output printed a DeprecationWarning on
 * stderr. `util.isArray` is `Array.isArray` by definition; cdktf gets that, without the warning.
 */
function undeprecateIsArray(): void {
  Object.defineProperty(util, 'isArray', {value: Array.isArray})
}

/**
 * cdktf requires `archiver` as it loads, for the zip archives of TerraformAsset, which scaleplan
 * never makes; archiver brings lodash, streams and glob with it (about 230 modules, a third of
 * cdktf's load time). A stand-in takes its place in the require cache and loads the real one on
 * first use, so an asset would still work.
 */
function deferArchiver(): void {
  const fromCdktf = createRequire(load.resolve('cdktf'))
  const path = fromCdktf.resolve('archiver')
  if (load.cache[path]) return
  let real: ((...args: unknown[]) => unknown) | undefined
  const archiver = () => {
    if (!real) {
      delete load.cache[path]
      real = fromCdktf('archiver') as typeof real
    }
    return real!
  }
  const standIn = new Module(path)
  standIn.filename = path
  standIn.loaded = true
  standIn.exports = new Proxy(function archiverStandIn() {}, {
    apply: (_target, thisArg, args) => Reflect.apply(archiver(), thisArg, args),
    get: (_target, key) => Reflect.get(archiver(), key),
    has: (_target, key) => Reflect.has(archiver(), key),
  })
  load.cache[path] = standIn
}
