import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';

// Where every benchmark writes its result tables, as markdown:
// `$CARGO_TARGET_DIR/bench-results/<name>.md`, else the repository's
// `target/bench-results/<name>.md`. `cargo xtask bench` runs the benchmarks
// and puts each file into docs/benchmarks.md, between the markers
// `<!-- bench:<name> -->` and `<!-- /bench:<name> -->`.

const target = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : resolve(__dirname, '../../target');
export const resultsDir = join(target, 'bench-results');

/** Writes one result file (`<name>.md`). */
export function writeResult(name: string, markdown: string) {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.md`);
  writeFileSync(file, `${markdown.trim()}\n`);
  console.log(`wrote ${file}`);
}

/** A whole number with thousands separators (1,306,031). */
export const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

/** The 1-minute load average now, to two decimals. */
export const load1 = () => loadavg()[0].toFixed(2);
