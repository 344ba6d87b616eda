import {describe, expect, it} from '@jest/globals'

import {terminalStyle} from '../../src/cli/style.js'
import {PLAIN} from '../../src/format/style.js'

describe('terminalStyle', () => {
  it('is plain text, without loading chalk, where nothing is coloured', async () => {
    const style = await terminalStyle(undefined, {}, false)
    expect(style).toBe(PLAIN)
    expect(style.bold.cyan('stage 4')).toBe('stage 4')
  })

  it("is chalk's at a terminal and with --color, and what it styles carries the colour codes", async () => {
    for (const style of [await terminalStyle(undefined, {}, true), await terminalStyle(true, {}, false)]) {
      expect(style).not.toBe(PLAIN)
      expect(style.bold.cyan('stage 4')).toBe('\u001B[1m\u001B[36mstage 4\u001B[39m\u001B[22m')
      expect(style.dim('note')).toBe('\u001B[2mnote\u001B[22m')
    }
    expect(await terminalStyle(false, {FORCE_COLOR: '1'}, true)).toBe(PLAIN)
  })
})
