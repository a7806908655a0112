// Times 20,000 rows of contact checks (checkEmail, checkPhoneNumber,
// checkExtension, then findings) through the Node build; compare with
// `cargo run --release --example bench_contact` (same rows, native).
// Usage: node bench/contact.mjs [rows]
import { checkEmail, checkExtension, checkPhoneNumber, findings } from '../js/index.js';
import { rows } from './rows.mjs';

const n = Number(process.argv[2] ?? 20_000);
const data = rows(n);
let best = Infinity;
let counts;
for (let round = 0; round < 7; round++) {
  const t0 = process.hrtime.bigint();
  const problems = [];
  for (const [email, phone, ext] of data) {
    problems.push(checkEmail(email), checkPhoneNumber(phone), checkExtension(ext));
  }
  const f = findings(problems);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  best = Math.min(best, ms);
  counts = `${f.errors.length} errors, ${f.warnings.length} warnings`;
}
console.log(`wasm (node ${process.version}): ${n} rows, best of 7: ${best.toFixed(1)} ms (${counts})`);
