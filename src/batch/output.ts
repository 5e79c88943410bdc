import type {Writable} from 'node:stream'

/**
 * Writes result lines in completion order, or in input order with `ordered`. In order, results that finished
 * early wait in a buffer of at most `window` entries; `hasRoom` tells the scheduler to read no further meanwhile.
 * A stdout that does not keep up (a slow reader of the pipe) also stops reading until it drains.
 */
export class ResultWriter {
  private readonly pending = new Map<number, string>()
  private next = 0
  private blocked = false

  /** Called when a backed-up stdout drains; the scheduler sets it to wake itself. */
  onDrain: () => void = () => {}
  /** Called before each line is written (the progress line clears itself when stdout shares its terminal). */
  beforeWrite: () => void = () => {}

  constructor(private readonly stdout: Writable, private readonly ordered: boolean, private readonly window: number) {}

  /** Hands over the result line of request number `seq` (0-based, input order). */
  write(seq: number, line: string): void {
    if (!this.ordered) return this.emit(line)
    this.pending.set(seq, line)
    for (let text = this.pending.get(this.next); text !== undefined; text = this.pending.get(this.next)) {
      this.pending.delete(this.next)
      this.next++
      this.emit(text)
    }
  }

  /** Whether request number `seq` may start now. */
  hasRoom(seq: number): boolean {
    return !this.blocked && (!this.ordered || seq - this.next < this.window)
  }

  private emit(line: string): void {
    this.beforeWrite()
    if (this.stdout.write(line) || this.blocked) return
    this.blocked = true
    this.stdout.once('drain', () => {
      this.blocked = false
      this.onDrain()
    })
  }
}
