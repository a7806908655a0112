// The package's browser entry: `const api = await init()`. Same functions as
// the Node entry, on the wasm-bindgen web build. A fresh copy of the glue
// module (a separate ES module instance, imported with a distinct query) is
// kept ready so that after a trap the API switches synchronously to a new
// wasm instance.
import type * as Glue from "../pkg/web/wholesale_core_wasm.js";
import { wrapApi } from "./wrap.js";

export type * from "../pkg/web/wholesale_core_wasm.js";
export type { WholesaleError } from "./wrap.js";

/** The package's functions, once the module is loaded. */
export type Api = Omit<typeof Glue, "default" | "initSync" | `__${string}`>;

const GLUE = new URL("../pkg/web/wholesale_core_wasm.js", import.meta.url).href;
const WASM = new URL("../pkg/web/wholesale_core_wasm_bg.wasm", import.meta.url);

let ready: Promise<Api> | undefined;

/** Loads and instantiates the web build once; resolves to the API. */
export function init(): Promise<Api> {
  ready ??= start();
  return ready;
}

async function start(): Promise<Api> {
  const response = await fetch(WASM);
  if (!response.ok) throw new Error(`cannot load ${WASM.href}: HTTP ${response.status}`);
  const module = await WebAssembly.compile(await response.arrayBuffer());
  let generation = 0;
  const fresh = (): Promise<typeof Glue> => import(`${GLUE}?instance=${generation++}`) as Promise<typeof Glue>;
  const first = await fresh();
  first.initSync({ module });
  let spare: typeof Glue | null = await fresh();
  return wrapApi<Api>(first, () => {
    const next = spare;
    spare = null;
    void fresh().then((glue) => {
      spare = glue;
    });
    if (next) next.initSync({ module });
    return next;
  });
}
