/** Browser tests: the production build, served by the real server on PGlite, driven in Chromium. */
export default {
  testEnvironment: "node",
  roots: ["<rootDir>/e2e"],
  testMatch: ["**/*.e2e.ts"],
  transform: { "^.+\\.tsx?$": ["@swc/jest"] },
  globalSetup: "<rootDir>/e2e/support/global-setup.ts",
  testTimeout: 120_000,
  maxWorkers: 1,
};
