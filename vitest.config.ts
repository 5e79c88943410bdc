import {defineConfig} from 'vitest/config'

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
      {extends: true, test: {name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'], globalSetup: ['test/helpers/keyring-guard.ts']}},
      {extends: true, test: {name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/helpers/keyring-guard.ts', 'test/helpers/fresh-dist.ts']}},
    ],
  },
})
