import { defineConfig } from "vitest/config";

// `npm run test:browser`: the playground in Debian's Chromium (/usr/bin/chromium) driven by
// playwright-core. `npm test` never runs these (vitest.config.ts excludes test/browser/**).
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
