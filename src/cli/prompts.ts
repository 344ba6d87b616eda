/**
 * Approval prompts for apply and destroy. @inquirer/prompts loads only when a person is asked,
 * so commands that never prompt do not pay for it.
 */
import {InterruptedError} from './errors.js'
import {loadPrompts} from './load-prompts.js'

export async function confirmApply(question: string): Promise<boolean> {
  const {confirm} = await loadPrompts()
  return ask(() => confirm({message: question, default: false}))
}

/** Destroy asks for the project name typed out, so a stray Enter cannot confirm it. */
export async function confirmByName(name: string, question: string): Promise<boolean> {
  const {input} = await loadPrompts()
  const answer = await ask(() => input({message: `${question} Type the project name (${name}) to confirm:`}))
  return answer === name
}

async function ask<T>(prompt: () => Promise<T>): Promise<T> {
  try {
    return await prompt()
  } catch (error) {
    // Ctrl-C at a prompt: nothing has been applied yet.
    if (error instanceof Error && error.name === 'ExitPromptError') {
      throw new InterruptedError(['cancelled at the confirmation; nothing was changed'])
    }

    throw error
  }
}
