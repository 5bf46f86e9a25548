import {
  Occurrence,
  Report,
  createOccurrence,
  findMatchingOccurrence,
  mergeReport,
  occurrenceKey,
  toStanceEvent,
} from '@stancewatch/domain/stance/corroboration';

let n = 0;
function report(extra: Partial<Report> = {}): Report {
  n++;
  return {
    eventId: `r${n}`,
    articleId: `a${n}`,
    url: `https://news.example/${n}`,
    type: 'pledge-announced',
    actor: 'FR',
    actorRole: null,
    target: ['UA'],
    asset: ['troops'],
    quantity: { value: 6000, unit: 'troops', text: '6,000 troops' },
    conditions: [],
    statedOn: '2026-01-08',
    observedAt: '2026-01-09T08:00:00Z',
    evidence: `Macron plans to deploy 6,000 soldiers (${n}).`,
    confidence: 0.8,
    ...extra,
  };
}

describe('corroboration', () => {
  it('keys candidates by actor, role and type', () => {
    expect(occurrenceKey(report())).toBe('FR||pledge-announced');
    expect(occurrenceKey(report({ actorRole: 'opposition', type: 'condition-set' }))).toBe('FR|opposition|condition-set');
  });

  it('makes one occurrence of the same statement from several articles, with every URL', () => {
    const first = report();
    let occurrence = createOccurrence(first);
    expect(occurrence).toMatchObject({ occurrenceId: first.eventId, sourceCount: 1, urls: [first.url] });
    for (const other of [report({ quantity: null, statedOn: null, observedAt: '2026-01-10T12:00:00Z' }), report({ statedOn: '2026-01-09' })]) {
      expect(findMatchingOccurrence(other, [occurrence])).toBe(occurrence);
      const merged = mergeReport(occurrence, other);
      expect(merged.isNewSource).toBe(true);
      occurrence = merged.occurrence;
    }
    expect(occurrence.sourceCount).toBe(3);
    expect(occurrence.urls).toHaveLength(3);
    expect(occurrence.evidence).toHaveLength(3);
    expect(occurrence.statedOn).toBe('2026-01-08'); // the earliest of the equally precise dates
    expect(occurrence.quantity).toEqual({ value: 6000, unit: 'troops', text: '6,000 troops' });
  });

  it('does not count the same article twice, however it is re-extracted or re-fetched', () => {
    const first = report();
    const occurrence = createOccurrence(first);
    const again = mergeReport(occurrence, { ...first, eventId: 'r-rerun' });
    expect(again).toEqual({ occurrence, isNewSource: false, revised: false });
    const refetched = mergeReport(occurrence, { ...first, eventId: 'r-refetch', articleId: 'other', url: `${first.url}/#lead` });
    expect(refetched.isNewSource).toBe(false);
    const noUrl = createOccurrence(report({ url: null, articleId: 'art-1' }));
    expect(mergeReport(noUrl, report({ url: null, articleId: 'art-1' })).isNewSource).toBe(false);
    expect(mergeReport(noUrl, report({ url: null, articleId: 'art-2' })).isNewSource).toBe(true);
  });

  it('tells different statements apart', () => {
    const occurrence = createOccurrence(report());
    const differs = (extra: Partial<Report>) => findMatchingOccurrence(report(extra), [occurrence]);
    expect(differs({ actor: 'GB' })).toBeNull();
    expect(differs({ actorRole: 'opposition' })).toBeNull();
    expect(differs({ type: 'pledge-considered' })).toBeNull();
    expect(differs({ target: ['HT'] })).toBeNull();
    expect(differs({ asset: ['equipment'], quantity: null })).toBeNull();
    expect(differs({ quantity: { value: 2000, unit: 'troops', text: '2,000' } })).toBeNull();
    expect(differs({ quantity: { value: 6000, unit: 'EUR', text: '€6,000' } })).toBeNull();
    expect(differs({ statedOn: '2026-01-12' })).toBeNull(); // four days later
    expect(differs({ statedOn: '2026-01-11' })).toBe(occurrence); // three days later
    expect(findMatchingOccurrence(report({ statedOn: '2026-01-14' }), [occurrence], { windowDays: 7 })).toBe(occurrence);
  });

  it('treats a missing target, asset or a vague quantity as compatible', () => {
    const occurrence = createOccurrence(report());
    expect(findMatchingOccurrence(report({ target: [] }), [occurrence])).toBe(occurrence);
    expect(findMatchingOccurrence(report({ target: [] }), [occurrence], { missingTargetMatches: false })).toBeNull();
    expect(findMatchingOccurrence(report({ asset: [] }), [occurrence])).toBe(occurrence);
    expect(findMatchingOccurrence(report({ quantity: { value: null, unit: 'troops', text: 'thousands of troops' } }), [occurrence])).toBe(occurrence);
  });

  it('matches a month-only date anywhere in its month', () => {
    const march = createOccurrence(report({ statedOn: '2025-03', quantity: null }));
    expect(findMatchingOccurrence(report({ statedOn: '2025-03-27', quantity: null }), [march])).toBe(march);
    expect(findMatchingOccurrence(report({ statedOn: '2025-04-05', quantity: null }), [march])).toBeNull();
  });

  it('picks the nearest occurrence when several match', () => {
    const early = createOccurrence(report({ statedOn: '2026-01-05', quantity: null }));
    const late = createOccurrence(report({ statedOn: '2026-01-09', quantity: null }));
    expect(findMatchingOccurrence(report({ statedOn: '2026-01-08', quantity: null }), [early, late])).toBe(late);
  });

  it('flags a merge that refines the date or adds conditions, for StanceTimeline.revise', () => {
    const undated = createOccurrence(report({ statedOn: null, observedAt: '2026-01-09T08:00:00Z' }));
    const dated = mergeReport(undated, report({ statedOn: '2026-01-08' }));
    expect(dated).toMatchObject({ isNewSource: true, revised: true });
    expect(dated.occurrence.statedOn).toBe('2026-01-08');
    const conditioned = mergeReport(dated.occurrence, report({ conditions: [{ text: 'after a ceasefire', kind: 'ceasefire' }] }));
    expect(conditioned.revised).toBe(true);
    expect(mergeReport(conditioned.occurrence, report()).revised).toBe(false);
  });

  it('gives the same occurrence whatever order the reports merge in', () => {
    const reports = [
      report({ statedOn: null, quantity: null, target: [], observedAt: '2026-01-10T09:00:00Z' }),
      report({ statedOn: '2026-01', conditions: [{ text: 'ceasefire', kind: 'ceasefire' }] }),
      report({ statedOn: '2026-01-08', asset: ['troops', 'trainers'], confidence: 0.95 }),
      report({ statedOn: '2026-01-09', target: ['UA', 'RU'], quantity: { value: 6000, unit: 'troops', text: 'six thousand' } }),
    ];
    const fold = (order: Report[]): Omit<Occurrence, 'occurrenceId'> => {
      let occurrence = createOccurrence(order[0], 'occ');
      for (const r of order.slice(1)) occurrence = mergeReport(occurrence, r).occurrence;
      return occurrence;
    };
    const reference = fold(reports);
    expect(reference).toMatchObject({
      statedOn: '2026-01-08',
      target: ['RU', 'UA'],
      asset: ['troops', 'trainers'],
      sourceCount: 4,
      confidence: 0.95,
      conditions: [{ text: 'ceasefire', kind: 'ceasefire' }],
      observedAt: '2026-01-09T08:00:00.000Z',
    });
    for (const order of [[3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]]) expect(fold(order.map((i) => reports[i]))).toEqual(reference);
  });

  it('refuses to merge another statement', () => {
    expect(() => mergeReport(createOccurrence(report()), report({ type: 'pledge-refused' }))).toThrow(/cannot restate/);
  });

  it('hands the occurrence to the stance timeline with its source count', () => {
    let occurrence = createOccurrence(report());
    occurrence = mergeReport(occurrence, report()).occurrence;
    expect(toStanceEvent(occurrence, 'ukraine-security-force')).toMatchObject({
      eventId: occurrence.occurrenceId,
      issue: 'ukraine-security-force',
      statedOn: '2026-01-08',
      sourceCount: 2,
    });
  });
});
