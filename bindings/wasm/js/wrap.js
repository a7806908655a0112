// Shared by the Node entry (index.js) and the browser entry (web.js): wraps
// every function of a wasm-bindgen glue module so that a trap of the wasm
// module (a Rust panic, with panic=abort, is `RuntimeError: unreachable`) is
// thrown as an `Error` with `code: "INTERNAL_ERROR"` and the panic message,
// and the module instance is replaced by a fresh one (a trapped instance may
// hold half-updated state).

// `start` is the module's start function (installs the panic hook); it runs on
// instantiation and is not part of the API.
const HIDDEN = new Set(['default', 'initSync', 'start', '__takePanicMessage']);

/** An Error carrying the fields every thrown error of the package has. */
export function wholesaleError(code, message, { rule = null, field = null, path = null, cause } = {}) {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.code = code;
  error.rule = rule;
  error.field = field;
  error.path = path;
  return error;
}

/**
 * @param glue the first glue module (its exports are the API)
 * @param renew () => a fresh, initialized glue module, or null if none is ready
 */
export function wrapApi(glue, renew) {
  let current = glue;
  const api = {};
  for (const [name, value] of Object.entries(glue)) {
    if (typeof value !== 'function' || HIDDEN.has(name)) continue;
    api[name] = function (...args) {
      try {
        return current[name](...args);
      } catch (error) {
        if (!(error instanceof WebAssembly.RuntimeError)) throw error;
        let panic = null;
        try {
          panic = current.__takePanicMessage() ?? null;
        } catch {
          // The trapped instance cannot even answer: report the trap itself.
        }
        const fresh = renew();
        if (fresh) current = fresh;
        throw wholesaleError(
          'INTERNAL_ERROR',
          `internal error in ${name}: ${panic ?? error.message} (a bug: please report it with the input)`,
          { cause: error },
        );
      }
    };
    Object.defineProperty(api[name], 'name', { value: name });
  }
  return api;
}
