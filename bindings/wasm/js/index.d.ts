// Public declarations of the package: the generated declarations of the
// wasm-bindgen build (result interfaces come from Rust via tsify), plus the
// error shape every function throws.
export * from "../pkg/node/wholesale_core_wasm.js";
import type { ErrorFields, Problem } from "../pkg/node/wholesale_core_wasm.js";

/**
 * What every function throws: an `Error` with the registry `code` (or
 * `INPUT_INVALID` / `INTERNAL_ERROR`), its `rule`, the `field` concerned and,
 * for a refused org snapshot (R-CSV-21), the key's `path` (else `null`).
 */
export interface WholesaleError extends Error, ErrorFields {
  message: string;
  /** Set by `raiseForErrors`: every problem, errors first. */
  problems?: Problem[];
}

/** Builds such an error (used by the package itself). */
export function wholesaleError(
  code: string,
  message: string,
  options?: { rule?: string | null; field?: string | null; path?: string | null; cause?: unknown },
): WholesaleError;

import * as api from "../pkg/node/wholesale_core_wasm.js";
declare const _default: typeof api;
export default _default;
