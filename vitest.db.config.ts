import { defineConfig } from "vitest/config";

// `npm run test:db`: tests that need a database server (MariaDB), which `npm test` does not start.
export default defineConfig({
  test: {
    include: ["test/db/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
