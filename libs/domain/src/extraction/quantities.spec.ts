import { extractEvents } from './index';

/** The quantity of the first event the extractor finds in `text`. */
const quantityOf = (text: string) => extractEvents({ text, publishedOn: '2026-03-04' })[0]?.quantity ?? null;

describe('quantities', () => {
  it('reads an abbreviated scale that ends the sentence ("worth £25m.")', () => {
    expect(quantityOf('Ireland said on Tuesday it would pay for demining equipment worth €12m. A spokesperson added that more could follow.')).toMatchObject({ value: 12_000_000, unit: 'EUR' });
  });

  it('counts one for "another" and an ordinal after an article', () => {
    expect(quantityOf('Portugal will send another corvette to the mission.')).toMatchObject({ value: 1, unit: 'ships' });
    expect(quantityOf('Norway will send a third frigate to the Baltic.')).toMatchObject({ value: 1, unit: 'ships' });
  });

  it('counts a ship named by its prefix as one ship', () => {
    expect(quantityOf('Australia will deploy the frigate HMAS Toowoomba to the Red Sea.')).toMatchObject({ value: 1, unit: 'ships' });
    // a name after a counted noun is the same ship, not a second one
    expect(quantityOf('Britain will send one destroyer, HMS Dauntless, to the Gulf.')).toMatchObject({ value: 1, unit: 'ships' });
  });

  it('counts experts and specialists as personnel', () => {
    expect(quantityOf('Finland said it was considering seconding three experts to the monitoring mission.')).toMatchObject({ value: 3, unit: 'personnel' });
  });

  it('counts a ship named after its type as one ship, but not a plural type before names', () => {
    expect(quantityOf('Spain is weighing whether to send the frigate Blas de Lezo to the strait.')).toMatchObject({ value: 1, unit: 'ships' });
    expect(quantityOf('Norway said it would keep its corvette Skudd in the region until June.')).toMatchObject({ value: 1, unit: 'ships' });
    expect(quantityOf('Norway said it would keep the corvettes in the region until June.')).toBeNull();
  });

  it('counts a battery, a model with a slash and aircraft types written without "jets"', () => {
    expect(quantityOf('Sweden is ready to station an air-defence battery in Estonia.')).toMatchObject({ value: 1, unit: 'systems' });
    expect(quantityOf('Greece has not excluded sending a second SAMP/T battery to Bulgaria.')).toMatchObject({ value: 1, unit: 'systems' });
    expect(quantityOf('Belgium will send four F-16s to Romania.')).toMatchObject({ value: 4, unit: 'aircraft' });
    expect(quantityOf('Spain will send six Eurofighters to Lithuania.')).toMatchObject({ value: 6, unit: 'aircraft' });
  });

  it('reads "US dollars" after an amount', () => {
    expect(quantityOf('Ireland will provide relief goods and an emergency grant of 5 million US dollars through international organisations.')).toMatchObject({ value: 5_000_000, unit: 'USD' });
  });

  it('counts the members of a unit or of a named force as troops, and no other members', () => {
    expect(quantityOf('Slovakia confirmed that it will send a company of about 120 members to the mission.')).toMatchObject({ value: 120, unit: 'troops' });
    expect(quantityOf('Fiji will deploy 80 additional members of the Republic of Fiji Military Forces to Lebanon.')).toMatchObject({ value: 80, unit: 'troops' });
    expect(quantityOf('Malta will send 40 members of parliament to observe the vote.')).toBeNull();
  });
});

/** Every event of `text`, as actor -> quantity value. */
const valuesOf = (text: string) => Object.fromEntries(extractEvents({ text, publishedOn: '2026-03-04' }).map((e) => [e.actor, e.quantity?.value ?? null]));

describe('quantities: which amount is whose', () => {
  it('adds counts of one unit joined by "and", and prefers a crew to the article of its ship', () => {
    expect(quantityOf('Denmark said it would provide a frigate and two minehunters for the task group.')).toMatchObject({ value: 3, unit: 'ships' });
    expect(quantityOf('Spain will offer a corvette and 90 sailors for the next rotation.')).toMatchObject({ value: 90 });
    // different units, neither an article: the nearest stays
    expect(quantityOf('Norway will send 200 troops and 4 helicopters.')).toMatchObject({ value: 200, unit: 'troops' });
  });

  it('does not give one actor the amount another actor is the subject of', () => {
    const v = valuesOf('Spain and Portugal have agreed to lead the mission, and the Spanish defence minister said Spain would contribute up to 900 troops.');
    expect(v.ES).toBe(900);
    expect(v.PT).toBeNull();
  });

  it('does not give each of several actors their shared total', () => {
    const v = valuesOf('Chile and Peru will provide most of the new battalion, which counts around 800 troops in total.');
    expect(v.CL).toBeNull();
    expect(v.PE).toBeNull();
    // one actor's own amount is kept
    expect(valuesOf('Chile will provide most of the new battalion, which counts around 800 troops in total.').CL).toBe(800);
  });

  it('takes the amount of a later clause of the same sentence and statement', () => {
    expect(quantityOf('Prime Minister Mia Mottley confirmed that Barbados will maintain its police officers in Haiti and will add one patrol boat to support the coast guard.')).toMatchObject({ value: 1 });
  });

  it('reads "the systems" as the amount an earlier clause gave, when the same actor holds it', () => {
    const e = extractEvents({ text: 'Moldova\'s defence minister told the meeting that Chisinau needed at least six more air-defence batteries and urged partners to deliver the systems before winter.', publishedOn: '2026-03-04' });
    expect(e.find((x) => x.type === 'demand-made')?.quantity).toMatchObject({ value: 6 });
    // another actor's amount is not what the demand is about
    const f = extractEvents({ text: 'Sweden has sent 300 troops to the mission, but Finland urged Denmark to withdraw the troops.', publishedOn: '2026-03-04' });
    expect(f.find((x) => x.actor === 'FI')?.quantity ?? null).toBeNull();
  });

  it('gives a lead without an amount the amount of the same pledge restated just after', () => {
    const text = 'Japan and Australia pledged fresh money on Wednesday for the regional force.\n\nTokyo will provide $40 million toward the first year, a foreign ministry spokesperson said, while Canberra committed 15 million Australian dollars for fuel.';
    const leads = extractEvents({ text, publishedOn: '2026-03-05' }).filter((e) => /fresh money/.test(e.evidence));
    expect(Object.fromEntries(leads.map((e) => [e.actor, e.quantity?.value]))).toEqual({ JP: 40_000_000, AU: 15_000_000 });
    // a later pledge of another asset is not the lead's amount
    const other = 'Chile pledged fresh money on Wednesday for the force.\n\nChile will also send 200 troops, the defence minister said.';
    expect(extractEvents({ text: other, publishedOn: '2026-03-05' }).find((e) => /fresh money/.test(e.evidence))?.quantity ?? null).toBeNull();
  });
});
