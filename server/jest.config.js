/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: {
    // openid-client, oidc-provider and jose are ES modules, which Jest loads only through a real import()
    // (decision 0040); everywhere else import() stays require(), which the global setup needs.
    "/src/(services/sso|test/oidcProvider)\\.ts$": ["@swc/jest", { module: { type: "commonjs", ignoreDynamic: true } }],
    "^.+\\.tsx?$": ["@swc/jest"],
  },
  testMatch: ["<rootDir>/src/**/*.test.ts"],
  // Each test file starts its own server and database; two at a time fits our 2 cores.
  maxWorkers: 2,
  // Once per run: the template each file's database is copied from (src/test/globalSetup.ts).
  globalSetup: "<rootDir>/src/test/globalSetup.ts",
  globalTeardown: "<rootDir>/src/test/globalTeardown.ts",
  // Also the hooks' limit: starting a file's server and database, and the processes some
  // files spawn, take many times longer on a busy CI machine than on an idle one.
  testTimeout: 120_000,
};
