// Adds up the machine-readable results of every test tier and prints the
// closing line "N passed, N failed". Exit code 1 when anything failed.
// Usage: node summarize-tests.mjs RESULTS_DIR [failed-tier-name...]
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...failedTiers] = process.argv.slice(2);
const read = (name) => {
  const path = join(dir, name);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
};

const tiers = [];
for (const name of ['unit.json', 'integration.json']) {
  const r = read(name);  // GoogleTest JSON; skipped tests are "NOTRUN"/"SKIPPED"
  if (!r) { tiers.push({ name, missing: true }); continue; }
  let passed = 0, failed = 0, skipped = 0;
  for (const suite of r.testsuites) {
    for (const t of suite.testsuite) {
      if (t.failures?.length) failed++;
      else if (t.result === 'SKIPPED' || t.status === 'NOTRUN') skipped++;
      else passed++;
    }
  }
  tiers.push({ name, passed, failed, skipped });
}
{
  const r = read('web-unit.json');  // Vitest JSON reporter
  tiers.push(r ? { name: 'web-unit.json', passed: r.numPassedTests, failed: r.numFailedTests,
                   skipped: r.numPendingTests + r.numTodoTests }
               : { name: 'web-unit.json', missing: true });
}
{
  const r = read('e2e.json');  // Playwright JSON reporter
  tiers.push(r ? { name: 'e2e.json', passed: r.stats.expected + r.stats.flaky,
                   failed: r.stats.unexpected, skipped: r.stats.skipped }
               : { name: 'e2e.json', missing: true });
}
{
  const r = read('fuzz.json');  // scripts/run-fuzz.sh: [{target, ok}]
  tiers.push(r ? { name: 'fuzz.json', passed: r.filter((t) => t.ok).length,
                   failed: r.filter((t) => !t.ok).length, skipped: 0 }
               : { name: 'fuzz.json', missing: true });
}

let passed = 0, failed = 0, skipped = 0;
for (const t of tiers) {
  if (t.missing) { console.log(`  ${t.name}: no results (the tier did not run)`); failed++; continue; }
  console.log(`  ${t.name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  passed += t.passed; failed += t.failed; skipped += t.skipped;
}
for (const tier of failedTiers) console.log(`  tier failed: ${tier}`);
// A tier that failed without reporting a failing test (a crash, a setup error) still counts.
if (failedTiers.length && failed === 0) failed = failedTiers.length;
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 ? 1 : 0);
