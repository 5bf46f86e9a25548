// Article genres whose layout carries the statement: pledge tables, "Country – amount" lines, joint statements,
// communiqués and readouts. Sentences are made up for these tests (other countries and conflicts than the corpora).
import { extractEvents } from './index';

const run = (text: string, publishedOn = '2026-03-12') => extractEvents({ text, publishedOn });
const pairs = (text: string) => run(text).map((e) => [e.type, e.actor]);

describe('pledge tables and list lines', () => {
  it('reads a pipe-table row as the first cell pledging the second', () => {
    const ev = run(['Here is what donors offered Haiti.', '', '| Donor | Offer | Status |', '|---|---|---|', '| Kenya | 400 police officers | Deployed in June |', '| Japan | ¥2 billion for police salaries | Announced Monday |'].join('\n'));
    expect(ev.map((e) => [e.type, e.actor])).toEqual([
      ['pledge-announced', 'KE'],
      ['pledge-announced', 'JP'],
    ]);
    expect(ev[0].quantity?.value).toBe(400);
    expect(ev[1].evidence).toContain('Japan');
  });

  it('reads a table without outer pipes and skips rows that are not a country', () => {
    const ev = run(['Country | Observers | Since', 'Ireland | 12 observers | 2024', 'Other members (about 9) | about 40 | various'].join('\n'));
    expect(ev.map((e) => [e.type, e.actor])).toEqual([['pledge-announced', 'IE']]);
  });

  it('reads "Country – amount" lines', () => {
    const ev = run(['PLEDGED ON FRIDAY', '', 'Finland – EUR 90 million for artillery shells', 'Portugal - 2 patrol boats and crews'].join('\n'));
    expect(ev.map((e) => [e.type, e.actor])).toEqual([
      ['pledge-announced', 'FI'],
      ['pledge-announced', 'PT'],
    ]);
  });

  it('keeps refusals, headings and datelines out of list pledges', () => {
    expect(pairs('Austria – no troops, citing neutrality')).toEqual([]);
    expect(pairs('| Region | Share | Change |\n| Europe | 35% | +2 |')).toEqual([]);
    expect(pairs('Turkey – the view from Ankara')).toEqual([]);
  });
});
