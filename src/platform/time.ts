/**
 * The instant a wall-clock time in a time zone stands for ("2026-12-08 14:00 in America/Halifax"),
 * by the zone's own offset at that moment; a time skipped by a clock change moves forward.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(new Date(instant))
        .map((part) => [part.type, part.value]),
    );
    const n = (type: string) => Number(parts[type]);
    const asIfUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
    return asIfUtc - instant;
  };
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  // The second guess holds unless the wall time falls in the hour a clock skips: then the first is it, an hour on.
  return new Date(second + offsetAt(second) === wall ? second : first);
}
