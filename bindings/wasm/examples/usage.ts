// Type-checked usage of the package from Node (`tsc --noEmit`, strict): the
// result types come from the generated declarations, errors carry code,
// rule and field.
import {
  checkAdminPackage,
  checkCallingNumber,
  checkEmail,
  checkExtension,
  checkPhoneNumber,
  codeInfo,
  codes,
  findings,
  lastCompletedWeek,
  packages,
  parsePackage,
  raiseForErrors,
  type Findings,
  type CodeInfo,
  type PackageInfo,
  type Problem,
  type Severity,
  type Week,
  type WholesaleError,
} from "wholesale-core";

const registry: CodeInfo[] = codes();
const errorsOnly: string[] = registry.filter((c) => c.severity === "error").map((c) => c.code);
const severity: Severity = registry[0]?.severity ?? "warning";
const known: CodeInfo | null = codeInfo("EMAIL_INVALID");

const suite: PackageInfo = parsePackage("Webex Suite");
const calling: boolean = suite.entitles_calling && suite.requires_number_and_location;
const names: string[] = packages().map((p) => p.display_name);

const week: Week = lastCompletedWeek("2026-11-25");
const sameWeek: Week = lastCompletedWeek(new Date());
const start: Date = new Date(week.start);

const problems: (Problem | null)[] = [
  checkEmail("ana@acme.example"),
  checkPhoneNumber("14085551234", "mobile"),
  checkExtension("1"),
  checkAdminPackage("webex_suite", "webex_calling"),
  checkCallingNumber("webex_calling", { hasNumber: false, hasLocation: true }),
];
const sorted: Findings = findings(problems);
const firstError: string | undefined = sorted.errors[0]?.code;
const fields: (string | null)[] = problems.flatMap((p) => (p ? [p.field] : []));

function isWholesaleError(e: unknown): e is WholesaleError {
  return e instanceof Error && typeof (e as Partial<WholesaleError>).code === "string";
}

try {
  parsePackage("webex_gold");
  raiseForErrors(problems);
} catch (e) {
  if (isWholesaleError(e)) {
    const where: string | null = e.field;
    const rule: string | null = e.rule;
    const all: Problem[] = e.problems ?? [];
    console.log(e.code, rule, where, e.message, all.length);
  }
}

console.log(errorsOnly.length, severity, known, calling, names, start, sameWeek, fields, firstError);
