// Shared by the Node entry (index.ts) and the browser entry (web.ts): wraps
// every function of a wasm-bindgen glue module so that a trap of the wasm
// module (a Rust panic, with panic=abort, is `RuntimeError: unreachable`) is
// thrown as an `Error` with `code: "INTERNAL_ERROR"` and the panic message,
// and the module is re-instantiated before the next call (a trapped instance
// may hold half-updated state). Objects the module returns (the plan of
// `checkCsv`) are wrapped the same way, method by method (see plan.ts).
import type { PlanHandle, WholesaleErrorFields } from "../pkg/node/wholesale_core_wasm.js";
import { CsvPlan } from "./plan.js";

/** What every function throws: an `Error` with the problem's fields. */
export interface WholesaleError extends Error, WholesaleErrorFields {}

// `start` is the module's start function (installs the panic hook); it runs on
// instantiation and is not part of the API. Names starting with `__` are the
// module's plumbing and the package's test hooks: never part of the API.
const HIDDEN = new Set(["default", "initSync", "start"]);
const isHook = (name: string): boolean => name.startsWith("__");
// The glue's classes (they have `free`): reached through the functions that
// return them, wrapped, never exported themselves.
const isClass = (value: unknown): boolean =>
  typeof value === "function" && typeof (value as { prototype?: { free?: unknown } }).prototype?.free === "function";

type Glue = Record<string, unknown> & {
  __takePanicMessage?: () => string | undefined;
  PlanHandle?: abstract new (...args: never[]) => PlanHandle;
};

/** A library error with no rule (a binding-level code). */
export function bindingError(code: "INTERNAL_ERROR" | "INPUT_INVALID", field: string | null, message: string, cause?: unknown): WholesaleError {
  const fields: WholesaleErrorFields = { code, rule: null, severity: null, field, line: null, problems: [] };
  return Object.assign(new Error(message, cause === undefined ? undefined : { cause }), fields);
}

/**
 * Runs calls into one glue module: a trap becomes an `INTERNAL_ERROR` after
 * `reset()` has given the glue a fresh instance. `generation` counts the
 * resets, so an object of an earlier instance can refuse to be used.
 */
export interface Guard {
  readonly generation: number;
  call<R>(name: string, run: () => R): R;
}

function guardOf(current: Glue, reset: () => void): Guard {
  let generation = 0;
  return {
    get generation() {
      return generation;
    },
    call<R>(name: string, run: () => R): R {
      try {
        return run();
      } catch (error) {
        if (!(error instanceof WebAssembly.RuntimeError)) throw error;
        let panic: string | null = null;
        try {
          panic = current.__takePanicMessage?.() ?? null;
        } catch {
          // The trapped instance cannot even answer: report the trap itself.
        }
        reset();
        generation += 1;
        throw bindingError(
          "INTERNAL_ERROR",
          null,
          `internal error in ${name}: ${panic ?? error.message} (a bug: please report it with the input)`,
          error,
        );
      }
    },
  };
}

/**
 * The API over `glue`: its functions, each turning a trap into an
 * `INTERNAL_ERROR` after `reset()` has given `glue` a fresh instance; a
 * plan it returns is a `CsvPlan` whose methods do the same.
 * `hooks` also wraps the `__` test hooks (the package's own tests only;
 * this module is not among the package's exports).
 */
export function wrapApi<T extends object>(glue: object, reset: () => void, { hooks = false } = {}): T {
  const current = glue as unknown as Glue;
  const guard = guardOf(current, reset);
  const api: Record<string, unknown> = {};
  const wrapResult = (value: unknown): unknown =>
    current.PlanHandle !== undefined && value instanceof current.PlanHandle ? new CsvPlan(value, guard) : value;
  for (const [name, value] of Object.entries(glue)) {
    if (typeof value !== "function" || HIDDEN.has(name) || isClass(value) || (isHook(name) && !hooks)) continue;
    const call = function (...args: unknown[]): unknown {
      return wrapResult(guard.call(name, () => (current[name] as (...a: unknown[]) => unknown)(...args)));
    };
    Object.defineProperty(call, "name", { value: name });
    api[name] = call;
  }
  return api as T;
}
