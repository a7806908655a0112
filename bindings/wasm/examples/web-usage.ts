// Type-checked usage of the browser entry (`wholesale-core/web`).
import { init, type Api, type CodeInfo } from "wholesale-core/web";

async function main(): Promise<void> {
  const api: Api = await init();
  const rows: CodeInfo[] = api.codes();
  const week = api.lastCompletedWeek("2026-11-25");
  console.log(rows.length, week.start.toUpperCase());
}

void main();
