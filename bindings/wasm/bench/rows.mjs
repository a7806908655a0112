// The benchmark's input: `n` rows of (email, phone, extension), about one in
// ten of each value invalid, deterministic. The native benchmark
// (examples/bench_contact.rs) builds the same rows.
export function rows(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push([
      i % 10 === 3 ? `user${i}@` : `user${i}@acme.example`,
      i % 10 === 5 ? `4085${String(i).padStart(6, '0')}` : `+1408${String(i).padStart(7, '0')}`,
      i % 10 === 7 ? '1' : String(1000 + (i % 9000)),
    ]);
  }
  return out;
}
