// The Node build wrapped WITH the `__` test hooks (`__debugPanic`), which
// the package's entries leave out of its API.
import { createRequire } from 'node:module';
import { wrapApi } from '../js/wrap.js';

const require = createRequire(import.meta.url);

export function withTestHooks() {
  const glue = require('../pkg/node/wholesale_core_wasm.js');
  return wrapApi(glue, glue.__wbg_reset_state, { hooks: true });
}
