import {defineConfig} from 'vitest/config'

// The end-to-end files that also run against the single executable (npm run test:exe sets DDCLI_TEST_EXE, and
// test/helpers/cli.ts then spawns it instead of node bin/run.js): calls, auth, config, batch, paginate, jq,
// completion, errors and signals, the response cache across processes, output formats on a terminal, plus test/exe/
// (what only the executable has). Left out: what measures or traces node bin/run.js itself (startup, launch's
// loader, package, no-home's node under another uid, paginate-memory's NODE_OPTIONS preload, which a single
// executable does not take) or the README and docs, which run the npm install.
const EXE_FILES = ['api-show-example', 'args-stdin', 'auth-prompt', 'bad-input', 'batch', 'cache-processes', 'color', 'completion-cli', 'completion-shells',
  'endings', 'help', 'in-process-parity', 'jq', 'jq-paths', 'keychain', 'lock', 'mistakes', 'oclif-dirs', 'output-terminal', 'paginate-terminal',
  'profiles', 'proxy', 'pup-names', 'replay', 'resilience', 'secrets', 'terminal', 'terminal-safety'].map((name) => `test/e2e/${name}.test.ts`)
const exe = process.env.DDCLI_TEST_EXE

// Two projects: `unit` runs the sources in this process and needs no build (npm run test:unit); `e2e` spawns the
// built CLI where the process itself is what is tested, and refuses a build older than the sources.
export default defineConfig({
  test: {
    allowOnly: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // e2e files mostly wait on the processes they spawn, so three files run at once on 2 cores (vitest's default is
    // one fewer than the cores: one at a time here).
    maxWorkers: 3,
    projects: [
      {extends: true, test: {name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', 'test/exe/**'], globalSetup: ['test/helpers/keyring-guard.ts', 'test/helpers/temp-guard.ts']}},
      {extends: true, test: {name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/helpers/keyring-guard.ts', 'test/helpers/temp-guard.ts', 'test/helpers/fresh-dist.ts']}},
      // Only when DDCLI_TEST_EXE names the executable (npm run test:exe), so plain `vitest run` needs no build:exe.
      ...(exe ? [{extends: true as const, test: {name: 'exe', include: [...EXE_FILES, 'test/exe/**/*.test.ts'], env: {DDCLI_TEST_EXE: exe},
        globalSetup: ['test/helpers/keyring-guard.ts', 'test/helpers/temp-guard.ts', 'test/helpers/fresh-dist.ts', 'test/helpers/fresh-exe.ts']}}] : []),
    ],
  },
})
