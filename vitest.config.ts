import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    allowOnly: false,
    globalSetup: ['test/helpers/keyring-guard.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})
