/**
 * The styles scaleplan's text uses, as the renderers see them: chalk's when there is colour
 * (cli/style.ts), or PLAIN, which leaves text as it is and loads nothing.
 */

/** Styles a piece of text. */
export type Styler = (text: string) => string

/** What the renderers use of chalk; a ChalkInstance is one. */
export interface TextStyle {
  readonly bold: Styler & {readonly cyan: Styler}
  readonly dim: Styler
  readonly yellow: Styler
  readonly green: Styler
}

const asIs: Styler = (text) => text

/** No colour: a pipe, a file, NO_COLOR, --no-color. */
export const PLAIN: TextStyle = {
  bold: Object.assign((text: string) => text, {cyan: asIs}),
  dim: asIs,
  yellow: asIs,
  green: asIs,
}
