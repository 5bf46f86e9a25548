import { normaliseInstant } from './stance-dates';

describe('normaliseInstant', () => {
  const viaDate = (iso: string) => new Date(Date.parse(iso)).toISOString();

  it('hands back what Date would print, for canonical-looking instants Date rolls over too', () => {
    const instants = [
      '2026-01-09T10:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '2025-02-29T00:00:00.000Z', // no such day: March 1st
      '2025-02-30T12:00:00.000Z',
      '2025-04-31T10:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2000-02-29T00:00:00.000Z',
      '2025-01-01T24:00:00.000Z', // the next midnight
      '0050-06-15T08:30:00.000Z',
      '2026-01-09T10:00:00Z',
      '2026-01-09T12:00:00.000+02:00',
      '2026-01-09T10:00:00.5Z',
    ];
    for (const iso of instants) expect([iso, normaliseInstant(iso)]).toEqual([iso, viaDate(iso)]);
  });

  it('agrees with Date on every day of a leap and a common year', () => {
    for (const year of [2023, 2024]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T05:06:07.089Z`;
          expect([iso, normaliseInstant(iso)]).toEqual([iso, viaDate(iso)]);
        }
      }
    }
  });

  it('refuses what is no instant', () => {
    expect(() => normaliseInstant('yesterday')).toThrow(/observedAt must be an ISO date-time/);
    expect(() => normaliseInstant('2025-01-01T23:59:60.000Z')).toThrow(/observedAt/);
  });
});
