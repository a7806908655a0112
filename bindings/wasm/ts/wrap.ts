// Shared by the Node entry (index.ts) and the browser entry (web.ts): wraps
// every function of a wasm-bindgen glue module so that a trap of the wasm
// module (a Rust panic, with panic=abort, is `RuntimeError: unreachable`) is
// thrown as an `Error` with `code: "INTERNAL_ERROR"` and the panic message,
// and the module is re-instantiated before the next call (a trapped instance
// may hold half-updated state).
import type { WholesaleErrorFields } from "../pkg/node/wholesale_core_wasm.js";

/** What every function throws: an `Error` with the problem's fields. */
export interface WholesaleError extends Error, WholesaleErrorFields {}

// `start` is the module's start function (installs the panic hook); it runs on
// instantiation and is not part of the API. Names starting with `__` are the
// module's plumbing and the package's test hooks: never part of the API.
const HIDDEN = new Set(["default", "initSync", "start"]);
const isHook = (name: string): boolean => name.startsWith("__");

type Glue = Record<string, unknown> & { __takePanicMessage?: () => string | undefined };

/** The `INTERNAL_ERROR` a trap becomes (no rule: it is a bug, not a rule). */
function internalError(message: string, cause: unknown): WholesaleError {
  const fields: WholesaleErrorFields = {
    code: "INTERNAL_ERROR",
    rule: null,
    severity: null,
    field: null,
    line: null,
    problems: [],
  };
  return Object.assign(new Error(message, { cause }), fields);
}

/**
 * The API over `glue`: its functions, each turning a trap into an
 * `INTERNAL_ERROR` after `reset()` has given `glue` a fresh instance.
 * `hooks` also wraps the `__` test hooks (the package's own tests only;
 * this module is not among the package's exports).
 */
export function wrapApi<T extends object>(glue: T, reset: () => void, { hooks = false } = {}): T {
  const current = glue as unknown as Glue;
  const api: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(glue)) {
    if (typeof value !== "function" || HIDDEN.has(name) || (isHook(name) && !hooks)) continue;
    const call = function (...args: unknown[]): unknown {
      try {
        return (current[name] as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        if (!(error instanceof WebAssembly.RuntimeError)) throw error;
        let panic: string | null = null;
        try {
          panic = current.__takePanicMessage?.() ?? null;
        } catch {
          // The trapped instance cannot even answer: report the trap itself.
        }
        reset();
        throw internalError(
          `internal error in ${name}: ${panic ?? error.message} (a bug: please report it with the input)`,
          error,
        );
      }
    };
    Object.defineProperty(call, "name", { value: name });
    api[name] = call;
  }
  return api as T;
}
