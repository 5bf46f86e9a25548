import type { ExtractedEvent } from '../catalogue';
import { extractEvents } from './index';
import { datesIn, weekMonth } from './dates';
import { assignOccasionDates, findFrame, recalled, speakerName } from './occasion-date';

/** Events for the given sentences of `text` (actor, own date or null), in the shape the extractor produces. */
function eventsOf(text: string, specs: [sentence: string, actor: string, statedOn?: string | null, role?: string][]): ExtractedEvent[] {
  return specs.map(([sentence, actor, statedOn = null, role = null]) => {
    const start = text.indexOf(sentence);
    if (start < 0) throw new Error(`not in text: ${sentence}`);
    return {
      type: 'pledge-announced',
      actor,
      actorRole: role,
      target: [],
      asset: [],
      quantity: null,
      conditions: [],
      statedOn,
      evidence: sentence,
      span: { start, end: start + sentence.length },
      confidence: 0.7,
    };
  });
}

const dated = (text: string, published: string, specs: Parameters<typeof eventsOf>[1]) => {
  const events = eventsOf(text, specs);
  assignOccasionDates(text, published, events);
  return events.map((e) => e.statedOn);
};

describe('occasion dates', () => {
  describe('a report of one sitting', () => {
    const text = [
      'WARSAW — Poland’s parliament debated for six hours on Tuesday whether to send engineers to help rebuild Ukraine after a ceasefire.',
      'Poland will send up to 800 military engineers once the fighting stops, Defence Minister Wladyslaw Kosiniak-Kamysz told the Sejm.',
      'Confederation’s leader said his party would never vote for a foreign deployment.',
      'Prime Minister Donald Tusk had told reporters that Poland would not send combat troops.',
      'President Karol Nawrocki said in January that he would veto any mission without NATO backing.',
    ].join('\n\n');

    it('dates the speakers of the debate by the sitting, keeping recalled and own dates', () => {
      expect(
        dated(text, '2026-03-05', [
          ['Poland will send up to 800 military engineers once the fighting stops, Defence Minister Wladyslaw Kosiniak-Kamysz told the Sejm.', 'PL'],
          ['Confederation’s leader said his party would never vote for a foreign deployment.', 'PL', null, 'opposition'],
          ['Prime Minister Donald Tusk had told reporters that Poland would not send combat troops.', 'PL'],
          ['President Karol Nawrocki said in January that he would veto any mission without NATO backing.', 'PL', '2026-01'],
        ]),
      ).toEqual(['2026-03-03', '2026-03-03', null, '2026-01']);
    });

    it('finds a sitting in "told the Council on <day>" and in a summary line', () => {
      const council = 'Ghana told the Security Council on Thursday that it was ready to lead a force in Haiti.\n\nKenya said its police would stay until June.';
      expect(findFrame(council, '2025-10-04', [])).toMatchObject({ kind: 'sitting', date: '2025-10-02' });
      const summary = 'Record of the Folketing debate held on Wednesday 14 January 2026 on Arctic security.\n\nThe minister said Denmark would buy two ships.';
      expect(findFrame(summary, '2026-01-16', [])).toMatchObject({ kind: 'sitting', date: '2026-01-14' });
      // talks "on" a subject, and a sitting in the future, are no occasion of the report
      expect(findFrame('Egypt said it would train police, as talks on a stabilisation force dragged on.\n\nNorway would send two frigates, officials said.', '2025-11-03', [])).toBeNull();
    });
  });

  describe('a text reproduced after a lead that says when it was issued', () => {
    const text = [
      'Canberra – The following joint communiqué was released on Friday night by the defence ministers of Australia, New Zealand and Fiji after a meeting in Suva.',
      'BEGIN TEXT',
      'We reaffirm our commitment to a peaceful and secure Pacific.',
      'Australia will station two patrol boats in Suva.',
      'New Zealand had offered a frigate to the force in 2024.',
      'END TEXT',
      'Vanuatu said it would not join the force.',
    ].join('\n\n');

    it('dates the statements of the text by the day it was issued, not those after "END TEXT" or recalled ones', () => {
      expect(
        dated(text, '2026-05-11', [
          ['We reaffirm our commitment to a peaceful and secure Pacific.', 'AU'],
          ['Australia will station two patrol boats in Suva.', 'AU'],
          ['New Zealand had offered a frigate to the force in 2024.', 'NZ'],
          ['Vanuatu said it would not join the force.', 'VU'],
        ]),
      ).toEqual(['2026-05-08', '2026-05-08', null, null]);
    });

    it('reads "adopted the following conclusions" as the lead of a reproduced text', () => {
      const text = 'EU foreign ministers meeting in Brussels on Monday adopted the following conclusions on Mali.\n\n1. The EU will extend the mission by one year.';
      expect(findFrame(text, '2026-04-22', [])).toMatchObject({ kind: 'release', date: '2026-04-20' });
    });

    it('finds the issuing day in other phrasings and not in a statement merely mentioned', () => {
      const signed = 'Kingston, 3 June – A declaration signed on 2 June by the CARICOM heads of government commits the bloc to a police mission.\n\nJamaica will send 150 officers.';
      expect(findFrame(signed, '2026-06-03', [])).toMatchObject({ kind: 'release', date: '2026-06-02' });
      // a statement that is only reacted to, with no issuing verb, is no reproduced text: the lead is the day's news
      expect(findFrame('Chile criticised on Monday a statement by Peru about the border.\n\nChile said it would not send troops.', '2026-04-08', [])).toMatchObject({ kind: 'news', date: '2026-04-06' });
    });
  });

  describe('a news report, a transcript, a release named by its title', () => {
    it('dates the statements a news lead goes on to report by the day it reports, except recalled ones and "has said"', () => {
      const text = [
        'NAIROBI, March 5 (Wire) - Kenya and Tanzania pledged police officers on Wednesday for a new mission in Mozambique.',
        'Uganda is weighing a request to send engineers, officials said.',
        'Zambia has said it will only act under an AU mandate.',
        'Kenya had offered trainers in 2024.',
      ].join('\n\n');
      expect(
        dated(text, '2026-03-05', [
          ['Uganda is weighing a request to send engineers, officials said.', 'UG'],
          ['Zambia has said it will only act under an AU mandate.', 'ZM'],
          ['Kenya had offered trainers in 2024.', 'KE'],
        ]),
      ).toEqual(['2026-03-04', null, null]);
      // a feature that opens on no day of its own frames nothing
      expect(findFrame('Few countries want to send troops anywhere.\n\nUganda is weighing a request, officials said.', '2026-03-05', [])).toBeNull();
    });

    it('reads "yesterday" and a long lead, and a readout whose meeting was co-chaired the day before', () => {
      expect(findFrame('Defence minister Ivan Petrov demanded yesterday that NATO deploy more air defence.\n\nHe said Bulgaria would host more jets.', '2026-06-25', [])).toMatchObject({ kind: 'news', date: '2026-06-24' });
      const long = 'UNITED NATIONS - The force has reached a little under half of its authorized strength nine months after the council created it, and the office meant to supply it is running on what one official called borrowed time, council members were told on Wednesday.\n\nChile backed the force.';
      expect(findFrame(long, '2026-07-09', [])).toMatchObject({ kind: 'news', date: '2026-07-08' });
      const readout = 'News release\n\nApril 22, 2026 - Ottawa\n\nOn Tuesday, April 21, 2026, the ministers co-chaired a ministerial meeting of the partners in Ottawa.\n\nChile will send 30 officers.';
      expect(findFrame(readout, '2026-04-22', [])).toMatchObject({ date: '2026-04-21' });
    });

    it('dates a feature by the first dated speech act in its first half when it has no dated lead', () => {
      const text = [
        'Drifting mines have been one of the less visible dangers of the war.',
        'Now a group of Black Sea states says it is ready to start clearing them.',
        'On Monday, the three defence ministers said in Sofia that the group would extend its patrols.',
        'Romania says it will send two minehunters.',
        'Greece has said it will only join under a NATO flag.',
      ].join('\n\n');
      expect(
        dated(text, '2026-02-18', [
          ['Romania says it will send two minehunters.', 'RO'],
          ['Greece has said it will only join under a NATO flag.', 'GR'],
        ]),
      ).toEqual(['2026-02-16', null]);
    });

    it('dates a press-conference transcript by its date line', () => {
      const text = 'Transcript: joint press conference of the foreign ministers\n\nAmman, 4 May 2026\n\nMINISTER: Jordan will not send soldiers.';
      expect(findFrame(text, '2026-05-06', [])).toMatchObject({ kind: 'transcript', date: '2026-05-04' });
    });

    it('dates a transcript by the day its lead says the conference was held, not by the page\'s "Published" line', () => {
      const text = [
        'TRANSCRIPT | Nordic Defence Review | Published Friday 12 June 2026',
        'The following is an edited transcript of the joint press conference held on Thursday at the naval base in Bergen by the two defence ministers.',
        'MODERATOR: Good afternoon.',
        'MINISTER: Norway will send a second frigate.',
      ].join('\n\n');
      expect(findFrame(text, '2026-06-12', [], 'Transcript: Norwegian and Danish ministers in Bergen')).toMatchObject({ kind: 'transcript', date: '2026-06-11' });
    });

    it('reads the sitting\'s day from a header line ("Session of Thursday, 18 June 2026")', () => {
      const text = 'PARLIAMENT BRIEF | Plenary summary | Session of Thursday, 18 June 2026\n\nThe outcome\n\nThe Storting approved the mandate, and the minister said Norway would keep 60 soldiers in Lithuania.';
      expect(findFrame(text, '2026-06-19', [])).toMatchObject({ kind: 'sitting', date: '2026-06-18' });
    });

    it('takes a release whose title says so, dated by its date line', () => {
      const body = 'Ministry of Defence\n\nOslo, 12 June 2026\n\nFOR IMMEDIATE RELEASE\n\nThe Minister hosted his Nordic counterparts today.';
      expect(findFrame(body, '2026-06-13', [], 'Readout: Nordic defence ministers meet in Oslo')).toMatchObject({ kind: 'release', date: '2026-06-12' });
      expect(findFrame('Norway said it would send a frigate.', '2026-06-13', [], 'Norway to send frigate')).toBeNull();
    });
  });

  describe('the readout of a call or meeting', () => {
    const text = [
      'Readout summary',
      'On 14 May, commencing at 10 a.m. for about 40 minutes, Mr. Friedrich Merz, Chancellor of Germany, held a telephone call with H.E. Ms. Kaja Tamm, Prime Minister of Estonia. The overview is as follows.',
      '1. Chancellor Merz stated that Germany will send a further company to the brigade in Lithuania.',
      '2. Prime Minister Tamm welcomed the decision and stated that Estonia has previously offered training grounds.',
    ].join('\n\n');

    it('dates the leaders’ statements by the day the call was held', () => {
      expect(
        dated(text, '2026-05-15', [
          ['1. Chancellor Merz stated that Germany will send a further company to the brigade in Lithuania.', 'DE'],
          ['2. Prime Minister Tamm welcomed the decision and stated that Estonia has previously offered training grounds.', 'EE'],
        ]),
      ).toEqual(['2026-05-14', null]);
    });

    it('reads "On <weekday>, ... held talks" and not an opening day that is no call', () => {
      expect(findFrame('On Tuesday, President Lula held talks with President Boric in Brasília.\n\nBrazil will send engineers.', '2026-03-12', [])).toMatchObject({ kind: 'sitting', date: '2026-03-10' });
      // an opening day with no call is no readout: the day's news, not a sitting
      expect(findFrame('On Tuesday, Brazil announced it would send engineers to Haiti.\n\nChile said it was ready to help.', '2026-03-12', [])).toMatchObject({ kind: 'news', date: '2026-03-10' });
    });

    it('reads "hosted its first public debate" as a sitting too', () => {
      const text = 'On Tuesday evening, the Baltic Forum hosted its first public debate of the year on air defence.\n\nThe Estonian envoy said Tallinn would buy more launchers.';
      expect(findFrame(text, '2026-02-26', [])).toMatchObject({ kind: 'sitting', date: '2026-02-24' });
    });

    it('reads a panel, a round table or a seminar hosted on a day as the occasion of what its speakers said', () => {
      const panel = 'On Tuesday evening the Arctic Institute hosted a panel on Greenland with envoys of Denmark and Canada.\n\nThe Danish envoy said Copenhagen would buy two more patrol ships.';
      expect(findFrame(panel, '2026-03-12', [])).toMatchObject({ kind: 'sitting', date: '2026-03-10' });
      const roundTable = 'On 3 March, the Sahel Forum held a round table on the standby force.\n\nNigeria said it would lead the force.';
      expect(findFrame(roundTable, '2026-03-05', [])).toMatchObject({ kind: 'sitting', date: '2026-03-03' });
    });
  });

  describe('a press release or communiqué', () => {
    const text = [
      'PRESS RELEASE',
      'Madrid, 4 March 2026',
      'Spain to send a minehunter to the Baltic',
      'The Council of Ministers today approved the following measures.',
      '1. Spain will deploy the minehunter Tajo to NATO’s Baltic Sentry from April.',
      '2. Spain will not take part in any mission inside Ukrainian territory before a ceasefire.',
      'The Minister also recalled that Spain has led the air policing mission in Lithuania since 2021.',
      'Notes to editors',
      '- Spain pledged two frigates to the mission in 2025.',
    ].join('\n');

    it('dates every point by the release’s own date line, not the notes or a recollection', () => {
      expect(
        dated(text, '2026-03-05', [
          ['1. Spain will deploy the minehunter Tajo to NATO’s Baltic Sentry from April.', 'ES'],
          ['2. Spain will not take part in any mission inside Ukrainian territory before a ceasefire.', 'ES'],
          ['The Minister also recalled that Spain has led the air policing mission in Lithuania since 2021.', 'ES'],
          ['- Spain pledged two frigates to the mission in 2025.', 'ES'],
        ]),
      ).toEqual(['2026-03-04', '2026-03-04', null, null]);
    });

    it('reads a numeric date line and falls back to the publication day', () => {
      expect(findFrame('Press release\nMinistry of Defence\n6.3.2025 10.15\nFinland will contribute two minesweepers.', '2025-03-07', [])).toMatchObject({ kind: 'release', date: '2025-03-06' });
      expect(findFrame('Joint statement by the foreign ministers of Estonia, Latvia and Lithuania\nThe three countries call for new sanctions.', '2025-11-12', [])).toMatchObject({ kind: 'release', date: '2025-11-12' });
    });
  });

  describe('a live blog', () => {
    const text = [
      'Key events',
      '- Japan weighing a destroyer escort for the Gulf of Aden',
      '09:10 GMT',
      'Seoul will send a destroyer to the Strait of Hormuz, the South Korean defence ministry has announced.',
      '10:30 GMT',
      'A reminder of the background: Iran warned in January that foreign warships would be targets.',
      'Tehran said it would treat any escort as a hostile act.',
      '11:15 GMT',
      'Japan’s chief cabinet secretary said the government had previously ruled out sending warships.',
    ].join('\n');

    it('dates posts and key-event bullets by the blog’s day, but not background posts or recollections', () => {
      expect(
        dated(text, '2026-05-06', [
          ['- Japan weighing a destroyer escort for the Gulf of Aden', 'JP'],
          ['Seoul will send a destroyer to the Strait of Hormuz, the South Korean defence ministry has announced.', 'KR'],
          ['Tehran said it would treat any escort as a hostile act.', 'IR'],
          ['Japan’s chief cabinet secretary said the government had previously ruled out sending warships.', 'JP'],
        ]),
      ).toEqual(['2026-05-06', '2026-05-06', null, null]);
    });

    it('reads stamps set in bold at the head of their posts', () => {
      const blog = [
        'Summary so far:',
        '- A cargo flight was turned back late on Wednesday.',
        '**18:40** – We are pausing this live blog for the evening. Thank you for following along today.',
        '**17:05** – Ukraine\'s foreign ministry says Kyiv would regard any reinforcement as a provocation.',
      ].join('\n\n');
      expect(findFrame(blog, '2026-07-09', [])).toMatchObject({ kind: 'live-blog', date: '2026-07-09' });
    });

    it('keeps a description of the speaker out of the check for recollections', () => {
      const blog = '13:00 BST\nIndia’s navy, which has kept two warships in the Gulf since 2024, said it would escort Indian ships.\n14:00 BST\nThat is all for today.';
      expect(dated(blog, '2026-05-06', [['India’s navy, which has kept two warships in the Gulf since 2024, said it would escort Indian ships.', 'IN']])).toEqual(['2026-05-06']);
    });
  });

  describe('an interview', () => {
    const text = [
      'Latvia’s defence minister Andris Spruds spoke to us in Riga on Monday about air defence and the eastern flank.',
      'Will Latvia send troops to Ukraine?',
      'We are ready to send a company of engineers once there is a ceasefire.',
      'What do your neighbours say?',
      'Finland has told us it will send air-defence specialists as well.',
      'We also want NATO to station more Patriot batteries in the Baltics.',
    ].join('\n\n');

    it('dates the interviewee’s answers by the interview, not what others told them', () => {
      expect(
        dated(text, '2026-02-12', [
          ['We are ready to send a company of engineers once there is a ceasefire.', 'LV'],
          ['Finland has told us it will send air-defence specialists as well.', 'FI'],
          ['We also want NATO to station more Patriot batteries in the Baltics.', 'LV'],
        ]),
      ).toEqual(['2026-02-09', null, '2026-02-09']);
    });

    it('finds the day after a long introduction of the interviewee', () => {
      const long = 'We spoke to Ana Costa, Portugal’s Undersecretary of State for Defence, at the ministry in Lisbon on Friday.\n\nWill Portugal send ships?\n\nWe will send a corvette in May.';
      expect(findFrame(long, '2026-04-14', eventsOf(long, [['We will send a corvette in May.', 'PT']]))).toMatchObject({ kind: 'interview', date: '2026-04-10' });
    });
  });

  describe('a run of statements by one speaker', () => {
    // a lead with no day of its own: the speakers' runs date their statements first
    const text = [
      'The Black Sea demining group is short of ships and money.',
      'ANKARA, May 7 (Wire) - Turkey said on Wednesday it would send two frigates to the Black Sea demining group.',
      'Greece on Tuesday announced a new naval base on Crete.',
      '"We will not allow the Black Sea to become a minefield," defence ministry spokesman Zeki Akturk told a weekly briefing in Ankara.',
      'Akturk urged NATO allies to fund the group’s operations.',
      'Romania’s foreign ministry said it welcomed the Turkish decision.',
      'Turkey also called on Russia to stop laying mines.',
    ].join('\n\n');

    it('dates the same speaker’s undated statements by the dated one that opened the run, until someone else speaks', () => {
      expect(
        dated(text, '2026-05-07', [
          ['ANKARA, May 7 (Wire) - Turkey said on Wednesday it would send two frigates to the Black Sea demining group.', 'TR', '2026-05-06'],
          ['Greece on Tuesday announced a new naval base on Crete.', 'GR', '2026-05-05'],
          ['"We will not allow the Black Sea to become a minefield," defence ministry spokesman Zeki Akturk told a weekly briefing in Ankara.', 'TR'],
          ['Akturk urged NATO allies to fund the group’s operations.', 'TR'],
          ['Romania’s foreign ministry said it welcomed the Turkish decision.', 'RO'],
          ['Turkey also called on Russia to stop laying mines.', 'TR'],
        ]),
        // the other speakers' undated statements take the story's first dated occasion (Wednesday), not Greece's Tuesday
      ).toEqual(['2026-05-06', '2026-05-05', '2026-05-06', '2026-05-06', '2026-05-06', '2026-05-06']);
    });

    it('does not carry one minister’s occasion to another of the same government, nor a month, nor "has said"', () => {
      const wire = [
        'The debate over European troops for Ukraine is far from settled.',
        'BERLIN - Chancellor Friedrich Merz said on Tuesday that German troops would need a Bundestag vote.',
        'Defence Minister Boris Pistorius said the army could send a brigade.',
        'France said in September it would lead the force.',
        'France would also provide air cover, officials said.',
        'Spain said on Monday it was studying a contribution.',
        'Spain has said it will only act under a UN mandate.',
      ].join('\n\n');
      expect(
        dated(wire, '2025-12-04', [
          ['BERLIN - Chancellor Friedrich Merz said on Tuesday that German troops would need a Bundestag vote.', 'DE', '2025-12-02'],
          ['Defence Minister Boris Pistorius said the army could send a brigade.', 'DE'],
          ['France said in September it would lead the force.', 'FR', '2025-09'],
          ['France would also provide air cover, officials said.', 'FR'],
          ['Spain said on Monday it was studying a contribution.', 'ES', '2025-12-01'],
          ['Spain has said it will only act under a UN mandate.', 'ES'],
        ]),
        // Pistorius's run is not Merz's, and "officials said" is no run of anyone's: both take the story's first dated
        // occasion; the month is not carried and "has said" stays undated
      ).toEqual(['2025-12-02', '2025-12-02', '2025-09', '2025-12-02', '2025-12-01', null]);
    });

    it('names the speaker of a sentence', () => {
      const known = new Set<string>();
      expect(speakerName('Germany will help, Defence Minister Boris Pistorius said on Wednesday.', known)).toBe('boris pistorius');
      expect(speakerName('"Italy is ready," said Defence Minister Guido Crosetto.', known)).toBe('guido crosetto');
      expect(speakerName('Pistorius told reporters the soldiers would arrive within weeks.', known)).toBe('pistorius');
      // a name never introduced with a title may be a country or a party
      expect(speakerName('Hamas said it rejected the plan.', known)).toBeNull();
      // the president mentioned in passing is not the one speaking
      expect(speakerName('China said it would respond to the package, the largest of President Donald Trump’s second term.', known)).toBeNull();
    });
  });

  it('recognises statements recalled from before the occasion', () => {
    expect(recalled('Merz had told reporters that Germany would not stand aside.', '2026-02-25')).toBe(true);
    expect(recalled('Japan has previously said it would not send warships.', '2026-03-04')).toBe(true);
    expect(recalled('The Netherlands pledged a frigate last year.', '2026-03-04')).toBe(true);
    expect(recalled('Canada has funded the mission since 2023.', '2026-03-04')).toBe(true);
    expect(recalled('Canada will fund the mission in 2026.', '2026-03-04')).toBe(false);
    expect(recalled('Italy will keep its two frigates in Aspides, Crosetto told the Senate.', '2026-03-04')).toBe(false);
  });

  describe('through the extractor', () => {
    it('dates a debate speaker by the sitting in the lead', () => {
      const text = [
        'BERLIN — The Bundestag held a heated debate on Wednesday over troops for a ceasefire in Ukraine.',
        'Germany is prepared to send up to 1,500 soldiers to western Ukraine after a ceasefire, Defence Minister Boris Pistorius told the chamber.',
      ].join('\n\n');
      const ev = extractEvents({ text, publishedOn: '2026-02-26' });
      expect(ev.find((e) => e.actor === 'DE' && e.type === 'pledge-announced')?.statedOn).toBe('2026-02-25');
    });

    it('dates a statement by the day of its speech act, not by an earlier event in the same sentence', () => {
      const ev = extractEvents({ text: 'The EU will send more monitors to Armenia after the border clashes last week, the bloc confirmed on Thursday.', publishedOn: '2026-10-02' });
      expect(ev.find((e) => e.actor === 'EU')?.statedOn).toBe('2026-10-01');
    });

    it('keeps the own date of a past speech act when a later one follows ("pledged ... in April, and said on Wednesday")', () => {
      const ev = extractEvents({ text: 'Greece pledged two frigates to the mission in April, and said on Wednesday it would also send a tanker.', publishedOn: '2026-06-12' });
      expect(ev.find((e) => e.actor === 'GR' && e.type === 'pledge-announced' && e.quantity?.value === 2)?.statedOn).toBe('2026-04');
    });

    it('dates the statements of a met-and-pledged report and of a reproduced document by their occasion', () => {
      const meeting = [
        'Foreign ministers of the Nordic and Baltic states met in Riga on Tuesday to coordinate aid to Moldova.',
        'Finland will give EUR 40 million for energy security.',
      ].join('\n\n');
      expect(extractEvents({ text: meeting, publishedOn: '2026-05-07' }).find((e) => e.actor === 'FI')?.statedOn).toBe('2026-05-05');
      const excerpt = [
        'NAIROBI – The following is an excerpt from the communiqué adopted by the EAC summit, which closed on Saturday.',
        '7. DECIDES to deploy a regional force of 1,000 troops to eastern Congo;',
      ].join('\n\n');
      expect(findFrame(excerpt, '2026-06-08', [])).toMatchObject({ kind: 'release', date: '2026-06-06' });
    });

    it('does not read "the day after a ceasefire" as when it was said', () => {
      const ev = extractEvents({ text: 'Twenty-six countries have pledged to deploy troops the day after a ceasefire takes effect, Macron said Thursday.', publishedOn: '2025-09-05' });
      expect(ev[0]?.statedOn).toBe('2025-09-04');
    });
  });
  describe('a month ahead and "at the time"', () => {
    it('keeps the month of a plan from being read as last year\'s', () => {
      expect(datesIn('Germany stands ready to send a frigate back to the Red Sea in April.', '2026-01-21')).toEqual([]);
      expect(datesIn('Germany said in April that it would send a frigate.', '2026-01-21').map((d) => d.value)).toEqual(['2025-04']);
    });

    it('dates "demanded at the time" by the occasion the sentence before names', () => {
      const ev = extractEvents({ text: 'Japan’s prime minister told parliament in November that a blockade of Taiwan could threaten Japan. Beijing demanded at the time that she retract the remarks.', publishedOn: '2026-03-12' });
      expect(ev.find((e) => e.actor === 'CN')?.statedOn).toBe('2025-11');
      const same = extractEvents({ text: 'Serbia demanded on Wednesday that Kosovo withdraw its police. Prime minister Albin Kurti rejected this demand on the same day.', publishedOn: '2025-10-17' });
      expect(same.find((e) => e.actor === 'XK')?.statedOn).toBe('2025-10-15');
    });
  });

  describe('the month of May', () => {
    it('reads "said in May" as the month and "may send" as the modal', () => {
      expect(datesIn('Prime Minister Fico said in May that he opposed any use of the assets.', '2026-06-20').map((d) => d.value)).toEqual(['2026-05']);
      expect(datesIn('Spain may send troops, the minister said.', '2026-06-20')).toEqual([]);
    });
  });
  describe('dates that are not when the statement was made', () => {
    it('skips the day of what a noun names ("the treaty ratified by the Senate on 4 May")', () => {
      expect(datesIn('We condemn the decree signed by the junta on 4 May suspending the mission.', '2026-05-10')).toEqual([]);
      expect(datesIn('Kenya welcomed the resolution adopted by the Security Council in March.', '2026-05-10')).toEqual([]);
      // a speaker's own act on a day keeps its date
      expect(datesIn('Chile approved on 4 May the deployment of 200 police officers.', '2026-05-10').map((d) => d.value)).toEqual(['2026-05-04']);
      expect(datesIn('The minister said on 4 May that the law would be signed soon.', '2026-05-10').map((d) => d.value)).toEqual(['2026-05-04']);
    });

    it('skips the day of a pledge or decision "made at" an earlier occasion', () => {
      expect(datesIn('Kenya welcomed the offer by Jamaica of 200 police officers made at the donor conference in Nairobi on 3 March.', '2026-03-20')).toEqual([]);
      // a finite verb of the speaker keeps its day
      expect(datesIn('Jamaica made its offer at the donor conference on 3 March.', '2026-03-20').map((d) => d.value)).toEqual(['2026-03-03']);
    });

    it('skips the month or day of a planned action, unless a speech verb governs the date', () => {
      expect(datesIn('Japan will deploy two destroyers to the strait for joint drills with the Philippine navy in April.', '2026-02-10')).toEqual([]);
      expect(datesIn('The purchase agreement is to be signed in October.', '2026-09-10')).toEqual([]);
      expect(datesIn('Chile said it would send an engineering company in May.', '2026-03-02')).toEqual([]);
      expect(datesIn('Chile will send an engineering company, its defence minister said on Monday.', '2026-03-04').map((d) => d.value)).toEqual(['2026-03-02']);
      // the future verb of another sentence does not reach the date
      expect(datesIn('Lima would rather wait. Peru announced on Friday it was ready.', '2026-03-04').map((d) => d.value)).toEqual(['2026-02-27']);
    });

    it('skips the start of a state that runs "since" a month, but not a dated statement beside it', () => {
      expect(datesIn('Mali must withdraw the units it has moved north since February.', '2026-04-02')).toEqual([]);
      expect(datesIn('Ghana said on Tuesday that troops stationed there since February would stay.', '2026-04-02').map((d) => d.value)).toEqual(['2026-03-31']);
    });
  });

  describe('weeks', () => {
    it('gives "last week" and "this week" the month only when the calendar week lies in one month', () => {
      // Monday 12 January 2026: last week is 5-11 January
      expect(weekMonth('2026-01-12', true)).toBe('2026-01');
      // Thursday 10 July 2025: last week is 30 June - 6 July
      expect(weekMonth('2025-07-10', true)).toBeNull();
      // Wednesday 3 December 2025: this week began on 1 December
      expect(weekMonth('2025-12-03', false)).toBe('2025-12');
      expect(weekMonth('2025-10-02', false)).toBeNull();
    });

    it('never reads "last week" as a day', () => {
      expect(datesIn('The Indian navy said last week it had deployed ten warships.', '2025-07-10')).toEqual([]);
      expect(datesIn('Zakharova said last week that the mission was a Western tool.', '2026-01-30').map((d) => d.value)).toEqual(['2026-01']);
    });
  });
});

describe('dates of statements: scheduled actions, "said since", communiqué marks', () => {
  it('does not read a scheduled action in the present tense as the statement date', () => {
    // "the first of them deploy in April": a plan (April still to come), not last April's statement
    expect(datesIn('We have offered a company of engineers to the mission in Kosovo, and the first of them deploy in April.', '2026-02-18')).toEqual([]);
    expect(datesIn('Our rotation to the Baltic starts in May.', '2026-02-18')).toEqual([]);
    // a speech verb after the action still dates the statement
    expect(datesIn('The battalion arrives in May, the minister said on Monday.', '2026-02-18').map((d) => d.value)).toContain('2026-02-16');
  });

  it('dates a position "said since" a month from that month, and other spans not at all', () => {
    expect(datesIn('Latvia has said since March that it is ready to send engineers to Ukraine.', '2026-11-12').map((d) => d.value)).toEqual(['2026-03']);
    expect(datesIn('Latvia has kept engineers in Ukraine since March.', '2026-11-12')).toEqual([]);
  });

  it('finds the release frame of a page marked "COMMUNIQUÉ" or titled "Communiqué of ..."', () => {
    const text = "BAMAKO, 3 May 2026\nCOMMUNIQUÉ No. 12/PM/2026\n1. The Government of Mali rejects the accusations made by its neighbours.\n2. Mali will deploy 500 soldiers to the northern border.";
    expect(findFrame(text, '2026-05-04', [])).toMatchObject({ kind: 'release', date: '2026-05-03' });
    const titled = "NIAMEY, 3 May 2026\n1. The Government of Niger rejects the accusations made by its neighbours.\n2. Niger will deploy 500 soldiers to the border.";
    expect(findFrame(titled, '2026-05-04', [], 'Communiqué of the Government of the Republic of Niger on the border')).toMatchObject({ kind: 'release', date: '2026-05-03' });
    // a report that mentions a communiqué is no release
    expect(findFrame('Niger said in a communiqué that it would deploy 500 soldiers to the border, officials added on Tuesday.', '2026-05-04', [])?.kind).not.toBe('release');
  });
});
