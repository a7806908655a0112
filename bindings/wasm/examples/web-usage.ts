// Type-checked usage of the browser entry (`wholesale-core/web`).
import { init, type Api, type CodeInfo, type ImportPlan } from "wholesale-core/web";

async function main(): Promise<void> {
  const api: Api = await init();
  const rows: CodeInfo[] = api.codes();
  const week = api.lastCompletedWeek("2026-11-25");
  // The two Jabber columns are required (R-CSV-12).
  const csv =
    "User ID/Email,Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams\n" +
    "ana@acme.example,TRUE,acme.webex.com,FALSE,TRUE\n";
  const plan: ImportPlan = api.checkCsv(new Uint8Array(await new Blob([csv]).arrayBuffer()), {
    behavior: "add_only",
  });
  const limit: number = api.maxFileBytes();
  console.log(rows.length, week.start.toUpperCase(), plan.summary.rejected, plan.rows[0]?.last_line, limit);
}

void main();
