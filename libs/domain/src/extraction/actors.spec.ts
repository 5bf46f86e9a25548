// Actor resolution: shared names, organs of organisations, "the bloc", parties, speaking on behalf of another.
// Every rule is shown on invented sentences, with a case where it must not fire.
import { extractEvents } from './index';

const run = (text: string, publishedOn = '2026-02-10') => extractEvents({ text, publishedOn });
const types = (text: string) => run(text).map((e) => `${e.type} ${e.actor}`);

describe('actor resolution', () => {
  describe('AU: African Union or Australia', () => {
    it('reads "the AU" and an AU organ as the African Union', () => {
      expect(types('The AU calls on both parties to respect the ceasefire in Tigray.')).toEqual(['demand-made AFU']);
      expect(types('The AU Peace and Security Council called on Rwanda to withdraw its troops.')).toEqual(['demand-made AFU']);
      expect(types('The AU Commission has offered to send 200 observers to Lesotho.').map((t) => t.split(' ')[1])).toEqual(['AFU']);
    });

    it('reads bare AU in an Australian story as Australia', () => {
      expect(types('Australia and Fiji signed a maritime pact on Monday. AU officials said Canberra would send two patrol boats to Suva.')).toEqual(['pledge-announced AU']);
    });
  });

  describe('organs of an organisation', () => {
    it('gives an organ named after an organisation to that organisation', () => {
      expect(types('The SADC Secretariat called on Zimbabwe to release the detained observers.')).toEqual(['demand-made SADC']);
      expect(types('The ECOWAS Commission has called on Guinea to hold elections before June.')).toEqual(['demand-made ECOWAS']);
    });

    it('reads a bare "the Commission" as the organisation whose Commission the article named, else the EU', () => {
      const text = 'The ECOWAS Commission met in Abuja on Monday.\n\nThe Commission has called on Guinea to hold elections before June.';
      expect(run(text).map((e) => e.actor)).toEqual(['ECOWAS']);
      expect(types('The Commission has called on Hungary to unblock the aid package for Moldova.')).toEqual(['demand-made EU']);
    });
  });

  describe('"the bloc"', () => {
    it('is the organisation named before it in the sentence or the article', () => {
      expect(types('ASEAN foreign ministers met in Vientiane on Friday. The bloc called on Myanmar to end the air strikes.')).toEqual(['demand-made ASEAN']);
      expect(types('Speaking for CARICOM, the chair said the bloc would send 50 police officers to Haiti.').map((t) => t.split(' ')[1])).toEqual(['CARICOM']);
    });

    it('falls back on the EU and never reads a lower-case "bloc" without its article', () => {
      expect(types('The bloc called on Serbia to recognise the ruling.')).toEqual(['demand-made EU']);
      expect(types('Armenia said it would not join any military bloc.').some((t) => t.endsWith('EU'))).toBe(false);
    });
  });

  describe('domestic parties', () => {
    it('resolves a party name shared by several countries from the country the text names', () => {
      const ca = run('In Ottawa, the Conservatives demanded a vote in the House of Commons before any deployment to Latvia.');
      expect(ca.map((e) => [e.actor, e.actorRole])).toEqual([['CA', 'opposition']]);
      const gb = run('In London, the Conservatives demanded a Commons vote before any deployment to Estonia.');
      expect(gb.map((e) => e.actor)).toEqual(['GB']);
      expect(types('Social Democrats in Stockholm rejected the plan to send Swedish troops to Latvia.').map((t) => t.split(' ')[1])).toEqual(['SE']);
    });

    it('names no actor when the text names none of the countries a shared party name belongs to', () => {
      expect(types('The Greens rejected the plan.')).toEqual([]);
    });

    it('reads "the opposition" before a party name as that party', () => {
      expect(run('The opposition Party of Action criticized the Ukrainian request and said it opposes any troop deployment.').length).toBe(0);
      const md = run('The opposition Party of Socialists criticised the Hungarian offer and said it opposes any foreign troops in the country.');
      expect(md.map((e) => [e.type, e.actor, e.actorRole])).toEqual([['opposition-expressed', 'MD', 'opposition']]);
    });
  });

  describe('domestic parties of many countries', () => {
    const actorRoles = (text: string) => run(text).map((e) => `${e.type} ${e.actor} ${e.actorRole ?? '-'}`);

    it('reads a party known in one country only as that country, with its role in the file', () => {
      expect(actorRoles('The Brothers of Italy leader rejected the plan.')).toEqual(['opposition-expressed IT ruling-party']);
      expect(actorRoles('Forza Italia said it opposes sending troops to Libya.')).toEqual(['opposition-expressed IT coalition-partner']);
      expect(actorRoles('Yesh Atid said it would vote against the ceasefire deal.')).toEqual(['opposition-expressed IL opposition']);
      expect(actorRoles('The Sweden Democrats rejected any deployment to Latvia.')).toEqual(['opposition-expressed SE coalition-partner']);
      expect(actorRoles('Vetevendosje demanded that Serbia recognise Kosovo.')).toEqual(['demand-made XK ruling-party']);
      expect(actorRoles('The People Power Party opposed the plan.')).toEqual(['opposition-expressed KR opposition']);
      expect(actorRoles('The NDP called on Canada to send more aid to Haiti.').map((t) => t.split(' ').slice(1).join(' '))).toEqual(['CA opposition']);
      expect(types('Alliance 90/The Greens rejected the plan.')).toEqual(['opposition-expressed DE']);
      expect(types('The CDU/CSU rejected the plan.')).toEqual(['opposition-expressed DE']);
    });

    it('keeps "party" or "parliamentary group" after a party name with it', () => {
      expect(actorRoles('The Smer party said it opposes sending Slovak soldiers to Ukraine.').map((t) => t.split(' ').slice(1).join(' '))).toEqual(['SK ruling-party']);
      expect(actorRoles('The Fidesz parliamentary group voted against the aid package for Ukraine.').map((t) => t.split(' ').slice(1).join(' '))).toEqual(['HU ruling-party']);
    });

    it('reads a name several countries use from the country the text names, else its default or no one', () => {
      expect(actorRoles('Labour in Oslo said it opposes any deployment of Norwegian troops.')).toEqual(['opposition-expressed NO ruling-party']);
      expect(types('Labour said it opposes the plan.')).toEqual(['opposition-expressed GB']);
      expect(types('In Prague, the SPD rejected sending Czech troops to Ukraine.').map((t) => t.split(' ')[1])).toEqual(['CZ']);
      expect(types('The SPD rejected sending troops to Ukraine.').map((t) => t.split(' ')[1])).toEqual(['DE']);
      expect(actorRoles('The Socialists in Madrid backed the plan.')).toEqual(['support-expressed ES ruling-party']);
      expect(actorRoles('The Democratic Party in Seoul rejected the plan.')).toEqual(['opposition-expressed KR ruling-party']);
      expect(types('In Rome, the League rejected sending Italian troops to Ukraine.').map((t) => t.split(' ')[1])).toEqual(['IT']);
    });

    it('gives no country to a shared name, a common word or a European party group when the text names none of its countries', () => {
      expect(types('The Democratic Party rejected the plan.')).toEqual([]);
      expect(types('The Socialists backed the plan.')).toEqual([]);
      expect(types('The League rejected sending troops to Ukraine.')).toEqual([]);
      expect(types('The Social Democrats rejected the plan.')).toEqual([]);
      expect(types("The European People's Party in Madrid backed the plan.")).toEqual([]);
    });
  });

  describe('offices and institutions that imply a country', () => {
    it('reads an office or a seat of government only one country has as that country', () => {
      expect(types('The Taoiseach said he opposed the plan.')).toEqual(['opposition-expressed IE']);
      expect(types('The Tánaiste welcomed the plan.')).toEqual(['support-expressed IE']);
      expect(types('The Farnesina said it opposed the plan.')).toEqual(['opposition-expressed IT']);
      expect(types('Global Affairs Canada said it opposed the plan.')).toEqual(['opposition-expressed CA']);
      expect(types('DFAT said it opposed the plan.')).toEqual(['opposition-expressed AU']);
      expect(types('The Foreign, Commonwealth and Development Office said it opposes the plan.')).toEqual(['opposition-expressed GB']);
      expect(run('The Saeima voted against the plan.').map((e) => `${e.actor} ${e.actorRole}`)).toEqual(['LV legislature']);
    });

    it('reads the Bundeswehr as Germany, once, whether it speaks or its troops are sent', () => {
      expect(types('The Bundeswehr said it would station a brigade in Lithuania.')).toEqual(['pledge-announced DE']);
      expect(types('Berlin offered to deploy Bundeswehr engineers to Moldova.')).toEqual(['pledge-announced DE']);
    });

    it('reads a German "Federal" office as Germany or Austria by the country the text names, and the Federal Foreign Office as Germany', () => {
      expect(types('The Austrian cabinet met on Monday. The Federal Chancellor said he opposed sending troops.')).toEqual(['opposition-expressed AT']);
      expect(types('In Vienna, the Federal Minister of Defence said she opposes the plan.')).toEqual(['opposition-expressed AT']);
      expect(types('The Federal Minister of Defence announced that Germany would send 200 soldiers to Lithuania.').map((t) => t.split(' ')[1])).toEqual(['DE']);
      expect(types('The Federal Foreign Office said it opposed the plan.')).toEqual(['opposition-expressed DE']);
    });

    it('gives a "Federal" office no country when the text names neither Germany nor Austria', () => {
      expect(types('The Federal Chancellor said he opposed the plan.')).toEqual([]);
      expect(types('The Federal Ministry of Defence in Abuja said it opposes the plan.').some((t) => /\b(DE|AT)$/.test(t))).toBe(false);
    });
  });

  describe('speaking on behalf of another actor', () => {
    it('attributes the statement to the actor spoken for', () => {
      expect(types('Speaking on behalf of the African Union, the representative of Ghana urged donors to fund the mission.')).toEqual(['demand-made AFU']);
      expect(types('Finland, speaking on behalf of the European Union, called on Belarus to release the detained journalists.')).toEqual(['demand-made EU']);
    });

    it('keeps the speaker when the one spoken for is no known actor', () => {
      expect(types('The representative of Norway, speaking on behalf of a group of donors, called on Sudan to open the crossings.')).toEqual(['demand-made NO']);
    });
  });

  describe('embedded speakers', () => {
    it('gives a threat of what someone else will suffer to the one who warns', () => {
      expect(types('Tehran warned that Riyadh would pay a heavy price for any attack on Iranian tankers.')).toEqual(['red-line-stated IR']);
      expect(types('Pyongyang warned that Seoul would face grave consequences if the drills went ahead.')).toEqual(['red-line-stated KP']);
      expect(types('Azerbaijan will pay a heavy price for any incursion, the Armenian defence ministry said.')).toEqual(['red-line-stated AM']);
    });

    it('gives words quoted from an actor an interview answer reports to that actor, not to the interviewee', () => {
      const text = 'Finnish Defence Minister Jane Roe spoke to us in Helsinki.\n\nQ: How does Moscow react?\n\nA: Moscow says this every time. The Kremlin has warned that Russia would take "retaliatory measures" against any new base in Finland.';
      expect(run(text).filter((e) => e.type === 'red-line-stated').map((e) => e.actor)).toEqual(['RU']);
    });

    it('keeps a quote in an answer with the interviewee when no one else reports it', () => {
      const text = 'Finnish Defence Minister Jane Roe spoke to us in Helsinki.\n\nQ: And if Russia moves troops to the border?\n\nA: Any incursion would be met with "a firm response".';
      expect(run(text).map((e) => e.actor)).not.toContain('RU');
    });
  });

  describe('plural anaphora', () => {
    it('gives "their ministers" and "the N countries" one event per country named together before', () => {
      expect(types('Chile, Peru and Bolivia met in Lima on Monday. Their foreign ministers have warned that any blockade would be treated as a hostile act.').sort()).toEqual(['red-line-stated BO', 'red-line-stated CL', 'red-line-stated PE']);
      expect(types('Chile, Peru and Bolivia met in Lima on Monday. The three countries reject the plan.').sort()).toEqual(['opposition-expressed BO', 'opposition-expressed CL', 'opposition-expressed PE']);
      expect(types('- Laos and Cambodia: The two countries reject the proposed force as an outside instrument.').sort()).toEqual(['opposition-expressed KH', 'opposition-expressed LA']);
    });

    it('does not read a count that does not match the group, or a lone country, as the antecedent', () => {
      expect(types('Chile and Peru met in Lima on Monday. The three countries reject the plan.')).toEqual([]);
      expect(types('Chile hosted the talks on Monday. Their foreign ministers rejected the plan.')).toEqual([]);
    });
  });

  describe('who is under discussion', () => {
    it('lets a sentence without a position name the country a later "its ministry" belongs to', () => {
      const ev = run('Berlin said it would not send warships. Canberra has stayed silent on the patrols. Its defence ministry has said it will not take part in any blockade.');
      expect(ev.filter((e) => e.evidence.startsWith('Its')).map((e) => e.actor)).toEqual(['AU']);
      // an oblique mention ("on Canberra's patrols") does not change who is under discussion
      const ob = run('Berlin said it would not send warships. Diplomats have stayed silent on the patrols by Canberra. Its defence ministry has said it will not take part in any blockade.');
      expect(ob.filter((e) => e.evidence.startsWith('Its')).map((e) => e.actor)).toEqual(['DE']);
    });
  });

  describe('definite offices', () => {
    it('reads "In <capital>, the <office>" as that country and lets a modifier sit before the office', () => {
      const ev = run('Tokyo said it would send two destroyers to the drill.\n\nIn Jakarta, the new cabinet has tried to keep talks going. The maritime affairs minister called on Beijing to respect the ruling.');
      expect(ev.filter((e) => e.evidence.startsWith('The maritime')).map((e) => `${e.type} ${e.actor}`)).toEqual(['demand-made ID']);
    });

    it('keeps the same office holder for a definite office said again later', () => {
      const text = 'The Defence Secretary told MPs that Britain would send 500 troops to Estonia.\n\nAsked about Germany, she said Berlin had not ruled out a contribution.\n\nThe Defence Secretary called on Washington to keep its air cover in place.';
      expect(run(text).filter((e) => e.evidence.includes('keep its air cover')).map((e) => e.actor)).toEqual(['GB']);
    });

    it('reads "the president himself said" as the subject of the saying, and not a former office holder', () => {
      expect(types('Chile hosted the talks on Monday. The president himself said he supports a ceasefire monitoring mission.')).toEqual(['support-expressed CL']);
      expect(types('Chile hosted the talks on Monday. The former president called on Peru to withdraw.')).toEqual([]);
    });
  });

  describe('transcripts with speaker labels', () => {
    const withTitle = (title: string, text: string) => extractEvents({ text, title, publishedOn: '2026-03-04' }).map((e) => `${e.type} ${e.actor}`);
    const conference = [
      'Oslo, 3 March 2026',
      'MODERATOR: Good morning. The Secretary General and the Minister will speak first, and we call on journalists to keep questions short.',
      'SECRETARY GENERAL: Thank you, Minister. We will send four more maritime patrol aircraft to the High North this winter.',
      'We call on Russia to respect the fisheries zone around Svalbard.',
      'MINISTER: Thank you. Norway welcomes the decision.',
      'We also reject any Russian military presence on Svalbard.',
      'QUESTION (Arctic Today): Will Denmark join the patrols?',
      'SECRETARY GENERAL: Denmark is considering sending a frigate, as far as I know.',
      'MODERATOR: Thank you. We will send the transcript later.',
    ].join('\n\n');

    it('gives the first person of a labelled turn, and the unlabelled paragraphs after it, to the office the title names', () => {
      expect(withTitle("Transcript: Joint press conference of the NATO Secretary General and Norway's Defence Minister on Arctic patrols", conference)).toEqual([
        'pledge-announced NATO',
        'demand-made NATO',
        'support-expressed NO',
        'opposition-expressed NO',
        'pledge-considered DK',
      ]);
    });

    it('reads a label that names its speaker itself, and never the moderator or the questions', () => {
      const text = 'MODERATOR: We will start with the President.\n\nPRESIDENT STUBB: We will send two more fighter jets to Iceland this spring.\n\nQ: And Sweden?\n\nPRESIDENT STUBB: We call on all allies to share the burden.\n\nMODERATOR: We call on you to leave the room now. Thank you.';
      expect(withTitle('Transcript: press availability in Helsinki', text)).toEqual(['pledge-announced FI', 'demand-made FI']);
    });

    it('does not read a note or a heading label as a speaker, nor the notes after ENDS', () => {
      expect(withTitle('Aspides factbox', 'Where the navies stand.\n\nNOTE: We will send updates as the ships sail.\n\nGREECE: Athens will provide a frigate on rotation.').map((t) => t.split(' ')[1])).toEqual(['GR']);
      const release = conference.replace('MODERATOR: Thank you. We will send the transcript later.', 'ENDS\n\nFor more information, contact the NATO press service.');
      expect(withTitle("Transcript: Joint press conference of the NATO Secretary General and Norway's Defence Minister", release).filter((t) => t === 'demand-made NATO')).toHaveLength(1);
    });
  });

  describe('a release issued by a ministry', () => {
    const release = (letterhead: string) =>
      [
        letterhead,
        'Press Office',
        'Accra, 4 March 2026',
        'The Deputy Prime Minister and Minister of Defence hosted the defence ministers of Togo, Benin and Burkina Faso in Accra today for talks on the Accra Initiative and on border security in the north.',
        'Togo confirmed that its two patrol boats will remain on the Volta through the rainy season.',
        'The Minister called on ECOWAS to finance the standby force from common funds.',
        'The Ministry demanded that armed groups end their attacks on border posts.',
      ].join('\n\n');
    const actorsOf = (text: string) => run(text).filter((e) => /^The Minist/.test(e.evidence)).map((e) => `${e.type} ${e.actor}`);

    it('reads "the Minister" and "the Ministry" as the office of the country whose letterhead issues it', () => {
      expect(actorsOf(release('Ministry of Defence of the Republic of Ghana'))).toEqual(['demand-made GH', 'demand-made GH']);
      expect(actorsOf(release('Government of Ghana'))).toEqual(['demand-made GH', 'demand-made GH']);
    });

    it('keeps the last country under discussion without a letterhead, or with one naming no country', () => {
      expect(actorsOf(release('Accra Initiative summit'))).toEqual(['demand-made TG', 'demand-made TG']);
      expect(actorsOf(release('Ministry of Defence'))).toEqual(['demand-made TG', 'demand-made TG']);
    });
  });

  describe('members of a parliament', () => {
    const withRoles = (text: string) => run(text).map((e) => `${e.type} ${e.actor} ${e.actorRole ?? '-'}`);

    it('reads a congressional title or party tag as the US legislature, the tag giving the role', () => {
      const text = 'Japan said it would send two destroyers to the Philippines.\n\nThe committee\'s chairman, Rep. John Harlan (R-Ariz.), said he would vote against any aid to Manila.\n\nHarlan also called on Tokyo to pay for the fuel.\n\nThe ranking Democrat, Rep. Ana Ruiz (D-Calif.), said she supported the deployment.';
      expect(withRoles(text)).toEqual(['pledge-announced JP -', 'opposition-expressed US legislature', 'demand-made US legislature', 'support-expressed US opposition']);
      expect(withRoles('Sen. Ann Lee (D-N.H.) said she would vote against any aid to Taiwan.')).toEqual(['opposition-expressed US opposition']);
    });

    it('reads a party member of another parliament as that country, and no senator without a party tag', () => {
      expect(withRoles('An SPD lawmaker, Jan Rolf, said he opposed sending Taurus missiles to Ukraine.')).toEqual(['opposition-expressed DE coalition-partner']);
      expect(withRoles('Senator Maria Santos called on Manila to send ships to the shoal.')).toEqual([]);
      expect(withRoles('High Representative Kaja Kallas called on Israel to open the crossing.')).toEqual(['demand-made EU -']);
    });

    it('does not read a question as a demand', () => {
      expect(withRoles('Rep. Ana Ruiz (D-Calif.) spoke next. "Who pays when the pledges run out?" Ruiz asked.')).toEqual([]);
    });
  });

  describe('headings that name actors', () => {
    const text = [
      'Where the neighbours stand',
      'Chile',
      '- It has ruled out sending combat troops to Bolivia.',
      'PERU AND ECUADOR',
      '- Both have since criticised the mission for its lack of a mandate.',
      'SADC',
      '- The bloc has called on all sides to exercise restraint.',
      'What happens next?',
      '- It has ruled out any role for the navy.',
    ].join('\n');

    it('gives "It", "Both" and "the bloc" opening a line under the heading to the heading\'s actors', () => {
      expect(types(text)).toEqual(['pledge-refused CL', 'opposition-expressed PE', 'opposition-expressed EC', 'demand-made SADC']);
    });

    it('reads no actor from a heading that names something else, nor after a question heading', () => {
      expect(types('Contributors\n- It has ruled out sending combat troops to Bolivia.')).toEqual([]);
      expect(types(text).filter((t) => t.startsWith('pledge-refused'))).toEqual(['pledge-refused CL']);
      expect(types('Peru and Ecuador\n- It has ruled out sending combat troops to Bolivia.')).toEqual([]);
    });
  });

  describe('descriptions of actors', () => {
    it('reads an observer, a UN coordinator, a Dominican government and a "For <country>," frame', () => {
      expect(types('The Palestinian observer urged the council to send monitors to the West Bank.')).toEqual(['demand-made PS']);
      expect(types('The UN Special Coordinator for Lebanon called on Israel to withdraw from the five hilltops.')).toEqual(['demand-made UN']);
      expect(types('The Dominican government has ruled out sending its own troops into Haiti.')).toEqual(['pledge-refused DO']);
      expect(types('Jamaica will keep its 24 soldiers. For Barbados, Prime Minister Jane Roe confirmed that her country will add one patrol vessel.')).toEqual(['pledge-announced JM', 'pledge-announced BB']);
    });

    it('does not read a purpose after "For" as a country frame, nor an observer without its country', () => {
      expect(types('Jamaica will keep its 24 soldiers. For the mission, the prime minister confirmed that his country will add one patrol vessel.')).toEqual(['pledge-announced JM', 'pledge-announced JM']);
      expect(types('An independent observer urged the council to send monitors to the border.')).toEqual([]);
    });
  });
  describe('actors named by a description (round 3)', () => {
    const titled = (title: string, text: string) => extractEvents({ text, title, publishedOn: '2026-02-10' }).map((e) => `${e.type} ${e.actor} ${e.actorRole ?? '-'}`);

    it('reads "the opposition <unknown name>" and "<adjective> party <unknown name>" as the opposition of the country the text frames or is about', () => {
      expect(titled('Latvia extends its border closure', 'RIGA - The cabinet met on Monday.\n\nThe opposition Green Harmony said on Wednesday that it would vote against the extension.')).toEqual(['opposition-expressed LV opposition']);
      expect(titled('Slovakia is not a second-class ally, minister says', 'The nationalist party Domovina said that it will vote against the plan.')).toEqual(['opposition-expressed SK opposition']);
      expect(types('In Vilnius, the opposition Union of Farmers party spoke out against sending any Lithuanian troops to Ukraine.')).toEqual(['opposition-expressed LT']);
      expect(types('Peru wants the mission. The opposition platform "Fuerza Andina" has rejected the presence of foreign soldiers.').map((t) => t.split(' ')[1])).toEqual(['PE']);
      expect(types('An opposition coalition in Maputo has rejected the accords outright.')).toEqual(['opposition-expressed MZ']);
    });

    it('does not give a described party a country the sentence names as object or target, nor read "the Alliance" inside its name as NATO', () => {
      expect(types('The opposition Left Alliance said it would vote against the extension.')).toEqual([]);
      expect(types('The populist party Renewal criticised the Moldovan request and said it opposes any troop deployment.')).toEqual([]);
      // a ruling party is not the opposition
      expect(titled('Armenia weighs a monitoring mission', 'The ruling party Civic Pact said it opposes any foreign troops.')).toEqual(['opposition-expressed AM ruling-party']);
    });

    it('reads a demonym before friends, partners or a counterpart as that country', () => {
      expect(types('Our Greek friends have told us they are ready to send two frigates to the Red Sea.')).toEqual(['pledge-announced GR']);
      expect(types('His Spanish counterpart said Madrid would send a frigate.')).toEqual(['pledge-announced ES']);
      expect(types('We will send two frigates with our Italian partners.')).toEqual([]);
    });

    it('reads the one informed after "have informed" as the addressee, not the subject of what follows', () => {
      expect(types('Portugal, which in 2024 had ships in Estonia, has informed Tallinn that it cannot send a frigate this year.')).toEqual(['pledge-refused PT']);
      expect(types('Chile has informed Lima that it will not send troops.')).toEqual(['pledge-refused CL']);
    });
  });
  describe('office holders named by their office (round 3)', () => {
    it('reads "the Minister" and "the Deputy Secretary" as the offices a readout introduced with their countries', () => {
      const text = "Chile's Minister of Foreign Affairs and the Deputy Secretary of State of the United States co-chaired a meeting in Lima with Peru attending.\n\nThe Minister announced $30 million in new funding for the trust fund.\n\nThe Deputy Secretary spoke next. He called on all partners to disburse their pledges within 60 days.";
      expect(run(text).map((e) => `${e.type} ${e.actor}`)).toEqual(['pledge-announced CL', 'demand-made US']);
    });

    it('does not learn an office introduced with its holder\'s name, nor read the Secretary-General as a country\'s secretary', () => {
      const text = "Chile's Foreign Minister Ana Soto met Peru's defence minister on Monday.\n\nPeru said it would send troops. The Minister announced $30 million in new funding for the trust fund.";
      expect(run(text).map((e) => `${e.type} ${e.actor}`)).toEqual(['pledge-announced PE', 'pledge-announced PE']);
      expect(types('The Secretary-General called on Israel to withdraw from the buffer zone.')).toEqual([]);
    });

    it('reads "the defence secretary in <capital>" as that capital\'s', () => {
      expect(types('Britain sent a frigate. The defence secretary in Canberra announced that Australia would send two frigates to the strait.').map((t) => t.split(' ')[1])).toEqual(['GB', 'AU']);
    });

    it('reads an unknown office holder framed by "In <capital>," or described by an apposition as that country\'s', () => {
      expect(types('Peru said it would send troops. In Jakarta, Prime Minister Budi Santoso spoke on Monday. He called on Beijing to respect the ruling.')).toEqual(['pledge-announced PE', 'demand-made ID']);
      expect(types('Admiral Jane Roe, the head of the Italian navy, said it would send two frigates to the Red Sea.')).toEqual(['pledge-announced IT']);
      expect(types('Peru said it would send troops. In Jakarta, reporters asked questions. He called on Beijing to respect the ruling.')).toEqual(['pledge-announced PE', 'demand-made PE']);
      expect(types('Carla Mendes, the special representative for Haiti, said it would send two frigates.')).toEqual([]);
    });
  });
  describe('frames and small clauses (round 3)', () => {
    it('does not list a country framing the sentence with the known office holder after it', () => {
      expect(types('Spain will keep its frigate. For France, President Emmanuel Macron confirmed that his country will add one patrol vessel.').map((t) => t.split(' ')[1])).toEqual(['ES', 'FR']);
      // a real list after "For" stays a list of places, not of speakers
      expect(types('Peru will send troops. For Ukraine, Moldova and Georgia, the EU pledged 30 million euros.').some((t) => /MD|GE|UA/.test(t))).toBe(false);
    });

    it('gives a red line declared of someone else\'s forces to the one who declares it, and keeps a possessed red line', () => {
      expect(types('Egypt has declared Israeli troops on the corridor a red line.')).toEqual(['red-line-stated EG']);
      expect(types('Any Turkish deployment would cross Russia\'s red line, Moscow said.')).toEqual(['red-line-stated RU']);
    });
  });
  describe('offices with long complements (context2)', () => {
    it('reads an organisation\'s commissioner or special representative with a listed complement as that organisation', () => {
      expect(types('The European Union\'s Commissioner for Defence and Space urged member states to send more air defence to Moldova.')).toEqual(['demand-made EU']);
      expect(types('The UN special envoy for the Great Lakes region called on Rwanda to withdraw its troops.').map((t) => t.split(' ')[1])).toEqual(['UN']);
      expect(types('The EU special representative called on both sides to refrain from unilateral steps.')).toEqual(['demand-made EU']);
      const text = 'Chile said it would send troops. ECOWAS\'s Commissioner for Political Affairs, Peace and Security went further. He called on Guinea to hold elections.';
      expect(types(text)).toEqual(['pledge-announced CL', 'demand-made ECOWAS']);
    });

    it('does not take a named holder after a comma into the complement, nor make a place without an office an antecedent', () => {
      expect(types('Kenya\'s ambassador to Haiti, Jane Wanjiru, said Nairobi would keep its 400 police officers in the country.')).toEqual(['pledge-announced KE']);
      expect(types('Chile said it would send troops. The ECOWAS headquarters in Abuja hosted the talks. He called on Guinea to hold elections.')).toEqual(['pledge-announced CL', 'demand-made CL']);
    });

    it('learns a panellist introduced by a verbless apposition with a country\'s office, and a rejected framing states nothing', () => {
      const text = "Panellists:\n- Ambassador Jane Roe, Chile's Special Envoy for the Andes\n\nAmbassador Roe rejected the framing. \"We will never accept foreign troops on our soil,\" she said. Roe said her country would send 200 engineers to Haiti.";
      expect(types(text)).toEqual(['red-line-stated CL', 'pledge-announced CL']);
    });

    it('does not learn a panellist whose office is only for a place', () => {
      const text = 'Panellists:\n- Ambassador Jane Roe, special envoy for Chile\n\nAmbassador Roe spoke first. Roe said her country would send 200 engineers to Haiti.';
      expect(types(text)).toEqual([]);
    });

    it('reads a party label before a speaker\'s name ("Greens: Jane Roe said ...") as that party speaking, and keeps colon lists of pledges', () => {
      const text = 'The Riksdag debated the mission on Thursday.\n\nGreens: Jane Lindqvist said her party fully supported the deployment to Latvia.\n\nSweden Democrats: Erik Holm, the party\'s defence spokesman, called the deployment "a dangerous provocation".';
      expect(run(text).map((e) => `${e.type} ${e.actor}/${e.actorRole}`)).toEqual(['support-expressed SE/opposition', 'opposition-expressed SE/coalition-partner']);
      expect(types('Canada: C$200 million for air defence.')).toEqual(['pledge-announced CA']);
      expect(types('Sweden: Gripen Fighters, two squadrons.')).toEqual(['pledge-announced SE']);
    });

    it('does not take a subject inside a relative clause on the subject for the main clause\'s', () => {
      expect(types('Norway, which like Canada is not an EU member, is considering joining the mission.')).toEqual(['pledge-considered NO']);
      expect(types('Like Norway, Canada is considering joining the mission.')).toEqual(['pledge-considered CA']);
    });

    it('reads an office with a common-noun complement ("envoy to the talks") before its verb as the subject', () => {
      expect(types("Chile's envoy to the talks insisted on Tuesday that Bolivia must withdraw its troops from the border.")).toEqual(['demand-made CL']);
      expect(types('The Peruvian ministry of national defence announced that any drone entering Peruvian airspace will be shot down.')).toEqual(['red-line-stated PE']);
      expect(types('Officials of the Peruvian ministry of national defence were told that any drone entering Peruvian airspace will be shot down.')).toEqual([]);
      // the same office as an object leaves the sentence's own subject in place
      expect(types("Bolivia rejected the offer of Chile's envoy to the talks and said it would send 200 troops to the border.")).toEqual(['opposition-expressed BO', 'pledge-announced BO']);
    });

    it('reads "Special Representative <unknown name>" as the officer of the organisation named last, else the UN', () => {
      expect(types('Special Representative Jane Roe called on South Sudan to disarm the militias.')).toEqual(['demand-made UN']);
      expect(types('The European Union opened a new office in Niamey. Special Representative Jane Roe called on Niger to release the detained soldiers.')).toEqual(['demand-made EU']);
      // a special envoy may be any government's: no guess
      expect(types('Special Envoy Jane Roe called on South Sudan to disarm the militias.')).toEqual([]);
    });

    it('reads a member of a parliament\'s committee as that parliament, but not the members of a council', () => {
      expect(run('A senior member of the Sejm\'s defence committee said that foreign troops entering Poland without consent would be treated as "legitimate targets".').map((e) => `${e.type} ${e.actor}/${e.actorRole}`)).toEqual(['red-line-stated PL/legislature']);
      expect(types('Members of the Security Council condemned the attack on the convoy.')).toEqual([]);
    });

    it('reads "under whatever flag" as no free relative, unlike "Whatever Russia calls a red line"', () => {
      expect(types('The Kremlin said the deployment of any Western contingent, under whatever flag, was unacceptable.')).toEqual(['red-line-stated RU']);
      expect(types('Whatever Russia calls a red line today, it moves tomorrow.')).toEqual([]);
    });

    it('reads a roundup heading "PERU: <headline>" as the section\'s country, and the opposition by its seat, not a prepositional object', () => {
      const papers = 'Regional papers lead with the border force this week.\n\n';
      const story = '\n\nThe opposition paper La Voz notes that the leader of the opposition backed a regional force "with Chile in the lead".';
      expect(run(papers + 'PERU: "No troops without a mandate"' + story).map((e) => `${e.type} ${e.actor}/${e.actorRole}`)).toEqual(['support-expressed PE/opposition']);
      // a heading naming two countries says nothing about which one's opposition it is
      expect(types(papers + 'PERU AND CHILE: "No troops"' + story)).toEqual([]);
      expect(types('Chile said it would send troops. An opposition coalition in La Paz has rejected the accords outright.')).toEqual(['pledge-announced CL', 'opposition-expressed BO']);
    });

    it('reads "the Prime Minister\'s Office" as the office, not a possessor of something else', () => {
      expect(types("Chile said it would send troops. The Prime Minister's Office rejected a proposal for Bolivian police to staff the border crossing.")).toEqual(['pledge-announced CL', 'opposition-expressed CL']);
      expect(types("Chile said it would send troops. The Prime Minister's visit rejected a proposal for Bolivian police to staff the crossing.")).toEqual(['pledge-announced CL']);
    });

    it('reads a heading\'s actor on either side of a colon, and "<country> itself"', () => {
      const lead = 'Here is where the players stand.\n\n';
      expect(types(lead + '**The treaty ally: Chile**\n\n- Santiago says the treaty covers the islands.\n- The same statement called on Bolivia to respect the ruling.')).toEqual(['demand-made CL']);
      expect(types(lead + '**Peru itself**\n\n- The Department of Foreign Affairs on Saturday called on Bolivia to respect the ruling.')).toEqual(['demand-made PE']);
      expect(types(lead + '**What to watch: the vote**\n\n- The same statement called on Bolivia to respect the ruling.')).toEqual([]);
    });

    it('reads a country\'s mission that speaks ("Chile\'s mission said") as the country', () => {
      expect(types("Chile's mission said it fully supports the monitors' work under the resolution.")).toEqual(['support-expressed CL']);
    });
  });
});
