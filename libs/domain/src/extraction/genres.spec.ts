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

  it('reads a stance table: each row is its first cell doing what the next cells say, the header row is no row', () => {
    const ev = run(
      [
        'Where governments stand on the Arctic patrol plan:',
        '',
        '| Country | Position | Ships |',
        '|---|---|---|',
        '| Iceland | Supports the plan | No navy of its own |',
        '| Finland | Opposes it, Refuses to send icebreakers |  |',
        '| Norway | Will send a frigate, Backs a joint command | 1 |',
      ].join('\n'),
    );
    expect(ev.map((e) => [e.type, e.actor])).toEqual(
      expect.arrayContaining([
        ['support-expressed', 'IS'],
        ['opposition-expressed', 'FI'],
        ['pledge-announced', 'NO'],
      ]),
    );
    expect(ev.some((e) => e.evidence.startsWith('Country'))).toBe(false);
  });

  it('reads a numbered headline in capitals as the heading of its item, not as a statement', () => {
    const ev = run(['THE WEEK AT SEA', '', '1. LISBON ADDS A SECOND CORVETTE', '', 'Portugal will send a second corvette to the Gulf of Guinea, the navy said on Tuesday.', '', '2. OSLO: NOK 200 MILLION FOR DEMINING', '', 'Norway pledged NOK 200 million for demining.'].join('\n'));
    expect(ev.map((e) => [e.type, e.actor, e.evidence.slice(0, 8)])).toEqual([
      ['pledge-announced', 'PT', 'Portugal'],
      ['pledge-announced', 'NO', 'Norway p'],
    ]);
  });

  it('reads past a heading of a demonym and a noun in capitals ("ISRAELI CONDITIONS"; 0.8.1 threw on it)', () => {
    const ev = run(['Intro sentence about the force here.', '', 'ISRAELI CONDITIONS', '', 'The United States said it would send 200 troops.', '', 'KENYAN OFFER', '', 'Kenya said it would send 300 police officers.'].join('\n'));
    expect(ev.map((e) => [e.type, e.actor])).toEqual([
      ['pledge-announced', 'US'],
      ['pledge-announced', 'KE'],
    ]);
  });

  it('reads a "who said what" table whose rows quote the statement, with the office named in the lead cell', () => {
    const ev = run(
      [
        'WHO SAID WHAT',
        '',
        '| Actor | Stance | What they said | When |',
        '|---|---|---|---|',
        '| Peru — Foreign Ministry | Demand | The foreign ministry demanded that La Paz close the crossing at once. | Mon 9 Mar |',
        '| Chile — President | Refusal | The president said Chile would not take part in any joint operation. | Tue 10 Mar |',
      ].join('\n'),
    );
    expect(ev.map((e) => [e.type, e.actor])).toEqual([
      ['demand-made', 'PE'],
      ['pledge-refused', 'CL'],
    ]);
  });

  it('gives an op-ed\'s first person to the office holder its author note names', () => {
    const ev = run(
      [
        'OPINION | GUEST ESSAY',
        '',
        'By Anna Lind',
        '',
        'Every few weeks someone asks why we hesitate. We do not hesitate.',
        '',
        'We are providing €300m in military aid this year. Our navy is ready to send a minehunter once the guns are silent. If that is caution, I plead guilty.',
        '',
        'Anna Lind is Sweden’s Minister of Defence.',
      ].join('\n'),
    );
    expect(ev.map((e) => [e.type, e.actor])).toEqual([
      ['pledge-announced', 'SE'],
      ['pledge-announced', 'SE'],
    ]);
    // the same essay without the author note speaks for no country
    expect(run('OPINION\n\nBy Anna Lind\n\nWe are providing €300m in military aid this year.')).toEqual([]);
  });

  it('reads an interviewee "looking at it" after a question about joining as considering it, not "studying the results"', () => {
    const ev = run(
      ['We spoke to Ana Costa, Portugal’s Undersecretary of State for Defence, on Friday.', '', 'Will Portuguese soldiers join the force?', '', 'We are looking at it seriously.', '', 'And the elections?', '', 'We are studying the results.'].join('\n'),
    );
    expect(ev.map((e) => [e.type, e.actor, e.evidence])).toEqual([['pledge-considered', 'PT', 'We are looking at it seriously.']]);
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

describe('joint statements and readouts', () => {
  it('gives "we" of a joint text to every signatory named in its apposition, in later sentences too', () => {
    const text = [
      'We, the defence ministers of Estonia, Latvia and Lithuania, reaffirm our support for the Nordic-Baltic air policing plan.',
      '',
      'We call on Belarus to withdraw the troops it has moved to the border.',
      '',
      'Any violation of our airspace would be met with a firm and united response by our governments.',
    ].join('\n');
    const ev = run(text);
    for (const type of ['support-expressed', 'demand-made', 'red-line-stated']) {
      expect(ev.filter((e) => e.type === type).map((e) => e.actor).sort()).toEqual(['EE', 'LT', 'LV']);
    }
    expect(ev.some((e) => e.type === 'pledge-refused')).toBe(false);
  });

  it('leaves "we" alone without a signatory apposition', () => {
    expect(pairs('We, the people, support the plan.')).toEqual([]);
    expect(pairs('"We support the plan," a diplomat said.')).toEqual([]);
  });

  it('gives "the two leaders" of a readout to the last two countries that spoke', () => {
    const text = [
      'President Lula stated that Brazil will provide two transport aircraft for the relief effort.',
      '',
      'President Boric welcomed Brazil\'s offer and stated that Chile supports the regional response.',
      '',
      'The two leaders called on Venezuela to release the detained observers.',
    ].join('\n');
    expect(run(text).filter((e) => e.type === 'demand-made').map((e) => e.actor).sort()).toEqual(['BR', 'CL']);
  });

  it('reads a withdrawal asked of another as a demand, not a refusal', () => {
    expect(pairs('Kenya urged Uganda to withdraw its troops from the border area.')).toEqual([['demand-made', 'KE']]);
    expect(pairs('Kenya will withdraw its troops from Somalia.')).toEqual([['pledge-refused', 'KE']]);
  });
});

describe('communiqués', () => {
  const communique = [
    'ABUJA – The following is the final communiqué adopted by the Authority of Heads of State of ECOWAS on Sunday.',
    '',
    '12. WELCOMES the decision of the Republic of Senegal to deploy a battalion of 600 troops to the standby force;',
    '',
    '13. CALLS ON the transitional authorities in Guinea to release all political detainees;',
    '',
    '14. DECIDES to allocate US$ 5 million from its peace fund to the standby force;',
  ].join('\n');

  it('makes the issuing body the subject of operative paragraphs in capitals', () => {
    const ev = run(communique);
    expect(ev.map((e) => [e.type, e.actor])).toEqual(
      expect.arrayContaining([
        ['support-expressed', 'ECOWAS'],
        ['pledge-announced', 'SN'],
        ['demand-made', 'ECOWAS'],
        ['pledge-announced', 'ECOWAS'],
      ]),
    );
    expect(ev.find((e) => e.actor === 'SN')?.quantity?.value).toBe(600);
  });

  it('needs a numbered paragraph and a capitalised verb', () => {
    expect(pairs('CALLS ON the authorities to release all detainees;')).toEqual([]);
    expect(pairs('12. NATO allies met in Brussels on Monday.')).toEqual([]);
  });

  it('gives "the decision of X to deploy" to X', () => {
    expect(pairs('Kenya welcomed the offer by Rwanda to send 300 police officers.')).toEqual(
      expect.arrayContaining([
        ['pledge-announced', 'RW'],
        ['support-expressed', 'KE'],
      ]),
    );
  });
});

describe('sizes are not counts', () => {
  it('counts the vessels, not their length or weight', () => {
    expect(run('Japan will provide five additional 97-metre multi-role response vessels.')[0].quantity?.value).toBe(5);
    expect(run('Norway will send three 40-tonne minesweepers to the Baltic.')[0].quantity).toMatchObject({ value: 3, unit: 'ships' });
    expect(run('Greece will send 40-tonne trucks and two frigates.')[0].quantity?.value).toBe(2);
  });
});

describe('page furniture', () => {
  it('reads on past an inline "Read more" link when the story continues, and stops at the link list after it', () => {
    const para = (country: string) => `${country} said on Tuesday it would send two engineering companies to the mission in South Sudan, officials in the capital confirmed after a cabinet meeting that lasted most of the day.`;
    const ev = run(['JUBA, March 10 - The mission asked for more engineers after the floods destroyed three bridges near the border town.', '', para('Bangladesh'), '', 'Read more: Why the floods keep coming back', '', para('Nepal'), '', 'Related articles', '', 'Rwanda sends more troops to Mozambique', '', 'Floods: what we know'].join('\n'));
    expect(ev.map((e) => e.actor)).toEqual(['BD', 'NP']);
  });

  it('skips a newsletter sign-up line inside the story', () => {
    const ev = run(['Peru said on Monday it would send 200 police officers to the mission in Haiti.', '', 'Sign up to Morning Brief, our free daily newsletter.', '', 'Chile said it was considering a contribution.'].join('\n'));
    expect(ev.map((e) => `${e.type} ${e.actor}`)).toEqual(['pledge-announced PE', 'pledge-considered CL']);
  });
});

describe('0.7.0 genres: transcripts, communiqué clauses, headings', () => {
  it('reads a transcript: the host asks, the guest answers for the country named in the answers', () => {
    const ev = run(
      [
        'The following is a transcript of an interview broadcast on Sunday.',
        '',
        'MARIA SILVA: Minister, there are reports that Spain wants a naval mission in the Gulf of Guinea. Will Portugal join?',
        '',
        'JOAO COSTA (MINISTER OF DEFENCE): Portugal will keep its patrol vessel there until the end of the year. We are considering sending a second ship.',
        '',
        'MARIA SILVA: And the attacks on fishermen?',
        '',
        'JOAO COSTA: I have told the Nigerian authorities directly: these attacks are unacceptable.',
        '',
        'MARIA SILVA: Minister, thank you.',
        '',
        'JOAO COSTA: Thank you, Maria.',
      ].join('\n'),
    );
    expect(ev.map((e) => `${e.type} ${e.actor}`)).toEqual(['pledge-announced PT', 'pledge-considered PT', 'red-line-stated PT']);
    // the speaker label is not part of the evidence
    expect(ev[2].evidence.startsWith('I have told')).toBe(true);
  });

  it('takes no office holder from an institution that only modifies a noun ("three China Coast Guard vessels")', () => {
    const ev = run(
      [
        'Below is a transcript of the briefing.',
        '',
        'TORRES: Good morning. Three China Coast Guard vessels came within 30 meters of our boats, and we condemn that.',
        '',
        'Q: Has Tokyo told you it will help?',
        '',
        'TORRES: Tokyo has told us it will provide two more vessels.',
        '',
        'Q: And if a sailor is killed?',
        '',
        'TORRES: Then we will respond accordingly.',
      ].join('\n'),
    );
    expect(ev.map((e) => `${e.type} ${e.actor}`)).toContain('pledge-announced JP');
    expect(ev.filter((e) => e.actor === 'CN')).toEqual([]);
  });

  it('splits a communiqué paragraph at ", and <VERB>" and keeps a relative clause from threatening', () => {
    const ev = run(['The following decision was adopted by the Authority of Heads of State of ECOWAS.', '', '8. EXPRESSES GRAVE CONCERN over the tension along the border between the Republic of Benin and the Republic of Niger, and URGES both countries to refrain from any action that could lead to armed confrontation;'].join('\n'));
    expect(ev.map((e) => `${e.type} ${e.actor}`)).toContain('demand-made ECOWAS');
    expect(ev.map((e) => `${e.type} ${e.actor}`)).not.toContain('red-line-stated ECOWAS');
  });

  it('does not read a communiqué instructing its own organs as a demand, and reads "the pledge by X of <amount>" as X\'s pledge', () => {
    const ev = run(['The following decision was adopted by the Authority of Heads of State of ECOWAS.', '', '9. REQUESTS the Commission to report within 30 days;', '', '10. WELCOMES the pledge by Japan of US$ 4 million made at the donors conference;'].join('\n'));
    expect(ev.map((e) => `${e.type} ${e.actor}`).sort()).toEqual(['pledge-announced JP', 'support-expressed ECOWAS']);
  });

  it('skips a live-blog heading that ends in a quotation', () => {
    expect(pairs(['Turkey urges calm "on all sides"', '', 'Turkey called on all parties to exercise restraint.'].join('\n'))).toEqual([['demand-made', 'TR']]);
  });

  it('ends a sentence after an abbreviated amount ("£40m.")', () => {
    const ev = run('Norway said on Monday it would pay for mine-clearing drones worth £40m. A spokesperson added that Norway could also provide troops.');
    expect(ev.map((e) => `${e.type} ${e.actor}`)).toEqual(['pledge-announced NO', 'pledge-considered NO']);
  });
});

describe('layouts found on first contact with a fresh corpus', () => {
  it('reads a pipe-table row whose amount sits in a later cell, in any ISO currency', () => {
    const ev = run(['Donors met in Geneva on Tuesday.', '', 'Country | Purpose | Amount | Conditions', 'Norway | Mine clearance | NOK 80 million | -', 'South Korea | Food aid | KRW 20 billion | -', 'Brazil | Observers | 12 personnel | UN mandate'].join('\n'));
    expect(ev.map((e) => [e.type, e.actor, e.quantity?.value, e.quantity?.unit])).toEqual([
      ['pledge-announced', 'NO', 80_000_000, 'NOK'],
      ['pledge-announced', 'KR', 20_000_000_000, 'KRW'],
      ['pledge-announced', 'BR', 12, 'personnel'],
    ]);
  });

  it('reads a declaration whose numbered paragraphs open with the signatories’ verb in the base form', () => {
    const text = [
      'ACCRA DECLARATION',
      'Accra, Ghana, 3-4 June 2026',
      'We, the Heads of State and Government of ECOWAS, meeting in Accra on 3 and 4 June 2026:',
      '1. Reject any attempt to change the constitutional order by force.',
      '2. Call on the transitional authorities in Niamey to release all political detainees.',
      '3. Remain committed to the standby force, to which Member States will contribute 1,500 troops.',
      '4. Welcome the Lomé Accord of March 2025 as a basis for dialogue.',
    ].join('\n');
    const ev = run(text, '2026-06-05');
    expect(ev.map((e) => `${e.type} ${e.actor}`)).toEqual(['opposition-expressed ECOWAS', 'demand-made ECOWAS', 'pledge-announced ECOWAS', 'support-expressed ECOWAS']);
    // adopted on the last day of the meeting; a document named by its date does not date the statement
    expect(ev.map((e) => e.statedOn)).toEqual(['2026-06-04', '2026-06-04', '2026-06-04', '2026-06-04']);
    // without the "We, the ..." preamble a numbered line opening with a verb is no one's statement
    expect(run(['Steps for the talks:', '1. Reject any attempt to change the order by force.'].join('\n'))).toEqual([]);
  });
});

describe('joint statements and Security Council summaries', () => {
  it('reads "we" in a joint statement whose lead names its authors, dated by its date line', () => {
    const text = [
      'Canberra',
      '12 March 2026',
      'The Prime Minister of Australia and the Prime Minister of New Zealand met today in Canberra and issued the following joint statement:',
      'We welcome the new security partnership between Fiji and Tonga.',
      'We call on China to respect the exclusive economic zones of Pacific island states.',
    ].join('\n\n');
    const ev = run(text, '2026-03-13');
    expect(ev.map((e) => `${e.type} ${e.actor}`).sort()).toEqual(['demand-made AU', 'demand-made NZ', 'support-expressed AU', 'support-expressed NZ']);
    expect(new Set(ev.map((e) => e.statedOn))).toEqual(new Set(['2026-03-12']));
  });

  it('reads "the representative of X" as X speaking, and "his country" as X', () => {
    const ev = run('The representative of Brazil, speaking after the vote, said his country would provide an additional 200 police officers.');
    expect(ev.map((e) => [e.type, e.actor, e.quantity?.value])).toEqual([['pledge-announced', 'BR', 200]]);
  });

  it('reads "the proposed X" as no proposal, and insisting on one\'s own conduct as no demand', () => {
    expect(pairs('Qatar welcomes the proposed extension of the mission, the foreign ministry said.')).toEqual([['support-expressed', 'QA']]);
    expect(pairs('Oman has long insisted that it will stay neutral.')).toEqual([]);
    expect(pairs('Oman insisted that Iran release the tanker.')).toEqual([['demand-made', 'OM']]);
  });
});

describe('0.8 list shorthand', () => {
  const events = (text: string) => extractEvents({ text, publishedOn: '2026-03-04' }).map((e) => [e.type, e.actor, e.quantity?.value ?? null]);

  it('reads a list line\'s own modality and a bare "no troops" as a refusal', () => {
    expect(events('Who is offering what:\n\n- Portugal: considering a naval contribution\n- Malta: no troops')).toEqual([
      ['pledge-considered', 'PT', null],
      ['pledge-refused', 'MT', null],
    ]);
  });

  it('reads amounts in brackets after each contributor in a sentence about pledges', () => {
    expect(events('Pledges so far include Denmark (€200m), Finland (€150m) and Norway (two frigates).')).toEqual([
      ['pledge-announced', 'DK', 200000000],
      ['pledge-announced', 'FI', 150000000],
      ['pledge-announced', 'NO', 2],
    ]);
    expect(events('Officials from Germany (Berlin) and France (Paris) met on Monday.')).toEqual([]);
  });
});
