export * from "./reference";
export * from "./accounts";
export * from "./organisations";
export * from "./messaging";
export * from "./system";
