// The package's browser entry: `const api = await init()`. Same functions as
// the Node entry, on the wasm-bindgen web build. A fresh copy of the glue
// module (a separate ES module instance, imported with a distinct query) is
// kept ready so that after a trap the API switches synchronously to a new
// wasm instance.
import { wrapApi, wholesaleError } from './wrap.js';

const GLUE = new URL('../pkg/web/wholesale_core_wasm.js', import.meta.url).href;
const WASM = new URL('../pkg/web/wholesale_core_wasm_bg.wasm', import.meta.url);

export { wholesaleError };

let ready;

/** Loads and instantiates the module once; resolves to the API object. */
export function init() {
  ready ??= start();
  return ready;
}

async function start() {
  const response = await fetch(WASM);
  if (!response.ok) throw new Error(`cannot load ${WASM}: HTTP ${response.status}`);
  const module = await WebAssembly.compile(await response.arrayBuffer());
  let generation = 0;
  const fresh = () => import(`${GLUE}?instance=${generation++}`);
  const first = await fresh();
  first.initSync({ module });
  let spare = await fresh();
  return wrapApi(first, () => {
    const next = spare;
    spare = null;
    fresh().then((glue) => { spare = glue; });
    if (next) next.initSync({ module });
    return next;
  });
}
