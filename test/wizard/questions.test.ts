import {describe, expect, it} from '@jest/globals'

import {specFlags} from '../../src/cli/spec-flags.js'
import {resolveSpec} from '../../src/spec/resolve.js'
import {
  QUESTIONS,
  QUESTION_KEYS,
  answerFromText,
  projectNameFrom,
  questionFlagName,
  questionFlags,
  type QuestionKey,
} from '../../src/wizard/questions.js'
import {answersFromFlags, missingRequired} from '../../src/wizard/run-wizard.js'

describe('wizard questions', () => {
  it('asks in the order a person thinks: basics first, then the advanced ones', () => {
    expect(QUESTIONS.map((q) => q.key)).toEqual(QUESTION_KEYS)
    expect(QUESTIONS.filter((q) => !q.advanced).map((q) => q.key)).toEqual([
      'name',
      'users',
      'readWrite',
      'regions',
      'dataSize',
    ])
    expect(QUESTIONS.filter((q) => q.advanced).map((q) => q.key)).toEqual([
      'objectDataSize',
      'requestsPerUser',
      'peakFactor',
      'queriesPerRequest',
      'responseSize',
      'staticShare',
      'hotSet',
      'headroom',
      'availability',
      'services',
    ])
  })

  it('derives one flag per question, named like the shared spec flag for the same key', () => {
    expect(Object.keys(questionFlags).sort()).toEqual(QUESTION_KEYS.map(questionFlagName).sort())
    for (const key of QUESTION_KEYS) {
      expect(Object.keys(specFlags)).toContain(questionFlagName(key))
    }
  })

  it('has a default for every question that its own validator accepts, so Enter all the way through is valid', () => {
    for (const q of QUESTIONS) {
      const answer = answerFromText(q.key, q.defaultText('/home/me/my-shop'))
      expect({key: q.key, ok: answer.ok}).toEqual({key: q.key, ok: true})
    }
  })

  const cases: Array<[QuestionKey, string, unknown]> = [
    ['name', 'shop', 'shop'],
    ['users', '2.5M', '2.5M'],
    ['users', '2500000', 2_500_000],
    ['users', ' 10k ', '10k'],
    ['readWrite', '90:10', '90:10'],
    ['readWrite', '9', '9'],
    ['regions', 'us-east-1, eu-west-1', ['us-east-1', 'eu-west-1']],
    ['dataSize', '750GiB', '750GiB'],
    ['requestsPerUser', '120', 120],
    ['peakFactor', '2.5', 2.5],
    ['availability', '99.95%', 99.95],
    ['services', '', []],
    ['services', 'search,payment', ['search', 'payment']],
  ]
  it.each(cases)('accepts %s %j and keeps it for the file as %j', (key, text, value) => {
    expect(answerFromText(key, text)).toEqual({ok: true, value})
  })

  const bad: Array<[QuestionKey, string]> = [
    ['name', 'My Shop'],
    ['users', 'lots'],
    ['users', '0'],
    ['readWrite', '90/10'],
    ['regions', 'us-eats-1'],
    ['regions', ''],
    ['dataSize', '500'],
    ['peakFactor', '0.5'],
    ['availability', '100'],
    ['services', 'Search'],
  ]
  it.each(bad)('refuses %s %j with the message the spec file and flags give for it', (key, text) => {
    const answer = answerFromText(key, text)
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    // The same value given to `recommend` (lists as a spec file holds them) fails with the same words.
    const list = key === 'regions' || key === 'services'
    const viaSpec = resolveSpec({
      env: {},
      flags: {users: '1', [key]: list ? (text === '' ? [] : text.split(',')) : text},
    })
    expect(viaSpec.ok).toBe(false)
    if (!viaSpec.ok) expect(viaSpec.problems).toContain(`--${questionFlagName(key)}: ${answer.message}`)
  })

  it('names the project after its folder when the folder name is a valid name', () => {
    expect(projectNameFrom('/home/me/shop')).toBe('shop')
    expect(projectNameFrom('/home/me/My Shop 2')).toBe('my-shop-2')
    expect(projectNameFrom('/home/me/2024_project')).toBe('project')
    expect(projectNameFrom('/')).toBe('app')
    expect(projectNameFrom('/home/me/a-very-long-project-name-indeed')).toBe('a-very-long-project-name')
  })
})

describe('answers from flags', () => {
  it('validates every flag and reports each bad one on its own line', () => {
    const {given, problems} = answersFromFlags({users: 'lots', regions: 'us-east-1,eu-west-1', 'data-size': '5 apples'})
    expect(given).toEqual({regions: ['us-east-1', 'eu-west-1']})
    expect(problems).toEqual([
      '--users: expected a whole number from 1 to 10B, like 2500000, 2.5M, 10k or 1_000_000, or a range like 1M..5M, got "lots"',
      '--data-size: expected a size with a unit from 1MB to 10PB, like 500GB, 2TB or 750GiB, or a range like 200GB..1TB, got "5 apples"',
    ])
  })

  it('counts only users as required: every other question has a spec default', () => {
    expect(missingRequired({}).map((q) => q.key)).toEqual(['users'])
    expect(missingRequired({users: '2.5M'})).toEqual([])
    // A bad value is reported as bad, not as missing as well.
    expect(missingRequired({users: 'lots'})).toEqual([])
  })
})
