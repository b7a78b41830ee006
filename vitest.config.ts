import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql instance: Node loads Pothos and yoga with graphql's CommonJS
    // build, so test code must not get the ESM build ("another realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    globalSetup: ["test/support/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite is single-threaded WASM; two workers match the machines' two cores.
    maxWorkers: 2,
    // The event stream's fallback poll is put out of reach so that tests prove
    // commits wake subscribers by notification alone.
    env: { NODE_ENV: "test", ROSTER_EVENT_POLL_MS: "600000" },
  },
});
