/**
 * A "billion laughs" YAML file: five short lines whose aliases expand to 100,000 values. Both the
 * spec reader's unit tests and the hostile-input table feed it to scaleplan.
 */
export const ALIAS_BOMB = [
  'a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
].join('\n')
