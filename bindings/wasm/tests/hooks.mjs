// The Node build wrapped WITH the `__` test hooks (`__debugPanic`,
// `__checkCsvSummary`), which the package's entries leave out of its API.
import { createRequire } from 'node:module';
import { wrapApi } from '../js/wrap.js';

const require = createRequire(import.meta.url);
const GLUE = require.resolve('../pkg/node/wholesale_core_wasm.js');

function load() {
  delete require.cache[GLUE];
  return require(GLUE);
}

export function withTestHooks() {
  return wrapApi(load(), load, { hooks: true });
}
