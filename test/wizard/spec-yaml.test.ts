import {describe, expect, it} from '@jest/globals'

import {recommend} from '../../src/cost/recommend.js'
import {parseSpecText} from '../../src/spec/read-file.js'
import {resolveSpec} from '../../src/spec/resolve.js'
import {fieldMeta} from '../../src/spec/schema.js'
import {QUESTION_KEYS, type Answers} from '../../src/wizard/questions.js'
import {SCHEMA_PATH, specYaml} from '../../src/wizard/spec-yaml.js'

const ANSWERS: Answers = {
  name: 'shop',
  users: '2.5M',
  readWrite: '90:10',
  regions: ['us-east-1', 'eu-west-1'],
  dataSize: '500GB',
  objectDataSize: '2TB',
  requestsPerUser: 50,
  peakFactor: 2,
  queriesPerRequest: 3,
  responseSize: '40KB',
  staticShare: '70%',
  hotSet: 0.1,
  headroom: 0.5,
  availability: 99.9,
  services: ['search', 'payment'],
}

const escape = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')

const specFrom = (sources: Parameters<typeof resolveSpec>[0]) => {
  const result = resolveSpec(sources)
  if (!result.ok) throw new Error(result.problems.join('\n'))
  return result.spec
}

describe('specYaml', () => {
  it('writes a file that loads back to the same spec, and so the same recommendation, as the answers', () => {
    const text = specYaml(ANSWERS, SCHEMA_PATH)
    const fromFile = specFrom({file: parseSpecText(text, 'scaleplan.yaml'), env: {}, flags: {}})
    const fromAnswers = specFrom({env: {}, flags: ANSWERS})
    expect(fromFile).toEqual(fromAnswers)
    expect(recommend(fromFile)).toEqual(recommend(fromAnswers))
  })

  it("points editors at the JSON Schema with a yaml-language-server modeline, and keeps the user's forms", () => {
    const text = specYaml(ANSWERS, SCHEMA_PATH)
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=templates/schema/scaleplan.schema.json')
    expect(text).toContain('\nusers: 2.5M ')
    // Quoted: YAML 1.1 readers would take a bare 90:10 for a base-60 number.
    expect(text).toContain('\nreadWrite: "90:10" ')
    expect(text).toContain(
      '\nregions:                # AWS regions, the first holding the database primaries\n  - us-east-1\n  - eu-west-1\n',
    )
  })

  it("comments every key with its field's description, the words --help and editors show", () => {
    const text = specYaml(ANSWERS)
    for (const key of QUESTION_KEYS) {
      expect(text).toMatch(new RegExp(`^${key}:.* # ${escape(fieldMeta(key).description)}$`, 'm'))
    }
  })

  it('is deterministic: the same answers give the same bytes', () => {
    expect(specYaml(ANSWERS, SCHEMA_PATH)).toBe(specYaml({...ANSWERS}, SCHEMA_PATH))
  })

  it('writes an empty service list as [], which loads back as no services', () => {
    const text = specYaml({...ANSWERS, services: []})
    expect(text).toMatch(/\nservices: \[\] +#/)
    expect(specFrom({file: parseSpecText(text, 'f'), env: {}, flags: {}}).services).toEqual([])
  })
})
