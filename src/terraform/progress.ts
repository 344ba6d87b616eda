/**
 * Progress from Terraform's -json stream. At a terminal: a live view, one line per stack
 * (resources done of total, current resource, elapsed). In CI and pipes: plain one-line events.
 */
import type {UiMessage} from './messages.js'

export interface Progress {
  phase(stack: string, phase: string): void
  /** How many resource changes the stack's apply will make. */
  expect(stack: string, total: number): void
  message(stack: string, message: UiMessage): void
  done(stack: string, outcome: string): void
  close(): void
}

type Write = (text: string) => void

/** How often a CI log hears that a quiet call is still running. */
export const HEARTBEAT_MS = 60_000

/**
 * One line per event, prefixed by the stack: readable in CI logs, greppable afterwards. A stack
 * that has printed nothing for HEARTBEAT_MS gets a line saying it is still at work, for how long,
 * and when Terraform last said anything: a CI log never goes silent for long, and a hung call
 * shows as one whose Terraform stopped talking.
 */
export class PlainProgress implements Progress {
  private readonly stacks = new Map<string, {phase: string; since: number; lastWrite: number; lastMessage?: number}>()
  private readonly timer?: NodeJS.Timeout

  constructor(
    private readonly write: Write,
    private readonly now: () => number = Date.now,
    heartbeatMs: number | undefined = HEARTBEAT_MS,
  ) {
    if (heartbeatMs !== undefined) {
      this.timer = setInterval(() => this.heartbeat(heartbeatMs), heartbeatMs)
      this.timer.unref()
    }
  }

  phase(stack: string, phase: string): void {
    const now = this.now()
    this.stacks.set(stack, {phase, since: now, lastWrite: now})
    this.line(stack, phase)
  }

  expect(): void {}

  message(stack: string, message: UiMessage): void {
    const view = this.stacks.get(stack)
    if (view) view.lastMessage = this.now()
    switch (message.type) {
      // Terraform's own "Creating..." lines double a CI log; completions carry the same news.
      case 'apply_complete':
      case 'apply_errored':
      case 'change_summary':
      case 'unknown':
        this.line(stack, message['@message'])
        break
      case 'diagnostic': {
        const {severity, summary, address} = message.diagnostic
        this.line(stack, `${severity}: ${summary}${address ? ` (${address})` : ''}`)
        break
      }
      default:
        break
    }
  }

  done(stack: string, outcome: string): void {
    this.stacks.delete(stack)
    this.write(`[${stack}] ${outcome}\n`)
  }

  /** Says of each stack quiet for `quietMs` that it is still at work. Runs on a timer; tests call it. */
  heartbeat(quietMs: number): void {
    const now = this.now()
    for (const [stack, view] of this.stacks) {
      if (now - view.lastWrite < quietMs) continue
      const spoke =
        view.lastMessage === undefined
          ? 'no output from terraform yet'
          : `terraform last reported ${duration(now - view.lastMessage)} ago`
      this.line(stack, `still ${view.phase} after ${duration(now - view.since)} (${spoke})`)
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer)
  }

  private line(stack: string, text: string): void {
    const view = this.stacks.get(stack)
    if (view) view.lastWrite = this.now()
    this.write(`[${stack}] ${text}\n`)
  }
}

/** "45s", "3m", "1h 05m". */
function duration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m`
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`
}

interface StackView {
  phase: string
  total: number
  completed: number
  current: string
  readonly started: number
  ended?: number
}

/** Redraws one line per stack in place, a few times a second. */
export class LiveProgress implements Progress {
  private readonly stacks = new Map<string, StackView>()
  private drawn = 0
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly write: Write,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.draw(), 250)
    this.timer.unref()
  }

  phase(stack: string, phase: string): void {
    this.view(stack).phase = phase
    this.draw()
  }

  expect(stack: string, total: number): void {
    this.view(stack).total = total
  }

  message(stack: string, message: UiMessage): void {
    const view = this.view(stack)
    if (message.type === 'apply_start') view.current = message.hook.resource.addr
    if (message.type === 'apply_complete') view.completed++
    if (message.type === 'apply_errored') view.current = `${message.hook.resource.addr} failed`
  }

  done(stack: string, outcome: string): void {
    const view = this.view(stack)
    view.phase = outcome
    view.current = ''
    view.ended = this.now()
    this.draw()
  }

  /** Draws the final frame and leaves it in place; output after this goes below it. */
  close(): void {
    clearInterval(this.timer)
    this.draw()
    this.drawn = 0
  }

  private view(stack: string): StackView {
    let view = this.stacks.get(stack)
    if (!view) {
      view = {phase: 'waiting', total: 0, completed: 0, current: '', started: this.now()}
      this.stacks.set(stack, view)
    }

    return view
  }

  private draw(): void {
    const width = Math.max(...[...this.stacks.keys()].map((s) => s.length), 0)
    const lines = [...this.stacks].map(([stack, v]) => {
      const elapsed = Math.round(((v.ended ?? this.now()) - v.started) / 1000)
      const count = v.total > 0 ? ` ${v.completed}/${v.total}` : ''
      return `${stack.padEnd(width)}  ${v.phase}${count}  ${elapsed}s${v.current ? `  ${v.current}` : ''}`
    })
    // Move up over the previous frame and clear each line before writing the new one.
    const up = this.drawn > 0 ? `\u001B[${this.drawn}A` : ''
    this.write(up + lines.map((line) => `\u001B[2K${line}\n`).join(''))
    this.drawn = lines.length
  }
}
