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
});
