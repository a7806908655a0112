// The package's browser entry: `const api = await init()`. Same functions as
// the Node entry, on the wasm-bindgen web build. The glue is imported
// statically, so a bundler (esbuild, Vite, webpack) follows it; only the
// `.wasm` file is fetched at run time: from beside this module by default, or
// from where `init({ wasm })` says (a bundler's URL for the file).
import * as glue from "../pkg/web/wholesale_core_wasm.js";
import type { CsvPlan } from "./plan.js";
import { wrapApi } from "./wrap.js";

export type * from "../pkg/web/wholesale_core_wasm.js";
export type { WholesaleError } from "./wrap.js";
export type { CsvPlan } from "./plan.js";

/** The package's functions, once the module is loaded (plumbing and classes left out). */
export type Api = Omit<typeof glue, "default" | "initSync" | `__${string}` | "PlanHandle" | "checkCsv"> & {
  /** The glue's `checkCsv`, its plan wrapped: see `CsvPlan`. */
  checkCsv(...args: Parameters<typeof glue.checkCsv>): CsvPlan;
};

/** Where the compiled module comes from. */
export interface InitOptions {
  /**
   * The `.wasm` file (`wholesale-core/wasm` in the package) as a URL, a
   * fetched `Response`, its bytes, or an already compiled module. Default:
   * the file beside this module, which a bundle does not have: pass the URL
   * the bundler gives for `wholesale-core/wasm`.
   */
  wasm?: URL | string | Response | BufferSource | WebAssembly.Module;
}

let ready: Promise<Api> | undefined;

/** Loads and instantiates the web build once; resolves to the API. */
export function init(options: InitOptions = {}): Promise<Api> {
  ready ??= start(options.wasm ?? new URL("../pkg/web/wholesale_core_wasm_bg.wasm", import.meta.url));
  return ready;
}

async function compile(source: NonNullable<InitOptions["wasm"]>): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof Response) return WebAssembly.compile(await source.arrayBuffer());
  if (typeof source === "string" || source instanceof URL) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`cannot load ${String(source)}: HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  }
  return WebAssembly.compile(source);
}

async function start(source: NonNullable<InitOptions["wasm"]>): Promise<Api> {
  glue.initSync({ module: await compile(source) });
  return wrapApi<Api>(glue, glue.__wbg_reset_state);
}
