export * from "./errors";
export * from "./schemas/fields";
export * from "./schemas/accounts";
export * from "./schemas/circles";
export * from "./schemas/audit";
export * from "./schemas/chores";
export * from "./schemas/devices";
export * from "./sdk/client";
