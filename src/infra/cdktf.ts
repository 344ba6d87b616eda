/**
 * The cdktf and constructs classes the constructs use, loaded with require().
 *
 * An ESM import of cdktf makes Node lex its index and every module it re-exports to find the
 * export names; require() skips that (~40 ms of every synthesis). It is also the one place
 * to change for a move to CDK Terrain (`cdktn`), cdktf's community fork with the same API.
 */
import {createRequire} from 'node:module'
import type * as Cdktf from 'cdktf'
import type * as Constructs from 'constructs'

export type {IAspect, IResolvable, ITerraformDependable} from 'cdktf'
export type {IConstruct, Node} from 'constructs'

const load = createRequire(import.meta.url)
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
