// Type-checked usage of the package from Node (`tsc --noEmit`, strict): the
// result types come from the generated declarations, errors carry code,
// rule and field.
import {
  checkAdminPackage,
  checkCallingNumber,
  checkEmail,
  checkExtension,
  checkPhoneNumber,
  codes,
  lastCompletedWeek,
  packages,
  parsePackage,
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

const suite: PackageInfo = parsePackage("Webex Suite");
const calling: boolean = suite.entitles_calling && suite.requires_number_and_location;
const names: string[] = packages().map((p) => p.display_name);

const week: Week = lastCompletedWeek("2026-11-25");
const start: Date = new Date(week.start);

const problems: (Problem | null)[] = [
  checkEmail("email", "ana@acme.example"),
  checkPhoneNumber("phone", "14085551234"),
  checkExtension("extension", "1"),
  checkAdminPackage("webex_suite", "webex_calling", "admin_package"),
  checkCallingNumber("webex_calling", false, true, "package"),
];
const fields: (string | null)[] = problems.flatMap((p) => (p ? [p.field] : []));

function isWholesaleError(e: unknown): e is WholesaleError {
  return e instanceof Error && typeof (e as Partial<WholesaleError>).code === "string";
}

try {
  parsePackage("webex_gold");
} catch (e) {
  if (isWholesaleError(e)) {
    const where: string | null = e.field;
    const rule: string | null = e.rule;
    console.log(e.code, rule, where, e.message);
  }
}

console.log(errorsOnly.length, severity, calling, names, start, fields);
