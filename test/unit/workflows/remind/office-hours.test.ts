import { textsFor } from '../../../../src/i18n/texts';
import type { OfficeHours } from '../../../../src/state/power';
import {
  awakeMs,
  edgesBetween,
  latestEdge,
  nextEdge,
  parseDays,
  parseHoursRange,
  withinHours,
  zonedInstant,
} from '../../../../src/workflows/remind/office-hours';
import { english } from '../../../../src/i18n/english';
import type { Said } from '../../../../src/i18n/said';

const H = 3_600_000;
const utc = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString().replace(':00.000Z', 'Z');

const hours = (over: Partial<OfficeHours> = {}): OfficeHours => ({
  start: 9 * 60,
  end: 19 * 60,
  days: [1, 2, 3, 4, 5],
  timeZone: 'Asia/Tokyo',
  setAt: 0,
  ...over,
});

describe('parsing', () => {
  it('reads HH:MM-HH:MM and refuses what is not a daytime window', () => {
    expect(parseHoursRange('09:00-19:00')).toEqual({ start: 540, end: 1140 });
    expect(parseHoursRange('8:30-24:00')).toEqual({ start: 510, end: 1440 });
    expect(english(parseHoursRange('9-19') as Said)).toMatch(/not like 09:00-19:00/);
    expect(english(parseHoursRange('09:00-25:00') as Said)).toMatch(/not valid times/);
    expect(english(parseHoursRange('19:00-09:00') as Said)).toMatch(/start before they end/);
    expect(english(parseHoursRange('09:00-09:00') as Said)).toMatch(/start before they end/);
  });

  it('reads day sets: weekdays, daily, weekends, names, ranges (wrapping) and lists', () => {
    expect(parseDays('weekdays')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('daily')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseDays('weekends')).toEqual([0, 6]);
    expect(parseDays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('mon,wed,fri')).toEqual([1, 3, 5]);
    expect(parseDays('fri-mon')).toEqual([0, 1, 5, 6]);
    expect(parseDays('Mon-Sat')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(english(parseDays('monday') as Said)).toMatch(/not like weekdays/);
    expect(english(parseDays('mon-tue-wed') as Said)).toMatch(/not like weekdays/);
  });

  it('describes the schedule the way people say it, in each language', () => {
    const en = textsFor({ lang: 'en', timeZone: 'UTC' }).power.hours;
    const ja = textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' }).power.hours;
    expect(en(hours())).toBe('09:00–19:00 Mon–Fri (Asia/Tokyo)');
    expect(en(hours({ days: [0, 1, 2, 3, 4, 5, 6] }))).toBe('09:00–19:00 every day (Asia/Tokyo)');
    expect(en(hours({ days: [1, 3, 5], start: 510 }))).toBe('08:30–19:00 Mon, Wed, Fri (Asia/Tokyo)');
    expect(ja(hours())).toBe('月〜金 09:00〜19:00 (Asia/Tokyo)');
    expect(ja(hours({ days: [0, 1, 2, 3, 4, 5, 6] }))).toBe('毎日 09:00〜19:00 (Asia/Tokyo)');
    expect(ja(hours({ days: [1, 3, 5], start: 510 }))).toBe('月・水・金 08:30〜19:00 (Asia/Tokyo)');
  });
});

describe('local times to instants', () => {
  it('Asia/Tokyo has no daylight saving time: 09:00 is always 00:00Z', () => {
    for (const date of ['2026-01-05', '2026-03-09', '2026-07-06', '2026-11-02'])
      expect(iso(zonedInstant(date, 540, 'Asia/Tokyo'))).toBe(`${date}T00:00Z`);
  });

  it('America/New_York: 09:00 moves in UTC across both changes of 2026', () => {
    expect(iso(zonedInstant('2026-03-07', 540, 'America/New_York'))).toBe('2026-03-07T14:00Z'); // EST
    expect(iso(zonedInstant('2026-03-08', 540, 'America/New_York'))).toBe('2026-03-08T13:00Z'); // EDT from 02:00
    expect(iso(zonedInstant('2026-10-31', 540, 'America/New_York'))).toBe('2026-10-31T13:00Z');
    expect(iso(zonedInstant('2026-11-01', 540, 'America/New_York'))).toBe('2026-11-01T14:00Z'); // EST again
  });

  it('a time the clocks skip reads as after the jump; a time they show twice is the first', () => {
    expect(iso(zonedInstant('2026-03-08', 150, 'America/New_York'))).toBe('2026-03-08T07:30Z'); // 02:30 → 03:30 EDT
    expect(iso(zonedInstant('2026-11-01', 90, 'America/New_York'))).toBe('2026-11-01T05:30Z'); // 01:30 EDT, not EST
  });
});

describe('the schedule', () => {
  it('wakes and sleeps on weekdays only: Friday evening to Monday morning asleep', () => {
    // 2026-01-09 is a Friday; Tokyo 19:00 = 10:00Z, Monday 09:00 = 2026-01-12T00:00Z.
    const edges = edgesBetween(hours(), utc('2026-01-09T00:00Z'), utc('2026-01-12T12:00Z'));
    expect(edges.map((e) => `${e.kind} ${iso(e.at)}`)).toEqual([
      'sleep 2026-01-09T10:00Z',
      'wake 2026-01-12T00:00Z',
      'sleep 2026-01-12T10:00Z',
    ]);
    expect(withinHours(hours(), utc('2026-01-10T03:00Z'))).toBe(false); // Saturday noon in Tokyo
    expect(withinHours(hours(), utc('2026-01-12T03:00Z'))).toBe(true); // Monday noon
    expect(latestEdge(hours(), utc('2026-01-11T03:00Z'))).toEqual({
      kind: 'sleep',
      at: utc('2026-01-09T10:00Z'),
    });
    expect(nextEdge(hours(), utc('2026-01-11T03:00Z'))).toEqual({
      kind: 'wake',
      at: utc('2026-01-12T00:00Z'),
    });
  });

  it("reads the days in the zone's own calendar: Monday 09:00 Tokyo is still Sunday in UTC", () => {
    const monday = utc('2026-01-12T00:00Z'); // Monday 09:00 JST
    expect(new Date(monday - 1).getUTCDay()).toBe(0);
    expect(latestEdge(hours(), monday)).toEqual({ kind: 'wake', at: monday });
    expect(latestEdge(hours(), monday - 1)?.kind).toBe('sleep');
  });

  it('keeps 10 awake hours a day through a DST change in New York', () => {
    const ny = hours({ timeZone: 'America/New_York', days: [0, 1, 2, 3, 4, 5, 6] });
    // Sunday 2026-03-08 is 23 hours long; the office day is still 10 hours.
    const day = [zonedInstant('2026-03-08', 0, ny.timeZone), zonedInstant('2026-03-09', 0, ny.timeZone)];
    expect(day[1] - day[0]).toBe(23 * H);
    expect(awakeMs(ny, day[0], day[1])).toBe(10 * H);
    const edges = edgesBetween(ny, utc('2026-03-07T00:00Z'), utc('2026-03-09T00:00Z'));
    expect(edges.map((e) => `${e.kind} ${iso(e.at)}`)).toEqual([
      'wake 2026-03-07T14:00Z',
      'sleep 2026-03-08T00:00Z',
      'wake 2026-03-08T13:00Z',
      'sleep 2026-03-08T23:00Z',
    ]);
  });

  it('counts 50 awake hours in a Tokyo week of 09:00-19:00 weekdays', () => {
    const monday = utc('2026-01-11T15:00Z'); // Monday 00:00 JST
    expect(awakeMs(hours(), monday, monday + 7 * 24 * H)).toBe(50 * H);
  });
});
