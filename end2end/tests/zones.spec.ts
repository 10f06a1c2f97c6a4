import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';

// A meeting keeps the time zone it was set in. Someone in another zone
// sees it on their own clock, with the time where it was set beside it;
// the calendar file carries the instant (UTC), read back by a parser.

/** Clicks a download button; returns the file's text and a path that outlives the browser context. */
async function download(page: Page, button: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return { path, text: await readFile(path, 'utf8') };
}

/** Each event's start and end in the .ics text, as UTC ISO strings, and whether they were written in UTC. */
function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((c) => {
    const event = new ICAL.Event(c);
    return {
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      utc: event.startDate.zone?.tzid === 'UTC',
    };
  });
}

/** The mentor, in Warsaw, in Polish, sets a meeting at 10:00 on 6 May 2030: their device's .ics and JSON exports. */
async function meetingSetInWarsaw(browser: Browser) {
  const warsaw = await browser.newContext({ locale: 'pl-PL', timezoneId: 'Europe/Warsaw' });
  const w = await warsaw.newPage();
  await w.goto('/');
  await w.getByLabel('Nazwa przestrzeni').fill('Strefy');
  await w.getByRole('button', { name: 'Utwórz przestrzeń' }).click();
  await w.getByRole('navigation').getByRole('link', { name: 'Spotkania' }).click();
  await w.getByLabel('Data i godzina').fill('2030-05-06T10:00');
  await w.getByRole('button', { name: 'Dodaj spotkanie' }).click();
  await expect(w.getByRole('heading', { level: 1 })).toContainText('10:00');
  // In the zone it was set in: no second time.
  await expect(w.getByText(/^W strefie /)).toHaveCount(0);
  await w.getByRole('navigation').getByRole('link', { name: 'Pulpit' }).click();
  const ics = await download(w, 'Spotkania do kalendarza (.ics)');
  const json = await download(w, 'Cała przestrzeń (JSON)');
  await warsaw.close();
  return { ics, json };
}

/** The zone the app remembers on this device (src/zones.rs). */
const rememberedZone = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('tandem.zone') ?? 'null')?.zone);
/** What a device that last ran Tandem in Warsaw remembers: the zone, and its offsets from UTC in January and July. */
const WARSAW = JSON.stringify({ zone: 'Europe/Warsaw', offsets: [-60, -120] });

/** A device now in `timezoneId` that last ran Tandem in Warsaw imports the workspace file `json` (`importLabel`: the file field, in its language). */
async function importOnDeviceFromWarsaw(browser: Browser, locale: string, timezoneId: string, json: string, importLabel: string) {
  const context = await browser.newContext({ locale, timezoneId });
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate((warsaw) => localStorage.setItem('tandem.zone', warsaw), WARSAW);
  await page.reload();
  await page.getByLabel(importLabel).setInputFiles(json);
  return { context, page };
}

test('a meeting set in Warsaw shows on New York’s clock, and the .ics holds its instant', async ({ browser }) => {
  const { ics, json } = await meetingSetInWarsaw(browser);
  // 10:00 in Warsaw in May (UTC+2) is 08:00 UTC, for the hour it lasts.
  expect(events(ics.text)).toEqual([{ start: '2030-05-06T08:00:00.000Z', end: '2030-05-06T09:00:00.000Z', utc: true }]);
  expect(ics.text).toContain('DTSTART:20300506T080000Z');

  // The mentee, in New York, in English, gets the workspace, on a device
  // that last ran Tandem in Warsaw: the zone it remembers is not New York's.
  const { context: newYork, page: n } = await importOnDeviceFromWarsaw(browser, 'en-US', 'America/New_York', json.path, 'Export file (JSON)');
  await expect(n.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  // 08:00 UTC is 04:00 in New York (UTC−4 in May).
  await expect(n.getByRole('region', { name: 'Next meeting' })).toContainText('4:00');
  expect(await rememberedZone(n)).toBe('America/New_York');
  await n.getByRole('region', { name: 'Next meeting' }).getByRole('link').click();
  await expect(n.getByRole('heading', { level: 1 })).toContainText('4:00');
  await expect(n.getByText('In Europe/Warsaw: May 6, 2030, 10:00')).toBeVisible();
  await expect(n.getByLabel('Date and time')).toHaveValue('2030-05-06T04:00');

  // Moved an hour later in New York: now it is New York's time.
  await n.getByLabel('Date and time').fill('2030-05-06T05:00');
  await n.getByLabel('Date and time').blur();
  await expect(n.getByRole('heading', { level: 1 })).toContainText('5:00');
  await expect(n.getByText(/^In Europe\/Warsaw/)).toHaveCount(0);
  await n.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  expect(events((await download(n, 'Meetings for your calendar (.ics)')).text)[0].start).toBe('2030-05-06T09:00:00.000Z');
  await newYork.close();
});

// Berlin keeps Warsaw's offsets all year: the zone remembered from Warsaw
// passes the check at start, and is read again once the page is idle.
test('a device moved to a zone with the same clock learns its new zone', async ({ browser }) => {
  const { json } = await meetingSetInWarsaw(browser);
  const { context: berlin, page: b } = await importOnDeviceFromWarsaw(browser, 'pl-PL', 'Europe/Berlin', json.path, 'Plik eksportu (JSON)');
  await expect(b.getByRole('region', { name: 'Najbliższe spotkanie' })).toContainText('10:00');
  await expect.poll(() => rememberedZone(b)).toBe('Europe/Berlin');
  // The next screens know it: the meeting was set in another zone.
  await b.getByRole('region', { name: 'Najbliższe spotkanie' }).getByRole('link').click();
  await expect(b.getByText('W strefie Europe/Warsaw: 6 maj 2030, 10:00')).toBeVisible();
  await berlin.close();
});
