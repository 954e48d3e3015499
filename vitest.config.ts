import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // need a database server: `npm run test:db` (vitest.db.config.ts)
    exclude: ["test/db/**", "test/browser/**", "**/node_modules/**"],
    testTimeout: 30_000,
  },
});
