// The plan of `checkCsv`, kept in wasm memory (the glue's `PlanHandle`): the
// summary and file problems convert on read, rows only when asked for (one
// row, a slice, the rows `select` chose, or every row once through `rows`).
// Each method runs through the entry's guard, so a trap is an
// INTERNAL_ERROR and resets the module; a plan of an instance from before a
// reset (or freed) refuses to answer rather than read another plan's memory.
import type {
  ImportPlan,
  PlanFacets,
  PlanHandle,
  PlanReview,
  Problem,
  RowOutcome,
  RowQuery,
  Summary,
} from "../pkg/node/wholesale_core_wasm.js";
import { bindingError, type Guard } from "./wrap.js";

/**
 * The import plan of a CSV (R-CSV-01..21), as `checkCsv` returns it. The
 * fields of the core's JSON (`file_errors`, `file_warnings`, `rows`,
 * `summary`) are enumerable properties converted on read (`rows` once,
 * then cached); `JSON.stringify(plan)` is the core's JSON exactly. Freed
 * when collected; `free()` releases it at once.
 */
export class CsvPlan {
  /** Problems that make the whole file unusable (then `rows` is empty). */
  declare readonly file_errors: Problem[];
  /** Warnings about the file as a whole (unknown columns). */
  declare readonly file_warnings: Problem[];
  /** One outcome per data row, in file order: every row converted (once). */
  declare readonly rows: RowOutcome[];
  /** Counts per action, and of warnings. */
  declare readonly summary: Summary;

  #handle: PlanHandle | null;
  readonly #guard: Guard;
  readonly #generation: number;
  #rows: RowOutcome[] | undefined;

  /** Made by `checkCsv` (and by nothing else: the handle is the glue's). */
  constructor(handle: PlanHandle, guard: Guard) {
    this.#handle = handle;
    this.#guard = guard;
    this.#generation = guard.generation;
    // Own enumerable accessors in the JSON's key order: `{...plan}` and
    // deep equality see the plan's content, as they saw the plain object.
    Object.defineProperties(this, {
      file_errors: { enumerable: true, get: () => this.#use("file_errors", (h) => h.file_errors) },
      file_warnings: { enumerable: true, get: () => this.#use("file_warnings", (h) => h.file_warnings) },
      rows: { enumerable: true, get: () => this.#allRows() },
      summary: { enumerable: true, get: () => this.#use("summary", (h) => h.summary) },
    });
  }

  #use<R>(name: string, run: (handle: PlanHandle) => R): R {
    const handle = this.#handle;
    if (handle === null) {
      throw bindingError("INPUT_INVALID", "plan", `CsvPlan.${name}: this plan was freed (free()); check the file again`);
    }
    if (this.#generation !== this.#guard.generation) {
      throw bindingError(
        "INPUT_INVALID",
        "plan",
        `CsvPlan.${name}: this plan was made before the module was reset after an internal error; check the file again`,
      );
    }
    return this.#guard.call(`CsvPlan.${name}`, () => run(handle));
  }

  #allRows(): RowOutcome[] {
    const rows = this.#use("rows", (h) => this.#rows ?? h.rowsSlice());
    this.#rows = rows;
    return rows;
  }

  /** The number of rows, without converting them. */
  get rowCount(): number {
    return this.#use("rowCount", (h) => h.rowCount);
  }

  /** The row at `index` (0-based, file order); `INPUT_INVALID` outside `0..rowCount`. */
  row(index: number): RowOutcome {
    return this.#use("row", (h) => h.row(index));
  }

  /** The rows `start..end` (as `Array.prototype.slice`, non-negative; default: all). */
  rowsSlice(start?: number, end?: number): RowOutcome[] {
    return this.#use("rowsSlice", (h) => h.rowsSlice(start, end));
  }

  /** The rows at `indices` (as `select` returns them), in that order. */
  rowsAt(indices: Uint32Array | readonly number[]): RowOutcome[] {
    const list = indices instanceof Uint32Array ? indices : Uint32Array.from(indices);
    return this.#use("rowsAt", (h) => h.rowsAt(list));
  }

  /**
   * The indices (ascending) of the rows `query` keeps (the core's
   * `ImportPlan::select`): every criterion given must hold; `email` is a
   * case-insensitive part of the row's e-mail, `code` a code among the
   * row's errors or warnings, `column` the column of one of them.
   */
  select(query?: RowQuery | null): Uint32Array {
    return this.#use("select", (h) => h.select(query ?? undefined));
  }

  /** The actions, codes and columns of the rows, with row counts (for filter menus). */
  facets(): PlanFacets {
    return this.#use("facets", (h) => h.facets());
  }

  /** Whether the file or any row is rejected (the CLI then exits 1). */
  hasRejections(): boolean {
    return this.#use("hasRejections", (h) => h.hasRejections());
  }

  /** The core's plan JSON `{file_errors, file_warnings, rows, summary}`. */
  toJSON(): ImportPlan {
    return this.#use("toJSON", (h) => h.toJSON());
  }

  /** What to review before the import (R-CSV-20), as `reviewCsv`. */
  review(): PlanReview {
    return this.#use("review", (h) => h.review());
  }

  /** The ready file (R-CSV-20), as `readyFile`, without checking again. */
  readyFile(): Uint8Array {
    return this.#use("readyFile", (h) => h.readyFile());
  }

  /** The rejected rows with their `Errors` column (R-CSV-20), as `rejectedFile`. */
  rejectedFile(): Uint8Array {
    return this.#use("rejectedFile", (h) => h.rejectedFile());
  }

  /** @internal The glue's test hook: a panic inside a method (tests/hostile*.mjs). */
  __debugPanic(message?: string): void {
    this.#use("__debugPanic", (h) => (h as unknown as { __debugPanic(m?: string): void }).__debugPanic(message));
  }

  /** Releases the plan's wasm memory now (later uses throw); also done when collected. */
  free(): void {
    const handle = this.#handle;
    this.#handle = null;
    this.#rows = undefined;
    // A handle of an earlier instance has no memory left to free (and its
    // pointer would free the current instance's); the glue's finalizer
    // skips it too.
    if (handle !== null && this.#generation === this.#guard.generation) {
      this.#guard.call("CsvPlan.free", () => handle.free());
    }
  }
}
