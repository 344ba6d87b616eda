import {describe, expect, it} from '@jest/globals'

import {SPEC_FIELDS, SPEC_KEYS, isRequired} from '../../src/spec/schema.js'

describe('isRequired', () => {
  // isRequired reads how a field was declared; the schema, by parsing, is what decides.
  it.each(SPEC_KEYS)('says of %s what its schema does with no value', (key) => {
    expect(isRequired(key)).toBe(!SPEC_FIELDS[key].safeParse(undefined).success)
  })

  it('holds users, the one field with neither a default nor a way to stay unset', () => {
    expect(SPEC_KEYS.filter((key) => isRequired(key))).toEqual(['users'])
  })
})
