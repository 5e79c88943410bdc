// The single executable's assets (scripts/exe.mjs names them in its SEA config), read on first use.

/** An asset's bytes, as a Buffer over the executable's own copy; throws when the executable lacks it. */
export function asset(name: string): Buffer {
  // node:sea is read at run time: it answers only in the executable, never while the snapshot is built.
  return Buffer.from(process.getBuiltinModule('node:sea').getAsset(name))
}
