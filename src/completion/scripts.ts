/** Shells ddcli writes completion scripts for. */
export const SHELLS = ['bash', 'fish', 'zsh'] as const
export type Shell = (typeof SHELLS)[number]

/**
 * Bash: the words typed so far (up to the cursor, split at blanks only, so `v1:Name` stays one word) go to
 * `__complete`; bash itself splits at `:` and `=`, so the part before its current word is cut from the candidates.
 * A lone path ending in `/` gets no trailing space. Works with bash 3.2 (macOS): no negative indexes.
 */
function bash(bin: string, fn: string): string {
  return `# bash completion for ${bin}. Load it with: source <(${bin} completion bash)
${fn}() {
  local line=\${COMP_LINE:0:COMP_POINT} word=\${COMP_WORDS[COMP_CWORD]} prefix
  local -a words
  read -ra words <<< "$line"
  [[ -z $line || $line == *[[:space:]] ]] && words+=("")
  prefix=\${words[\${#words[@]}-1]}
  prefix=\${prefix%"$word"}
  local candidate
  COMPREPLY=()
  while IFS= read -r candidate; do
    COMPREPLY+=("\${candidate#"$prefix"}")
  done < <(${bin} __complete -- "\${words[@]:1}" 2>/dev/null)
  [[ \${#COMPREPLY[@]} -eq 1 && \${COMPREPLY[0]} == */ ]] && compopt -o nospace 2>/dev/null
  return 0
}
complete -o default -F ${fn} ${bin}
`
}

/**
 * Zsh: sourced after compinit, or saved as `_ddcli` in a directory of $fpath (then the file is the function
 * body, hence the funcstack test). Paths ending in `/` get no suffix; no candidates falls back to files.
 */
function zsh(bin: string, fn: string): string {
  return `#compdef ${bin}
# zsh completion for ${bin}. Load it with: source <(${bin} completion zsh)   (after compinit)
${fn}() {
  local -a out spaced slashed
  local c
  out=("\${(@f)$(${bin} __complete -- "\${(@)words[2,CURRENT-1]}" "$PREFIX" 2>/dev/null)}")
  for c in "\${out[@]}"; do
    [[ -z $c ]] && continue
    if [[ $c == */ ]]; then slashed+=("$c"); else spaced+=("$c"); fi
  done
  if (( \${#spaced} + \${#slashed} == 0 )); then
    _files
    return
  fi
  (( \${#spaced} )) && compadd -- "\${spaced[@]}"
  (( \${#slashed} )) && compadd -S '' -- "\${slashed[@]}"
  return 0
}
if [[ \${funcstack[1]-} == ${fn} ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${bin}
fi
`
}

/**
 * Fish: the tokens before the cursor (unquoted by fish) and the one being typed go to `__complete`; fish matches
 * whole tokens, so `--site=` candidates come back whole. Fish adds no space after a candidate ending in `/`.
 * No candidates falls back to file paths (for --input and friends).
 */
function fish(bin: string, fn: string): string {
  return `# fish completion for ${bin}. Load it with: ${bin} completion fish | source
function ${fn}
    set -l tokens (commandline -opc)
    set -l current (commandline -ct)
    set -l out (${bin} __complete -- $tokens[2..-1] "$current" 2>/dev/null)
    if test (count $out) -eq 0
        __fish_complete_path "$current"
        return
    end
    printf '%s\\n' $out
end
complete -c ${bin} -e
complete -c ${bin} -f -a '(${fn})'
`
}

/** The completion script for a shell; `bin` is the command name it completes (`ddcli`). */
export function completionScript(shell: Shell, bin: string): string {
  const fn = `_${bin.replace(/\W/g, '_')}`
  if (shell === 'fish') return fish(bin, `__${fn.slice(1)}_complete`)
  return shell === 'bash' ? bash(bin, `${fn}_complete`) : zsh(bin, fn)
}
