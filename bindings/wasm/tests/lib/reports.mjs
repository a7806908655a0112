// Generated subscription details reports (R-REP-01: the sample's columns),
// for the page tests and the benches: row i is calling subscription `Sub-i`
// of one of 30,011 customers, with meetings licenses too when `meetings(i,
// h)` says so (h: the row's hash); end dates from 30 days before 2026-11-25
// to 470 after.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sample = fileURLToPath(new URL('../../../../samples/reports/Subscription Details_k3J9x2_2026-11-25.csv', import.meta.url));

/** A report of `n` rows dated `date` (text, `\n` line ends). */
export function subscriptionDetailsReport(n, { date = '2026-11-25', meetings = (i, h) => (h >>> 4) % 3 === 0 } = {}) {
  const header = readFileSync(sample, 'utf8').split(/\r?\n/)[0];
  const lines = [header];
  const day = (offset) => new Date(Date.UTC(2026, 10, 25 + offset)).toISOString().slice(0, 10);
  for (let i = 0; i < n; i++) {
    const h = (i * 2654435761) >>> 0;
    const total = 5 + (h % 200);
    const assigned = Math.floor(total * ((h >>> 8) % 120) / 100);
    const used = Math.floor(assigned * ((h >>> 16) % 100) / 100);
    const meet = meetings(i, h) ? [20, 20 - (h % 7), 10] : [0, 0, 0];
    lines.push([
      date, `Customer ${i % 30011}`, `org-${i % 30011}`, 'Active', `Sub-${i}`, (h >>> 3) % 9 === 0 ? 'Trial' : 'Paid',
      total + 3, total, (h >>> 5) % 2 ? 'Yes' : 'No', day(((h >>> 10) % 500) - 30),
      ...meet, total, assigned, used, (h >>> 7) % 4, (h >>> 7) % 3, 0,
    ].join(','));
  }
  return `${lines.join('\n')}\n`;
}
