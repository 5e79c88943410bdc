import type {Writable} from 'node:stream'
import {neutralizeControls} from '../output/json.js'

const FLUSH_BYTES = 64 * 1024

/**
 * Writes result lines in completion order, or in input order with `ordered`. In order, results that finished
 * early wait in a buffer of at most `window` entries; `hasRoom` tells the scheduler to read no further meanwhile.
 * A stdout that does not keep up (a slow reader of the pipe) also stops reading until it drains. Lines are
 * gathered and written together at the end of each turn of the event loop: one write per line cost more than the
 * requests themselves. On a terminal (`terminal`), the lines are neutralised as every server string is there.
 */
export class ResultWriter {
  /** Called when a backed-up stdout drains; the scheduler sets it to wake itself. */
  onDrain: () => void = () => {}
  /** Called before lines are written (the progress line clears itself when stdout shares its terminal). */
  beforeWrite: () => void = () => {}

  private readonly pending = new Map<number, string>()
  private next = 0
  private blocked = false
  private gathered: string[] = []
  private gatheredBytes = 0
  private scheduled = false

  constructor(private readonly stdout: Writable, private readonly ordered: boolean, private readonly window: number, private readonly terminal = false) {}

  /** Hands over the result line of request number `seq` (0-based, input order). */
  write(seq: number, line: string): void {
    if (!this.ordered) return this.gather(line)
    this.pending.set(seq, line)
    for (let text = this.pending.get(this.next); text !== undefined; text = this.pending.get(this.next)) {
      this.pending.delete(this.next)
      this.next++
      this.gather(text)
    }
  }

  /** Whether request number `seq` may start now. */
  hasRoom(seq: number): boolean {
    return !this.blocked && (!this.ordered || seq - this.next < this.window)
  }

  /** Writes what has been gathered now. */
  flush(): void {
    this.scheduled = false
    if (this.gathered.length === 0) return
    // A result line is one line of JSON: a raw tab can only be whitespace between tokens, and the newline ends it;
    // every other control or format character (a bidi override in a body string) is escaped, the JSON unchanged.
    const text = this.terminal ? neutralizeControls(this.gathered.join('')) : this.gathered.join('')
    this.gathered = []
    this.gatheredBytes = 0
    this.beforeWrite()
    if (this.stdout.write(text) || this.blocked) return
    this.blocked = true
    this.stdout.once('drain', () => {
      this.blocked = false
      this.onDrain()
    })
  }

  private gather(line: string): void {
    this.gathered.push(line)
    this.gatheredBytes += line.length
    if (this.gatheredBytes >= FLUSH_BYTES) return this.flush()
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => this.flush())
    }
  }
}
