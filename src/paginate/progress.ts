import type {Writable} from 'node:stream'
import {oneLine} from '../output/render.js'

/** `page 3, 300 items`, and the rate-limit wait when there is one. */
export function progressText(page: number, items: number, wait?: string): string {
  return `page ${page}, ${items.toLocaleString('en-US')} item${items === 1 ? '' : 's'}${wait ? `, ${wait}` : ''}`
}

/** The one progress line of a walk, redrawn in place on a terminal's stderr; inert when `enabled` is false. */
export class Progress {
  private shown = false

  constructor(private readonly stderr: Writable, private readonly enabled: boolean) {}

  show(text: string): void {
    if (!this.enabled) return
    // The wait's cause quotes a response header: no control character of it reaches the terminal.
    this.stderr.write(`\r\u001b[K${`ddcli: ${oneLine(text)}`.slice(0, 200)}`)
    this.shown = true
  }

  clear(): void {
    if (!this.shown) return
    this.stderr.write('\r\u001b[K')
    this.shown = false
  }
}
