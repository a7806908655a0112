// Type-checked usage of the browser entry (`wholesale-core/web`).
import { init, type Api, type CodeInfo, type ImportPlan } from "wholesale-core/web";

async function main(): Promise<void> {
  const api: Api = await init();
  const rows: CodeInfo[] = api.codes();
  const week = api.lastCompletedWeek("2026-11-25");
  const plan: ImportPlan = api.checkCsv(new Uint8Array(await new Blob(["User ID/Email\n"]).arrayBuffer()), {
    behavior: "add_only",
  });
  console.log(rows.length, week.start.toUpperCase(), plan.summary.rejected);
}

void main();
