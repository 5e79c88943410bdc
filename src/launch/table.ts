/** What the fast launcher knows of the CLI without loading oclif; scripts/manifest.mjs writes it at build. */
export interface LaunchTable {
  /** package.json name and version, as oclif prints them for --version. */
  name: string
  version: string
  /** oclif's help flags (`--help` plus oclif.additionalHelpFlags) and version flags. */
  helpFlags: readonly string[]
  versionFlags: readonly string[]
}

/** The piped `--help` text of every command and topic (and of the root, key ''), keyed by the words before --help. */
export type HelpTexts = Readonly<Record<string, string>>
