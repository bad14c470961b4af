import { describe, expect, it } from 'vitest';
import { zonedInstant } from './time.js';

describe('the instant of a wall-clock time in a time zone', () => {
  it.each([
    ['2026-07-01', '09:00', 'America/Toronto', '2026-07-01T13:00:00.000Z'],
    ['2026-12-15', '09:00', 'America/Toronto', '2026-12-15T14:00:00.000Z'],
    ['2026-12-15', '13:00', 'America/Halifax', '2026-12-15T17:00:00.000Z'],
    ['2026-12-15', '09:30', 'America/St_Johns', '2026-12-15T13:00:00.000Z'],
    ['2026-07-01', '09:00', 'America/Regina', '2026-07-01T15:00:00.000Z'],
    ['2026-12-31', '23:30', 'America/Vancouver', '2027-01-01T07:30:00.000Z'],
    // 02:30 does not exist on the morning clocks spring forward: it is read as 03:30.
    ['2026-03-08', '02:30', 'America/Toronto', '2026-03-08T07:30:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, instant) => {
    expect(zonedInstant(date, time, zone).toISOString()).toBe(instant);
  });
});
