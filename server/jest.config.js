/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.tsx?$": ["@swc/jest"] },
  testMatch: ["<rootDir>/src/**/*.test.ts"],
  // Each test file starts its own server and database; two at a time fits our 2 cores.
  maxWorkers: 2,
  testTimeout: 30000,
};
