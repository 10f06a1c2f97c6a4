import type { Page } from '@playwright/test';

// Comparing stamps taken in two pages. Each page stamps with
// `performance.timeOrigin + performance.now()`. Both pages run in one
// browser on one machine, but each page fixes its time origin itself, so
// the two are checked against the system's wall clock, which both read
// through Date.now(): a page's offset from it is the least difference over
// 30 ms of readings, each taken between two Date.now() calls that agree
// (Date.now() counts whole milliseconds, so a reading just after one begins
// is exact).

/** `page`'s stamps minus the wall clock, in ms. */
export const offset = (page: Page) =>
  page.evaluate(() => {
    let least = Infinity;
    for (const end = performance.now() + 30; performance.now() < end; ) {
      const wall = Date.now();
      const stamp = performance.timeOrigin + performance.now();
      if (Date.now() === wall) least = Math.min(least, stamp - wall);
    }
    return least;
  });

/** How far `later`'s stamps run ahead of `earlier`'s: the median of 5 comparisons. */
export async function skew(later: Page, earlier: Page): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) runs.push((await offset(later)) - (await offset(earlier)));
  runs.sort((a, b) => a - b);
  return runs[2];
}
