/** Component tests: jsdom + Testing Library, TypeScript via SWC (ts-jest does not work with TypeScript 7). */
export default {
  testEnvironment: "jsdom",
  roots: ["<rootDir>/src"],
  testMatch: ["**/*.test.tsx", "**/*.test.ts"],
  transform: { "^.+\\.tsx?$": ["@swc/jest", { jsc: { transform: { react: { runtime: "automatic" } } } }] },
  setupFilesAfterEnv: ["<rootDir>/jest.setup.ts"],
  moduleNameMapper: { "\\.css$": "<rootDir>/src/testing/style-stub.ts" },
};
