import { defineConfig } from "vitest/config";

/** `npm run fuzz`: the long fuzz run only (test/fuzz/fuzz.long.ts), no coverage, one file. */
export default defineConfig({
  test: {
    include: ["test/fuzz/fuzz.long.ts"],
    testTimeout: 24 * 3600_000,
  },
});
