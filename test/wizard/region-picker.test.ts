/** The region picker's one round, rendered by @inquirer/testing: keys in, value out. */
import {describe, expect, it} from '@jest/globals'
import {search} from '@inquirer/prompts'
import {render} from '@inquirer/testing'

import {DONE, matchesRegion, regionChoices, regionSearchConfig, toggleRegion} from '../../src/wizard/region-picker.js'

/** Lets the prompt's async `source` settle and redraw. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('region picker', () => {
  it('shows each region with its name and code, and "Done" with the selection first', async () => {
    const {answer, events, getScreen} = await render(search<string>, regionSearchConfig('AWS regions', ['us-east-1']))
    await settle()
    const screen = getScreen()
    expect(screen).toContain('❯ Done: us-east-1')
    expect(screen).toMatch(/◉ us-east-1\s+US East \(N\. Virginia\)/)
    expect(screen).toMatch(/◯ us-east-2\s+US East \(Ohio\)/)
    events.keypress('enter')
    await expect(answer).resolves.toBe(DONE)
  })

  it('filters by name as you type, and Enter picks the first match', async () => {
    const {answer, events, getScreen} = await render(search<string>, regionSearchConfig('AWS regions', ['us-east-1']))
    await settle()
    events.type('frankfurt')
    await settle()
    expect(getScreen()).toMatch(/❯ ◯ eu-central-1\s+Europe \(Frankfurt\)/)
    expect(getScreen()).not.toMatch(/Done:/)
    events.keypress('enter')
    await expect(answer).resolves.toBe('eu-central-1')
  })

  it('filters by code words, and arrows move between matches', async () => {
    const {answer, events} = await render(search<string>, regionSearchConfig('AWS regions', []))
    await settle()
    events.type('eu west')
    await settle()
    events.keypress('down')
    events.keypress('enter')
    await expect(answer).resolves.toBe('eu-west-2')
  })

  it('cannot finish with no region selected: "Done" is disabled, Enter selects the first region', async () => {
    const {answer, events, getScreen} = await render(search<string>, regionSearchConfig('AWS regions', []))
    await settle()
    expect(getScreen()).toContain('Done (select at least one region)')
    events.keypress('enter')
    await expect(answer).resolves.toBe('us-east-1')
  })

  it('keeps the order regions were chosen in, because the first holds the primaries', () => {
    expect(toggleRegion(['us-east-1'], 'eu-west-1')).toEqual(['us-east-1', 'eu-west-1'])
    expect(toggleRegion(['us-east-1', 'eu-west-1'], 'us-east-1')).toEqual(['eu-west-1'])
    expect(regionChoices(['eu-west-1', 'us-east-1'], undefined)[0]).toMatchObject({
      value: DONE,
      name: 'Done: eu-west-1 (primary), us-east-1',
    })
  })

  it('matches every word of the search in the code or the name', () => {
    const tokyo = {code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)'}
    expect(matchesRegion('tokyo', tokyo)).toBe(true)
    expect(matchesRegion('AP north', tokyo)).toBe(true)
    expect(matchesRegion('ap osaka', tokyo)).toBe(false)
    expect(matchesRegion('', tokyo)).toBe(true)
  })
})
