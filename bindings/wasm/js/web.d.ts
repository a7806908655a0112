import type * as api from "../pkg/web/wholesale_core_wasm.js";
// Every declared interface and type alias (results, options, inputs).
export type * from "../pkg/web/wholesale_core_wasm.js";
export type { WholesaleError } from "./index.js";

/** The package's functions, once the module is loaded. */
export type Api = Omit<typeof api, "default" | "initSync">;

/** Loads and instantiates the web build once. */
export function init(): Promise<Api>;
export { wholesaleError } from "./index.js";
