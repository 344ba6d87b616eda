/**
 * Records measured thresholds in the user's spec file, changing nothing else: every byte outside
 * the edited `thresholds:` entries stays as it was (comments, blank lines, quoting, key order).
 * Pure: text in, text out; the command reads and writes the file.
 */
import {isMap, isScalar, parseDocument, stringify, type Document, type Pair, type YAMLMap} from 'yaml'

import {formatNumber} from '../format/numbers.js'
import type {MeasuredProvenance} from '../spec/measured.js'
import {THRESHOLDS, type ThresholdName} from '../spec/thresholds.js'
import type {CalibrationResult, MeasuredThreshold} from './result.js'

export interface MeasuredEntry {
  readonly name: ThresholdName
  readonly value: number
  readonly measured: MeasuredProvenance
}

/** Every comment calibrate writes starts so; an older one above a re-measured key is replaced. */
export const COMMENT_PREFIX = '# measured by scaleplan calibrate'

export class SpecUpdateError extends Error {
  override readonly name = 'SpecUpdateError'
}

/**
 * The entries a calibration records: each threshold rounded for people (rates whole, small
 * values to three digits) with its provenance; `skipped` says which fall outside what a spec
 * accepts.
 */
export function measuredEntries(result: CalibrationResult): {entries: MeasuredEntry[]; skipped: string[]} {
  const entries: MeasuredEntry[] = []
  const skipped: string[] = []
  for (const threshold of result.thresholds) {
    const value = roundForSpec(threshold.value)
    const {min, max} = THRESHOLDS[threshold.name]
    if (value < min || value > max) {
      skipped.push(
        `${threshold.name} ${value} is outside what a spec accepts (${min} to ${max} ${threshold.unit}); not written`,
      )
      continue
    }

    entries.push({name: threshold.name, value, measured: provenance(result, threshold)})
  }

  return {entries, skipped}
}

/** `text` with each entry set under `thresholds:`, in the order given. */
export function applyMeasured(text: string, entries: readonly MeasuredEntry[]): string {
  let out = text
  for (const entry of entries) out = applyOne(out, entry)
  check(text, out, entries)
  return out
}

/** The comment above an entry: what, where and when, on one line. */
export function entryComment({measured}: MeasuredEntry): string {
  const command = /^scaleplan calibrate (\w+)/.exec(measured.by)?.[1]
  return `${COMMENT_PREFIX}${command ? ` ${command}` : ''} on ${measured.on} at ${measured.target}${measured.against ? `, against ${measured.against}` : ''}`
}

function parse(text: string): Document.Parsed {
  const doc = parseDocument(text, {keepSourceTokens: true})
  if (doc.errors.length > 0) throw new SpecUpdateError(`not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`)
  if (doc.contents !== null && !isMap(doc.contents))
    throw new SpecUpdateError('expected a mapping of keys like "users: 2.5M" at the top')
  return doc
}

function applyOne(text: string, entry: MeasuredEntry): string {
  const doc = parse(text)
  const top = doc.contents as YAMLMap | null
  const thresholds = top?.items.find((p) => keyOf(p) === 'thresholds')
  if (!thresholds) return appendThresholds(text, entry)
  const map = thresholds.value
  // A flow mapping (thresholds: {a: 1}) or an empty key: no lines to splice into, so let the
  // Document API rewrite the file. Comments survive; spacing inside lines may not.
  if (!isMap(map) || map.flow || !map.range) return rewrite(doc, entry)
  const existing = map.items.find((p) => keyOf(p) === entry.name)
  const indent = columnOf(text, (map.items[0]!.key as {range: [number, number, number]}).range[0])
  const block = renderEntry(entry, indent)
  if (!existing) {
    const end = lineEnd(text, map.range[1])
    return `${text.slice(0, end)}${text.endsWith('\n') || end < text.length ? '' : '\n'}${block}${text.slice(end)}`
  }

  let start = lineStart(text, (existing.key as {range: [number, number, number]}).range[0])
  // Replace our own comment from an earlier calibration; keep any comment of the user's.
  for (;;) {
    const previous = lineStart(text, start - 1)
    if (start === 0 || !text.slice(previous, start).trim().startsWith(COMMENT_PREFIX)) break
    start = previous
  }

  const valueRange = (existing.value as {range?: [number, number, number]} | null)?.range
  const end = lineEnd(text, valueRange ? valueRange[1] : (existing.key as {range: [number, number, number]}).range[2])
  return `${text.slice(0, start)}${block}${text.slice(end)}`
}

function appendThresholds(text: string, entry: MeasuredEntry): string {
  const base = text === '' || text.endsWith('\n') ? text : `${text}\n`
  return `${base}thresholds:\n${renderEntry(entry, 2)}`
}

function rewrite(doc: Document.Parsed, entry: MeasuredEntry): string {
  const node = doc.createNode({value: entry.value, measured: entry.measured})
  doc.setIn(['thresholds', entry.name], node)
  const map = doc.get('thresholds', true) as YAMLMap
  map.flow = false
  const pair = map.items.find((p) => keyOf(p) === entry.name)!
  const key = isScalar(pair.key) ? pair.key : doc.createNode(entry.name)
  key.commentBefore = entryComment(entry).slice(1)
  pair.key = key
  return doc.toString({lineWidth: 0})
}

/** The entry as block YAML lines at `indent` spaces, comment first, ending with a newline. */
function renderEntry(entry: MeasuredEntry, indent: number): string {
  const yaml = stringify({[entry.name]: {value: entry.value, measured: entry.measured}}, {lineWidth: 0})
  const pad = ' '.repeat(indent)
  return [entryComment(entry), ...yaml.trimEnd().split('\n')].map((line) => `${pad}${line}`).join('\n') + '\n'
}

/** Everything but the thresholds written must read back the same: the edit touched nothing else. */
function check(before: string, after: string, entries: readonly MeasuredEntry[]): void {
  const old = (parse(before).toJS() ?? {}) as Record<string, unknown>
  const now = (parse(after).toJS() ?? {}) as Record<string, unknown>
  const strip = (spec: Record<string, unknown>) => {
    const thresholds = {...((spec.thresholds as Record<string, unknown> | null) ?? {})}
    for (const entry of entries) delete thresholds[entry.name]
    return JSON.stringify({...spec, thresholds})
  }

  const written = (now.thresholds ?? {}) as Record<string, {value?: unknown}>
  const lost = entries.find((e) => written[e.name]?.value !== e.value)
  if (strip(old) !== strip(now) || lost)
    throw new SpecUpdateError('editing the file would change more than the measured thresholds')
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset)
}

function lineStart(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1
}

/** The offset just past the end of the line holding `offset` (after its newline). */
function lineEnd(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset
  const newline = text.indexOf('\n', offset)
  return newline === -1 ? text.length : newline + 1
}

/** Rates as whole numbers; small values (KB per response) to three significant digits. */
function roundForSpec(value: number): number {
  return value >= 100 ? Math.round(value) : Number(value.toPrecision(3))
}

function provenance(result: CalibrationResult, t: MeasuredThreshold): MeasuredProvenance {
  const sweep = result.sweeps.find((s) => s.name === t.sweep)
  const {target} = result
  const size = [target.vcpus ? `${target.vcpus} vCPUs` : null, target.instanceClass].filter(Boolean).join(', ')
  const mix = sweep && sweep.name !== 'http' && sweep.name !== 'cache' ? `${sweep.name} mix, ` : ''
  return {
    on: result.measuredAt.slice(0, 10),
    target: `p99 < ${formatNumber(result.settings.p99TargetMs)} ms`,
    by:
      `scaleplan calibrate ${result.kind}: ${mix}${formatNumber(t.measured, t.measured < 10 ? 2 : 0)} ${t.measuredUnit} ` +
      `at ${t.atClients} client${t.atClients === 1 ? '' : 's'} (${sweep?.description ?? t.sweep}); ${t.how}`,
    against: `${target.url} (${target.server}${size ? `, ${size}` : ''})`,
    ...(t.lowerBound ? {lowerBound: true} : {}),
  }
}
