import { AlertCandidate, matchesFilter, normaliseUnit } from './matching';

const pledge: AlertCandidate = {
  kind: 'statement',
  type: 'pledge-announced',
  actor: 'FR',
  issues: ['ukraine-security-force'],
  confidence: 0.8,
  quantity: { value: 2000, unit: 'troops' },
};

describe('matchesFilter', () => {
  it('matches anything with an empty filter, statements only', () => {
    expect(matchesFilter({}, pledge)).toBe(true);
    expect(matchesFilter({}, { ...pledge, kind: 'stance-change' })).toBe(false);
  });

  it('checks actors (case-insensitive), types, issues and confidence', () => {
    expect(matchesFilter({ actors: ['fr', 'DE'] }, pledge)).toBe(true);
    expect(matchesFilter({ actors: ['DE'] }, pledge)).toBe(false);
    expect(matchesFilter({ eventTypes: ['pledge-announced'] }, pledge)).toBe(true);
    expect(matchesFilter({ eventTypes: ['red-line-stated'] }, pledge)).toBe(false);
    expect(matchesFilter({ issues: ['gaza-stabilisation-force', 'ukraine-security-force'] }, pledge)).toBe(true);
    expect(matchesFilter({ issues: ['gaza-stabilisation-force'] }, pledge)).toBe(false);
    expect(matchesFilter({ minConfidence: 0.8 }, pledge)).toBe(true);
    expect(matchesFilter({ minConfidence: 0.9 }, pledge)).toBe(false);
    expect(matchesFilter({ minConfidence: 0.1 }, { ...pledge, confidence: null })).toBe(false);
  });

  it('applies quantity thresholds: troop pledges of at least 1,000', () => {
    const filter = { eventTypes: ['pledge-announced'], quantities: [{ unit: 'troops', min: 1000 }] };
    expect(matchesFilter(filter, pledge)).toBe(true);
    expect(matchesFilter(filter, { ...pledge, quantity: { value: 999, unit: 'troops' } })).toBe(false);
    expect(matchesFilter(filter, { ...pledge, quantity: { value: 1000, unit: 'Troop' } })).toBe(true);
    expect(matchesFilter(filter, { ...pledge, quantity: { value: 5000, unit: 'EUR' } })).toBe(false);
    expect(matchesFilter(filter, { ...pledge, quantity: null })).toBe(false);
    expect(matchesFilter(filter, { ...pledge, quantity: { value: null, unit: 'troops' } })).toBe(false);
    // any threshold may be met
    expect(matchesFilter({ quantities: [{ unit: 'EUR', min: 1e9 }, { unit: 'troops', min: 500 }] }, pledge)).toBe(true);
  });

  it('gives stance-change subscriptions only live stance moves', () => {
    const change: AlertCandidate = { ...pledge, kind: 'stance-change' };
    expect(matchesFilter({ onlyStanceChanges: true }, change)).toBe(true);
    expect(matchesFilter({ onlyStanceChanges: true }, pledge)).toBe(false);
    expect(matchesFilter({ onlyStanceChanges: true }, { ...change, historical: true })).toBe(false);
    expect(matchesFilter({ onlyStanceChanges: true, eventTypes: ['pledge-announced'] }, { ...change, type: null })).toBe(false);
  });

  it('normalises units', () => {
    expect(normaliseUnit(' Troops ')).toBe('troop');
    expect(normaliseUnit('aircraft')).toBe('aircraft');
    expect(normaliseUnit('EUR')).toBe('eur');
  });
});
