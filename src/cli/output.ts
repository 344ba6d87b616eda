/**
 * The two ways out: every byte scaleplan prints goes through one of these, so commands, the
 * progress views and the cdktf app cannot disagree about streams. The stream is looked up at
 * each call, so a test that captures `process.stdout` sees it all.
 */

/** Results: text, Markdown, JSON. `text` is written as given; add the newline you mean. */
export function writeStdout(text: string): void {
  process.stdout.write(text)
}

/** For the person watching: errors, warnings, notes, progress. Written as given. */
export function writeStderr(text: string): void {
  process.stderr.write(text)
}
