import { extractEvents, EXTRACTOR_VERSION } from './index';

const run = (text: string, publishedOn = '2026-01-09') => extractEvents({ text, publishedOn });

describe('extractEvents', () => {
  it('has a version', () => {
    expect(EXTRACTOR_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('splits a refusal and a pledge of one actor in one sentence', () => {
    const ev = run('– Romania has ruled out sending its troops into Ukraine but is prepared to reinforce Black Sea security as part of the wider guarantee framework.');
    expect(ev.map((e) => [e.type, e.actor])).toEqual(
      expect.arrayContaining([
        ['pledge-refused', 'RO'],
        ['pledge-announced', 'RO'],
      ]),
    );
    const refused = ev.find((e) => e.type === 'pledge-refused')!;
    expect(refused.target).toContain('UA');
    expect(refused.evidence.startsWith('Romania')).toBe(true);
  });

  it('gives one event per coordinated actor, dated from the sentence', () => {
    const ev = run('The UK and France jointly pledged on 6 January to deploy forces to Ukraine if and when a peace agreement enters into force.');
    expect(ev.map((e) => e.actor).sort()).toEqual(['FR', 'GB']);
    for (const e of ev) {
      expect(e.type).toBe('pledge-announced');
      expect(e.statedOn).toBe('2026-01-06');
      expect(e.conditions[0]?.kind).toBe('peace-agreement');
    }
  });

  it('attributes a reported refusal to the refusing countries', () => {
    const ev = run('Farage said Italy and Germany had refused to commit troops.');
    expect(ev.filter((e) => e.type === 'pledge-refused').map((e) => e.actor).sort()).toEqual(['DE', 'IT']);
  });

  it('reads modality: considering and could are pledge-considered', () => {
    expect(run('Canada is considering deploying troops.')[0]).toMatchObject({ type: 'pledge-considered', actor: 'CA' });
    const lt = run('Lithuania could send several hundred troops once peace is achieved.')[0];
    expect(lt).toMatchObject({ type: 'pledge-considered', actor: 'LT' });
    expect(lt.quantity).toEqual({ value: null, unit: 'troops', text: 'several hundred' });
  });

  it('parses quantities and currencies', () => {
    expect(run('Macron, post-Paris, committed €2 billion in missiles and jets.')[0].quantity).toMatchObject({ value: 2e9, unit: 'EUR' });
    expect(run('Canada announced C$80.5m for air defence and ammunition.')[0].quantity).toMatchObject({ value: 80.5e6, unit: 'CAD' });
    expect(run('Norway said it would provide 200 million pounds sterling for air defence.')[0].quantity).toMatchObject({ value: 2e8, unit: 'GBP' });
    expect(run('Germany will send two Eurofighter jets to Poland.')[0].quantity).toMatchObject({ value: 2, unit: 'aircraft' });
    expect(run('Denmark will contribute an air-defence frigate.')[0].quantity).toMatchObject({ value: 1, unit: 'ships' });
  });

  it('resolves people, institutions and possessives to countries', () => {
    expect(run('Putin labeled pre-peace troops “legitimate targets” in September 2025, warning of direct confrontation.')[0]).toMatchObject({ type: 'red-line-stated', actor: 'RU', statedOn: '2025-09' });
    expect(run('Kremlin insists on legally binding pacts sans NATO boots.')[0]).toMatchObject({ actor: 'RU' });
    const rl = run('Macron is attempting to strike a balance: offering reassurance to Kyiv without crossing Russia’s well-advertised red line against Western combat troops.');
    expect(rl.find((e) => e.type === 'red-line-stated')?.actor).toBe('RU');
  });

  it('makes an opposition party’s UN-mandate demand a condition of its country', () => {
    const ev = run('Mathilde Panot (La France Insoumise – LFI) insisted her party would oppose deployment without a UN mandate.');
    expect(ev[0]).toMatchObject({ type: 'condition-set', actor: 'FR', actorRole: 'opposition' });
    expect(ev[0].conditions.some((c) => c.kind === 'un-mandate')).toBe(true);
  });

  it('ignores headings, table rows and page furniture after Related Articles', () => {
    const text = ['Germany Pledges Troops', 'Germany\t5,000 troops\tAnnounced', 'Analysts were divided.', 'The talks went on late.', 'No decision was taken.', 'Related Articles', 'France will send 500 troops to Estonia.'].join('\n');
    expect(run(text)).toEqual([]);
  });

  it('gives spans that are offsets into the text', () => {
    const text = 'Intro line without events here.\nLithuania could send several hundred troops once peace is achieved.';
    const [e] = run(text);
    expect(text.slice(e.span.start, e.span.end)).toBe(e.evidence);
  });

  it('is deterministic', () => {
    const text = 'Belgium is ready to provide aviation and naval forces for Ukraine’s post-war security.';
    expect(run(text)).toEqual(run(text));
  });

  it('gives a pledge, condition or refusal without a target the article\'s dominant target', () => {
    const ev = run(
      'Britain said it would send troops to Ukraine after a ceasefire. France pledged 2,000 soldiers for Ukraine. ' +
        'Germany said it would provide air defence to Kyiv. Portugal has opened the door to taking part in a mission after the fighting stops. ' +
        'Norway said it would contribute only if the United States provided a backstop.',
    );
    expect(ev.find((e) => e.actor === 'PT')).toMatchObject({ type: 'pledge-considered', target: ['UA'] });
    expect(ev.find((e) => e.actor === 'NO')).toMatchObject({ type: 'condition-set', target: ['UA'] });
  });

  it('leaves the target empty when no target clearly dominates the article', () => {
    const ev = run('Britain will send troops to Estonia. France will send jets to Poland. Italy said it could take part.');
    expect(ev.find((e) => e.actor === 'IT')?.target).toEqual([]);
  });

  it('resolves "earlier this month" and "on the 12th" against the publication date', () => {
    expect(run('Belgium said earlier this month it was ready to send a de-mining unit.', '2025-11-20')[0].statedOn).toBe('2025-11');
    expect(run('Latvia pledged two patrol boats, officials said on the 12th.', '2025-11-20')[0].statedOn).toBe('2025-11-12');
    // a day still to come in the publication month is last month's
    expect(run('Latvia pledged two patrol boats, officials said on the 25th.', '2025-11-20')[0].statedOn).toBe('2025-10-25');
    // "later this month" is when something will happen, not when it was said
    expect(run('Sweden will send a corvette to the Baltic later this month, the navy said.', '2025-11-20')[0].statedOn).toBeNull();
  });

  it('dates coordinated clauses and statements in one sentence from the date given once', () => {
    const ev = run('Austria said last Thursday it would send two helicopters, and Croatia said it was looking at how it could contribute.', '2025-09-16');
    expect(ev.find((e) => e.actor === 'AT')).toMatchObject({ type: 'pledge-announced', statedOn: '2025-09-11' });
    expect(ev.find((e) => e.actor === 'HR')).toMatchObject({ type: 'pledge-considered', statedOn: '2025-09-11' });
  });

  it('attributes a warning to the warner, not to the one warned', () => {
    const a = run('Belarus warned Lithuania that it would take countermeasures if allied troops were moved to the border.');
    expect(a.map((e) => [e.type, e.actor])).toEqual([['red-line-stated', 'BY']]);
    const b = run('Beijing warned that Manila would bear the consequences of any further incursion.');
    expect(b.map((e) => [e.type, e.actor])).toEqual([['red-line-stated', 'CN']]);
    expect(run('Minsk said any violation of its airspace would be met with force.')[0]).toMatchObject({ type: 'red-line-stated', actor: 'BY' });
  });

  it('reads a required approval as a condition', () => {
    expect(run('Vienna said any Austrian deployment would require parliamentary approval.')[0]).toMatchObject({ type: 'condition-set', actor: 'AT' });
  });

  it('keeps a sentence whole across "U.S." and gives a threat against the subject to the one who makes it', () => {
    const ev = run("Iran's Revolutionary Guards said U.S. bases in the region would be targeted if Washington joined the strikes.");
    expect(ev.map((e) => [e.type, e.actor])).toEqual([['red-line-stated', 'IR']]);
    expect(ev[0].evidence.endsWith('joined the strikes.')).toBe(true);
    expect(run('The Russian embassy in Oslo said Norwegian frigates would become legitimate targets.')[0]).toMatchObject({ type: 'red-line-stated', actor: 'RU' });
  });

  it('reads support denied outright as opposition', () => {
    expect(run("Brazil's foreign ministry said it did not support the deployment.")[0]).toMatchObject({ type: 'opposition-expressed', actor: 'BR' });
  });

  describe('actors (0.6.0)', () => {
    const types = (text: string, published?: string) => run(text, published).map((e) => `${e.type} ${e.actor}`);

    it('keeps a sentence whole after an initialism that opens it or its subject', () => {
      expect(types('U.K. Defence Secretary Jane Roe said Britain would send 200 troops to Estonia.')).toEqual(['pledge-announced GB']);
      expect(types('The U.S. Central Command said it would keep two destroyers in the Gulf of Aden.')).toEqual(['pledge-announced US']);
      expect(types('U.S. Secretary of State Jane Roe rejected the proposal.')).toEqual(['opposition-expressed US']);
    });

    it('does not read a first name or part of a longer place name as an actor', () => {
      // "Abbas" alone is the Palestinian president; here it is a Jordanian minister's first name
      expect(types('Jordanian Defence Minister Abbas Nasser said Amman would send 300 police trainers to Gaza.')).toEqual(['pledge-announced JO']);
      expect(types('Egypt said any deployment without the consent of authorities in Port Sudan would be unacceptable.')).toEqual(['red-line-stated EG']);
    });

    it('ends a list of actors at its conjunction, so a new clause gets its own subject', () => {
      expect(types('Greek coastguards detained a cargo ship in waters between Greece and Turkey, and Turkey will send a frigate to the area.')).toEqual(['pledge-announced TR']);
    });

    it('reads actors set off by dashes or commas as the subject', () => {
      expect(types('Three Baltic states - Estonia, Latvia and Lithuania - rejected the proposal on Friday.').sort()).toEqual(['opposition-expressed EE', 'opposition-expressed LT', 'opposition-expressed LV']);
      expect(types("Chile's foreign minister, Alberto van Klaveren, said his country could contribute police to the mission.")).toEqual(['pledge-considered CL']);
    });

    it('resolves an office named after a possessive with modifiers to its country', () => {
      expect(types("Sudan's Sovereign Council rejected the plan.")).toEqual(['opposition-expressed SD']);
      expect(types("Egypt's top diplomat said Cairo opposed the deployment.")).toEqual(['opposition-expressed EG']);
      expect(types("Serbia's U.N. ambassador said Belgrade opposed the mission.")).toEqual(['opposition-expressed RS']);
    });

    it('resolves "the minister" and "the government" to the actor under discussion, never to a target', () => {
      expect(types("Norway's defence minister said on Monday that Oslo backed the mission. The minister said the government would not send troops to Latvia.")).toEqual(['support-expressed NO', 'pledge-refused NO']);
      expect(types('The minister said the government would not send troops to Latvia.')).toEqual([]);
    });

    it('knows parties by their short names', () => {
      expect(run('The Scottish National Party said it would vote against any deployment to the Baltic.')[0]).toMatchObject({ type: 'opposition-expressed', actor: 'GB', actorRole: 'opposition' });
    });
  });

  describe('clauses (0.6.0)', () => {
    const types = (text: string) => run(text).map((e) => `${e.type} ${e.actor}`);

    it('reads ", saying ..." and "and is/could ..." as second statements of the same subject', () => {
      expect(types('Hungary rejected the proposal on Monday, saying any NATO deployment to its border would be treated as a hostile act.')).toEqual(['opposition-expressed HU', 'red-line-stated HU']);
      expect(types('Canada welcomed the plan and is ready to send 200 engineers.')).toEqual(['support-expressed CA', 'pledge-announced CA']);
    });

    it('leaves negation, modality and "only" inside a relative clause out of the main statement', () => {
      expect(types('Spain, which pulled out its frigate in 2024, is considering sending a ship again next year.')).toEqual(['pledge-considered ES']);
      expect(types("Latvia's navy, which has only three minehunters, said it would contribute one vessel.")).toEqual(['pledge-announced LV']);
      expect(types('Qatar, which backs the truce, hosted the talks on Monday.')).toEqual([]);
    });

    it('takes no statement from the subject of an if/when clause', () => {
      expect(types('When the Arab League voted to back the plan, Algeria abstained.')).toEqual([]);
      expect(types('If Brazil opposes the mission, the vote will fail.')).toEqual([]);
    });

    it('resolves "the foreign ministry" to the country last speaking, past a hyphenated modifier', () => {
      expect(types('Sudan\'s army-aligned government rejected the proposal within hours. "No foreign troops will set foot on our soil," the foreign ministry said, warning that any such force would be treated as hostile.')).toEqual(['opposition-expressed SD', 'red-line-stated SD']);
    });
  });

  describe('cues and types (0.6.0)', () => {
    const types = (text: string) => run(text).map((e) => `${e.type} ${e.actor}`);

    it('reads a verb of considering or refusing whose object is a force or a contribution', () => {
      expect(types('Portugal has opened the door to a medical role in the mission.')).toEqual(['pledge-considered PT']);
      expect(types('Slovenia is weighing participation, its defence ministry said.')).toEqual(['pledge-considered SI']);
      expect(types('Malaysia is open to contributing to the force.')).toEqual(['pledge-considered MY']);
    });

    it("reads refusing someone else's force as opposition, and eyeing it as a demand", () => {
      expect(types('Baku ruled out any role for Armenian peacekeepers.')).toEqual(['opposition-expressed AZ']);
      expect(types('Kyiv has eyed up to 50,000 Western troops.')).toEqual(['demand-made UA']);
      expect(types('The Pentagon expects Gulf states to fund the mission.')).toEqual(['demand-made US']);
    });

    it('takes no position from "have not said whether" and none from "keep doing"', () => {
      expect(types('Ghana and Senegal have not said whether they will join the force.')).toEqual([]);
      expect(types('Japan said it would not join the mission but would keep coordinating with allied navies.')).toEqual(['pledge-refused JP']);
    });

    it('knows more verbs of giving: add, prepare, assign, spare', () => {
      expect(run('Belgium said it would add 50 million euros to its aid package.')[0]).toMatchObject({ type: 'pledge-announced', actor: 'BE', quantity: { value: 50e6, unit: 'EUR' } });
      expect(types('Norway has prepared 300 soldiers for the mission.')).toEqual(['pledge-announced NO']);
      expect(types('Denmark and Sweden said they would each assign a frigate to the operation.')).toEqual(['pledge-announced DK', 'pledge-announced SE']);
      expect(types('Ghana said it could not spare troops for the mission.')).toEqual(['pledge-refused GH']);
      // "adding that" is a verb of saying
      expect(types('Italy said it had sent two ships to the Red Sea, adding that more would follow.')).toEqual(['pledge-announced IT']);
    });

    it('reads disagreeing, accepting none, not hosting and not wanting as opposition', () => {
      expect(types("Mexico's president said her country did not agree with the blockade.")).toEqual(['opposition-expressed MX']);
      expect(types('Budapest said it would never agree to the loan.')).toEqual(['opposition-expressed HU']);
      // 0.7.0: "never accept" declares something unacceptable, a red line (the corpora list opposition as its alternative)
      expect(types('Azerbaijan would never accept Russian peacekeepers, its foreign minister said.')).toEqual(['red-line-stated AZ']);
      expect(types('Ankara has said it will accept no foreign troops on its soil.')).toEqual(['opposition-expressed TR']);
      expect(types('Slovakia said it would not host foreign combat units.')).toEqual(['opposition-expressed SK']);
      expect(types('Egypt does not want troops from non-Arab states in Gaza.')).toEqual(['opposition-expressed EG']);
    });

    it('reads blocking as opposition only when a measure is blocked', () => {
      expect(types('Hungary blocked the EU sanctions package on Monday.')).toEqual(['opposition-expressed HU']);
      expect(types('Serbia blocked the border crossing on Monday.')).toEqual([]);
    });

    it('does not read "if asked" as a demand, nor "as long as it is needed" as a condition', () => {
      expect(types('Kenya said it was ready to send police if asked.')).toEqual(['pledge-announced KE']);
      expect(types('Spain will keep its frigate in the mission for as long as it is needed.')).toEqual(['pledge-announced ES']);
    });

    it('gives a red line "for X" to X', () => {
      expect(types('Officials in Ankara said any Israeli strike on Doha would be a "red line" for Qatar.')).toEqual(['red-line-stated QA']);
    });

    it('reads support in kind under consideration as a considered pledge', () => {
      expect(types("Canada is considering how it could support Latvia's air defences.")).toEqual(['pledge-considered CA']);
    });

    it("does not give a demand or threat to the actor whose noun is another's object", () => {
      expect(types("Tokyo rejected Beijing's demand for an apology.")).toEqual(['opposition-expressed JP']);
      expect(types('Guyana urged the council to condemn Venezuelan threats.')).toEqual(['demand-made GY']);
    });

    it('reads "a concrete step" as approval', () => {
      expect(types('Zelensky called the summit pledge a concrete step.')).toEqual(['support-expressed UA']);
    });
  });

  describe('quantities and dates (0.6.0)', () => {
    it('reads an ISO code before the amount, "or more", and a country abbreviation before the unit', () => {
      expect(run('Norway will allocate EUR 15 million this year to mine clearance in Ukraine.')[0].quantity).toMatchObject({ value: 15e6, unit: 'EUR' });
      expect(run('Dhaka said it was ready to send 1,500 or more peacekeepers to the mission.')[0].quantity).toMatchObject({ value: 1500, unit: 'troops' });
      expect(run('The Pentagon said it would send 250 U.S. Marines to Guyana.')[0]).toMatchObject({ actor: 'US', quantity: { value: 250, unit: 'troops' } });
    });

    it('measures "a unit of about N" by the number', () => {
      expect(run('Norway offered a transport helicopter detachment of about 60 personnel.')[0].quantity).toMatchObject({ value: 60, unit: 'personnel' });
    });

    it('does not date a statement by when the contribution starts or ends', () => {
      expect(run('Portugal will send a frigate to the mission from March, the navy said on Tuesday.', '2025-06-19')[0].statedOn).toBe('2025-06-17');
      expect(run('Romania will keep its jets in Lithuania until at least August, the ministry said on Monday.', '2025-06-19')[0].statedOn).toBe('2025-06-16');
      expect(run('Sweden said in April it would send a corvette by the end of June.', '2025-06-19')[0].statedOn).toBe('2025-04');
    });

    it('dates the statements of a report of one sitting by the sitting', () => {
      const ev = run('Record of the committee hearing held on Tuesday 4 March 2025.\nThe defence minister told the committee that Norway would send two frigates.', '2025-03-06');
      expect(ev[0]).toMatchObject({ actor: 'NO', statedOn: '2025-03-04' });
      // talks "on" a subject are no sitting, and "has said" is no statement of the day the lead reports
      expect(run('Talks on a stabilisation force dragged on.\nNorway would send two frigates, officials said.', '2025-11-03')[0].statedOn).toBeNull();
      expect(run('Egypt said on Sunday it would train police.\nNorway has said it would send two frigates.', '2025-11-03')[1].statedOn).toBeNull();
    });
  });

  describe('speakers and conjecture (0.6.0)', () => {
    const types = (text: string, published?: string) => run(text, published).map((e) => `${e.type} ${e.actor}`);

    it('resolves "X\'s Peace and Security Council" to X', () => {
      expect(types("The Arab League's Peace and Security Council said it would study options for a monitoring mission.")).toEqual(['pledge-considered ARAB-LEAGUE']);
    });

    it('does not give what others pressed for in an after-clause to the main subject', () => {
      expect(types('NATO extended the mission on Friday after Turkey and Greece pressed for it.').filter((t) => t.startsWith('demand'))).toEqual([]);
    });

    it('reads the first person of an interview as the interviewee, dated by the interview', () => {
      const ev = run("Portugal's foreign minister, Ana Lopes, spoke to us in Lisbon on Monday.\nWhat are your conditions?\nWe will only deploy under a mandate from the UN Security Council. We welcome any plan that ends the fighting.", '2025-10-29');
      expect(ev.map((e) => `${e.type} ${e.actor} ${e.statedOn}`)).toEqual(['condition-set PT 2025-10-27', 'support-expressed PT 2025-10-27']);
    });

    it("takes no position from the writer's conjecture about an actor", () => {
      expect(types('Spain could plausibly send police, and Italy might follow.')).toEqual([]);
      expect(types('Russia and China would veto any such resolution.')).toEqual([]);
      // said by the actor, or listed as its position, it counts
      expect(types('Russia said it would veto any such resolution.')).toEqual(['opposition-expressed RU']);
      expect(types('- Estonia could send troops once peace is achieved.')).toEqual(['pledge-considered EE']);
    });
  });

  describe('ellipsis, conditions and negation scope (0.6.0)', () => {
    const types = (text: string) => run(text).map((e) => `${e.type} ${e.actor}`);

    it('reads "X but no Y" as a pledge of X and a refusal of Y', () => {
      const ev = run('Japan will provide funding and medical staff but no troops, a government spokesman said.');
      expect(ev.map((e) => `${e.type} ${e.actor} ${e.asset.join('+')}`)).toEqual(['pledge-announced JP money+personnel', 'pledge-refused JP troops']);
    });

    it('keeps an offer made "..., subject to approval" as an offer and as a condition', () => {
      expect(types('Chile offered to send 120 police officers, subject to approval by its Senate.')).toEqual(['pledge-announced CL', 'condition-set CL']);
      // a condition up front is the condition only
      expect(types('Romania would send engineers only if Moldova asks for it and its parliament approves it.')).toEqual(['condition-set RO']);
    });

    it('reads opposing what is not backed by a mandate as a condition', () => {
      expect(run('Austria said it would oppose any EU mission that was not backed by a UN mandate.')[0]).toMatchObject({ type: 'condition-set', actor: 'AT', conditions: [expect.objectContaining({ kind: 'un-mandate' })] });
    });

    it('does not read funding the training of foreign police as asking for it', () => {
      expect(types('Ukraine would consider funding the training of Moldovan police.')).toEqual(['pledge-considered UA']);
    });

    it('reads a named operation or military action after "join" as a mission', () => {
      expect(types('Japan said it would not join Atalanta.')).toEqual(['pledge-refused JP']);
      expect(types('Brazil said it would not join any military action against Venezuela.')).toEqual(['pledge-refused BR']);
      expect(types('Barbados said it would give the U.S. military access to its airports if asked.')).toEqual(['pledge-announced BB']);
    });

    it('does not read "never proposed sending" as a refusal', () => {
      expect(types('Canada has never proposed sending troops.')).toEqual([]);
    });

    it('reads a possessive after a comma as an apposition, not a second actor', () => {
      expect(types("Hungary, Ukraine's neighbour, ruled out sending soldiers.")).toEqual(['pledge-refused HU']);
    });

    it('carries a hedged modal over coordinated verbs', () => {
      expect(types('Canada could instead fund the mission and provide airlift.')).toEqual([]);
    });
  });

  describe('speaker at the end, commentary and plans (0.6.0)', () => {
    const types = (text: string) => run(text).map((e) => `${e.type} ${e.actor}`);

    it('gives a threat with no subject of its own to the speaker named at the end', () => {
      expect(types('Any deployment of Western troops would be treated as an act of aggression, Russian Foreign Minister Sergei Lavrov warned.')).toEqual(['red-line-stated RU']);
      expect(types('Any foreign force on our soil will be destroyed, the Houthi leader said on Thursday.')).toEqual(['red-line-stated YE']);
    });

    it("takes no position from what analysts say an actor could do", () => {
      expect(types('Analysts said Germany could eventually send a brigade.')).toEqual([]);
      expect(types('According to analysts, Italy might send more ships.')).toEqual([]);
    });

    it('keeps a plan reported with "would", but not a guessed reaction', () => {
      expect(types('Under the plan, Britain would send 500 troops to Estonia.')).toEqual(['pledge-announced GB']);
      expect(types('Russia and China would veto any such resolution.')).toEqual([]);
    });

    it('reads "does not want" as opposition only to a force or a measure', () => {
      expect(types('Russia does not want a wider war.')).toEqual([]);
      expect(types('Serbia does not want NATO troops in the region.')).toEqual(['opposition-expressed RS']);
    });
  });

  describe('more refusals and second decisions (0.6.0)', () => {
    const types = (text: string) => run(text).map((e) => `${e.type} ${e.actor}`);

    it('reads "sees no role for its soldiers" as a refusal', () => {
      expect(types("Italy's Giorgia Meloni has repeatedly said she sees no role for Italian soldiers on Ukrainian soil.")).toEqual(['pledge-refused IT']);
      expect(types('Spain sees no role for NATO in the talks.')).toEqual([]);
    });

    it('reads ", opting instead to ..." as a second decision of the same actor', () => {
      expect(types('Australia said it had no plans to send warships to the Red Sea, opting instead to contribute personnel to the U.S.-led coalition.')).toEqual(['pledge-refused AU', 'pledge-announced AU']);
    });
  });

  it('does not read raising its own defence budget as a contribution', () => {
    expect(run('Last year, Poland increased its defence budget to 4% of GDP.')).toEqual([]);
    expect(run('Norway will increase its support to Ukraine by 5 billion kroner.')[0]).toMatchObject({ type: 'pledge-announced', actor: 'NO' });
  });

  describe('more phrasings (0.6.0)', () => {
    const types = (text: string) => run(text).map((e) => `${e.type} ${e.actor}`);

    it('reads make available, be part of, turn down, vow to respond', () => {
      expect(types('Slovenia will make 30 soldiers available for the force.')).toEqual(['pledge-announced SI']);
      expect(types('Hungary said it would not be part of any mission in Ukraine.')).toEqual(['pledge-refused HU']);
      expect(types('Austria turned down a request to send troops.')).toEqual(['pledge-refused AT']);
      expect(types('Iran vowed to respond to any attack on its nuclear sites.')).toEqual(['red-line-stated IR']);
      expect(types('Estonia agreed to provide a de-mining team, its prime minister said.')).toEqual(['pledge-announced EE']);
    });

    it('reads needing a resolution as a condition of the one who needs it', () => {
      expect(types('Malaysia would need a Security Council resolution before sending troops, its foreign minister said.')).toEqual(['condition-set MY']);
      expect(types('Zelensky noted that even willing leaders need legislative approval.')).toEqual([]);
    });

    it('reads throwing weight behind as support and slamming as opposition', () => {
      expect(types('Egypt threw its weight behind the plan.')).toEqual(['support-expressed EG']);
      expect(types('Algeria slammed the deployment as a violation of sovereignty.')).toEqual(['opposition-expressed DZ']);
    });

    it('takes no pledge from an absolute "with X dispatching ..." clause', () => {
      expect(types('Talks went on, with Norway and Denmark dispatching teams to survey the port.')).toEqual([]);
    });
  });

  it('measures a range by its upper bound, as "between A and B" is', () => {
    expect(run('France will contribute 10,000-15,000 troops.')[0].quantity).toMatchObject({ value: 15000, unit: 'troops' });
    expect(run('The Czech Republic will send 100 to 150 troops.')[0].quantity).toMatchObject({ value: 150, unit: 'troops' });
  });

  it('dates "said on Friday" in a Thursday paper to the Friday before', () => {
    expect(run('Spain will send a 1,500-strong contingent to Latvia, the government said late on Friday.', '2025-11-20')[0]).toMatchObject({ statedOn: '2025-11-14', quantity: { value: 1500 } });
  });

  it('resolves "his government" to the country last speaking', () => {
    const ev = run('Spanish Prime Minister Pedro Sanchez said on Tuesday that Spain was ready to contribute. "We will be there," Sanchez told reporters. His government later said it would need parliamentary approval.', '2025-11-20');
    expect(ev.map((e) => `${e.type} ${e.actor}`)).toEqual(['pledge-announced ES', 'condition-set ES']);
  });

  describe('agents of reported contributions (0.6.0)', () => {
    const types = (text: string) => run(text).map((e) => `${e.type} ${e.actor}`);

    it('does not make "According to X, Y ..." a list of X and Y', () => {
      expect(types('According to the Pentagon, Japan will send two destroyers to the region.')).toEqual(['pledge-announced JP']);
    });

    it("gives the infinitive after a possessed noun to the possessor, and reads a refusal noun", () => {
      expect(types("Lithuania welcomed Germany's decision to station a brigade.")).toEqual(['pledge-announced DE', 'support-expressed LT']);
      expect(types("Greece's refusal to send troops angered its partners.")).toEqual(['pledge-refused GR']);
    });

    it('takes no pledge from an accusation', () => {
      expect(types('Moscow accused London of planning to send troops to Odesa.')).toEqual([]);
    });

    it('reads a reported "should" as a demand, but not an inverted conditional', () => {
      expect(types('Rutte said allies should be ready to deploy troops.')).toEqual(['demand-made NATO']);
      expect(types('Should Russia attack, Poland said it would respond.')).toEqual(['red-line-stated PL']);
    });
  });

  it('reads seeing or treating something "as a direct threat" as a red line, not when analysts do', () => {
    expect(run("Moscow said it would see the deployment of any NATO country's troops in Ukraine as a direct threat.").map((e) => `${e.type} ${e.actor}`)).toEqual(['red-line-stated RU']);
    expect(run('Analysts see the move as a threat to stability.')).toEqual([]);
    expect(run("Russia's deputy foreign minister said such a deployment would be unacceptable.")[0]).toMatchObject({ type: 'red-line-stated', actor: 'RU' });
    expect(run('Japan said it could join the patrols.')[0]).toMatchObject({ type: 'pledge-considered', actor: 'JP' });
  });

  it('reads a short wire story: dated restatement, undecided and studying actors, a relative clause kept out of the fields', () => {
    const ev = run(
      'VILNIUS, Dec 3 (Wire) - Lithuania will send up to 100 troops to a future reassurance force in Ukraine, Defence Minister Dovile Sakaliene said on Wednesday.\n' +
        '"We are ready to contribute as soon as a ceasefire is in place," she told reporters.\n' +
        "Latvia has not yet decided, officials in Riga said. Estonia's prime minister Kristen Michal said his government was studying the request.\n" +
        'Germany, which has a brigade in Lithuania, said it had no plans to send soldiers to Ukraine.',
      '2025-12-04',
    );
    expect(ev.map((e) => `${e.type} ${e.actor} ${e.statedOn}`)).toEqual([
      'pledge-announced LT 2025-12-03',
      'pledge-announced LT 2025-12-03',
      // the reactions a wire story reports are of the day its lead reports
      'pledge-considered LV 2025-12-03',
      'pledge-considered EE 2025-12-03',
      'pledge-refused DE 2025-12-03',
    ]);
    const de = ev.find((e) => e.actor === 'DE')!;
    expect(de.quantity).toBeNull();
    expect(de.target).toEqual(['UA']);
  });

  it('reads signing up to and being encouraged by as support, concern about a measure as opposition', () => {
    const types = (text: string) => run(text).map((e) => `${e.type} ${e.actor}`);
    expect(types('Japan signed up to the declaration on Monday.')).toEqual(['support-expressed JP']);
    expect(types('The UAE said it was encouraged by the plan.')).toEqual(['support-expressed AE']);
    expect(types('Spain raised serious concerns about the plan.')).toEqual(['opposition-expressed ES']);
    expect(types('Ghana expressed concern over the humanitarian situation.')).toEqual([]);
  });

  describe('0.7.0 general rules', () => {
    const types = (text: string) => run(text).map((e) => `${e.type} ${e.actor}`);

    it('drops a denied opposition or threat, keeps cues that carry their own negation', () => {
      expect(types('Ankara did not condemn the strikes on Tuesday.')).toEqual([]);
      expect(types('Hungary has so far not threatened to veto the sanctions package.')).toEqual([]);
      expect(types('Peru condemned the strikes on Tuesday.')).toEqual(['opposition-expressed PE']);
      expect(types('Chile said it would not tolerate any violation of its waters.')).toEqual(['red-line-stated CL']);
    });

    it('reads a title-case word inside a name as part of the name, not as a cue', () => {
      expect(types('Norway and Sweden created a Joint Countermeasures Planning Cell in 2023.')).toEqual([]);
      expect(types('Norway warned of countermeasures if the convoy entered its waters.')).toContain('red-line-stated NO');
    });

    it('skips correction notes and wire update notes', () => {
      expect(types('Correction: an earlier version of this story said Portugal would send two frigates.')).toEqual([]);
      expect(types('An earlier version of this article said Chile would deploy 300 troops.')).toEqual([]);
      expect(types('(Adds Dutch reaction in paragraph 5; corrects that the Netherlands rejected the proposal)')).toEqual([]);
    });

    it('takes what commentators have argued as their reading, also after an auxiliary', () => {
      expect(types('Several analysts have argued that Kenya could send a battalion to Haiti.')).toEqual([]);
    });

    it('treats the subject of an "as long as" clause as a condition, not a speaker', () => {
      expect(types('"Our engineers will stay as long as the Government of Liberia asks us to stay," the Ghanaian minister said.')).not.toContain('demand-made LR');
    });

    it('reads thanking as support and refusing to recognise as opposition', () => {
      expect(types("Kenya's foreign ministry thanked Canada for the aid package.")).toContain('support-expressed KE');
      expect(types('Serbia said it would not recognise the outcome of the vote.')).toEqual(['opposition-expressed RS']);
      expect(types('Armenia does not recognize the referendum.')).toEqual(['opposition-expressed AM']);
    });

    it('does not list a place that frames the clause with the institution that speaks', () => {
      expect(types('In Washington, the Pentagon said it supported the deployment.')).toEqual(['support-expressed US']);
      expect(types('In Moscow, the Kremlin said it would not accept the deal.')).toEqual(['opposition-expressed RU']);
    });

    it('does not read a capitalised word in the name of a mission as someone else\'s force', () => {
      expect(types('Portugal will not contribute combat units to the International Maritime Force.')).toEqual(['pledge-refused PT']);
      expect(types('Brazil ruled out any role for foreign troops in the Amazon.')).toEqual(['opposition-expressed BR']);
    });

    it('keeps a pledge and adds its price when a proviso follows it', () => {
      expect(types('Senegal said it was ready to send a police unit to Haiti, provided donors covered its costs.')).toEqual(['pledge-announced SN', 'condition-set SN']);
      expect(types('Senegal said it was ready to send a police unit to Haiti after the elections.')).toEqual(['pledge-announced SN']);
    });

    it('reads support given only at a price as a condition', () => {
      expect(types('Austria will only support the new sanctions package if the gas exemption stays in place.')).toEqual(['condition-set AT']);
      expect(types('Finland said it could accept the new timeline, but only if the allies funded the eastern border.')).toEqual(['condition-set FI']);
      expect(types('Finland said it could accept the new timeline.')).toEqual(['support-expressed FI']);
    });

    it('does not read the verb of a relative clause on a common noun as the actor\'s pledge', () => {
      expect(types('Madrid said Spain would not commit to the target, calling it unfair for a country that must also fund its pensions.')).not.toContain('demand-made ES');
      expect(types('Poland said it would expel any diplomat who took part in the protests.')).toEqual([]);
    });

    it('drops a bare "set conditions" after a pronoun when the condition was already reported', () => {
      const ev = run('Norway will only support the plan if Sweden does the same. He set conditions for backing it.');
      expect(ev.map((e) => `${e.type} ${e.actor}`)).toEqual(['condition-set NO']);
    });

    it('takes the reporter as the one who demands what another "must" do', () => {
      expect(types('Norway, Denmark and Iceland, which signed the fisheries accord in 2019, said in a joint letter on Friday that Russia must respect the quota.')).toEqual(['demand-made NO', 'demand-made DK', 'demand-made IS']);
    });

    it('keeps the subject that opens a quote as the one who speaks in it', () => {
      const ev = run('Hungary blocked the statement again. Estonia\'s foreign minister was blunt: Tallinn "calls on Budapest to stop blocking aid," he told reporters.');
      expect(ev.map((e) => `${e.type} ${e.actor}`)).toContain('demand-made EE');
    });

    it('does not read a forecast of a move as a stance', () => {
      expect(types('An official from one Nordic country said Austria and Cyprus were again likely to block the package.')).toEqual([]);
    });

    it('reads "only as part of" as a condition and "under no circumstances" as opposition', () => {
      expect(types('Egypt said the crossing would open only as part of a wider ceasefire deal.')).toEqual(['condition-set EG']);
      expect(types('Pakistan will under no circumstances give up its claim, the foreign minister said.')).toEqual(['opposition-expressed PK']);
    });

    it('reads a formal state name ("the Kingdom of Norway") as the subject', () => {
      expect(types('Svalbard is not for sale, and the Kingdom of Norway would never accept any attempt to take it, the prime minister said.')).toEqual(['red-line-stated NO']);
      expect(types('The Republic of Chad said it would send 500 troops to the mission.')).toEqual(['pledge-announced TD']);
    });

    it('reads an interview introduced after the office holder, with questions as separate paragraphs', () => {
      const ev = run(
        [
          "Lena Holm has been Finland's defence minister since 2023. We spoke to her in Helsinki.",
          '',
          'There were reports this week that Helsinki has asked the EU to fund a border mission. Is that true?',
          '',
          'We do not comment on reports. Parliament has approved a package of 300 million euros for border surveillance.',
          '',
          'Would Finland accept more Swedish troops in Lapland?',
          '',
          'Sweden is welcome to station more troops in Lapland, provided it happens under the bilateral agreement. That has always been the basis.',
          '',
          'Will Finnish soldiers join a mission in Ukraine?',
          '',
          'It will depend on the mandate.',
        ].join('\n'),
      );
      const got = ev.map((e) => `${e.type} ${e.actor}`);
      // the question's premise is the interviewer's, not a demand by Finland
      expect(got).not.toContain('demand-made FI');
      // "Parliament" in the minister's answer is Finland's; the one welcomed is Sweden, the condition is Finland's
      expect(got).toEqual(expect.arrayContaining(['pledge-announced FI', 'condition-set FI', 'condition-set FI']));
      expect(got).not.toContain('support-expressed SE');
      expect(got).not.toContain('pledge-announced SE');
      expect(ev.filter((e) => e.type === 'condition-set').map((e) => e.evidence)).toEqual([expect.stringContaining('Sweden is welcome'), 'It will depend on the mandate.']);
    });

    it('knows agency chiefs and the IAEA', () => {
      expect(types('IAEA chief Maria Lopez on Friday urged Pyongyang to readmit inspectors.')).toEqual(['demand-made IAEA']);
      expect(types("NATO chief Anna Holm urged Hungary to lift its veto.")).toEqual(['demand-made NATO']);
    });

    it('lets a coordinated predicate share the pronoun subject of the first', () => {
      const ev = run('Ecuadorian Foreign Minister Luis Vega said Ecuador backed the talks. He welcomed the OAS mission and called on Lima to reopen the border.');
      expect(ev.map((e) => `${e.type} ${e.actor}`)).toEqual(['support-expressed EC', 'support-expressed EC', 'demand-made EC']);
    });

    it('reads "said A and that B" as two statements of the same actor', () => {
      const types2 = types('The Chinese ambassador said that Beijing supports the position of Cambodia completely and that any change to the border would be unacceptable.');
      expect(types2).toEqual(['support-expressed CN', 'red-line-stated CN']);
    });

    it('reads a required approval as a condition and an obligation on oneself as no demand', () => {
      expect(types('Ireland said it could send 50 more soldiers if asked, but that the decision must be approved by the Dáil.')).toContain('condition-set IE');
      expect(types('Canada said it would first have to be sure its own air defence was not left exposed.')).toEqual([]);
    });

    it('takes the speaker, not the one obliged, as the one who demands in "I would say X must ..."', () => {
      const ev = run("Norway's foreign minister Eva Dahl spoke to us in Oslo.\n\nA: I would say the Russian forces must withdraw from those positions.");
      expect(ev.map((e) => `${e.type} ${e.actor}`)).toEqual(['demand-made NO']);
    });

    it('reads an opposition to what is not based on a mandate as a condition', () => {
      expect(types('Sweden said it would vote against any deployment that was not based on a mandate from the UN Security Council.')).toContain('condition-set SE');
    });

    it('reads "stopped short of announcing" as no pledge and "the use of force" as no force', () => {
      expect(types('Vucic stopped short of announcing any troop movements, Serbia said.')).toEqual([]);
      expect(types('Venezuela has not ruled out the use of force to take the region.')).toEqual([]);
      expect(types('Chile has not ruled out joining the force.')).toEqual(['pledge-considered CL']);
    });

    it('reads a past contribution dated to an earlier year, told by the writer, as background', () => {
      const hist = (text: string) => extractEvents({ text, publishedOn: '2026-05-01' }).map((e) => `${e.type} ${e.actor}`);
      expect(hist('Japan first sent a medical team to the region in March 2019.')).toEqual([]);
      expect(hist('Turkey has stationed troops in northern Iraq since 1995.')).toEqual([]);
      expect(hist('Turkey said it would station more troops in northern Iraq, as it did in 2019.')).toEqual(['pledge-announced TR']);
      expect(hist('Japan sent a medical team to the region on Monday.')).toEqual(['pledge-announced JP']);
    });

    it('matches a cue phrase across quotation marks', () => {
      expect(types('Ankara said it would "respond decisively" to any incursion.')).toEqual(['red-line-stated TR']);
      expect(types('Hanoi said it would "never accept" the new map.')).toEqual(['red-line-stated VN']);
    });

    it('reads "without preconditions" as no condition', () => {
      expect(types('Seoul said it was open to talks without preconditions.')).not.toContain('condition-set KR');
    });

    it('takes "we" after a named subject in an interview answer as the interviewee', () => {
      const ev = run("Portugal's defence minister, Rui Costa, spoke to us in Lisbon.\n\nA: The Mozambican army has asked for help with logistics, and we are considering sending a team of trainers.");
      expect(ev.map((e) => `${e.type} ${e.actor}`)).toContain('pledge-considered PT');
      expect(ev.map((e) => `${e.type} ${e.actor}`)).not.toContain('pledge-considered MZ');
    });

    it('sees past a time between the subject and its verb', () => {
      expect(types('The Australian government on Tuesday approved the sale of 12 drones to Fiji.')).toEqual(['pledge-announced AU']);
      expect(types('Poland last week offered two helicopters to the mission.')).toEqual(['pledge-announced PL']);
    });

    it('reads moving troops and munitions as contributions', () => {
      expect(types('Spain said it was ready to move a further 150 troops into the buffer zone.')).toEqual(['pledge-announced ES']);
      expect(types('Norway will provide munitions and radars to Estonia.')).toEqual(['pledge-announced NO']);
    });

    it('recalls a person whose family name comes first by that name', () => {
      const ev = run("Vietnam's foreign ministry spokeswoman Pham Thu Hang said Hanoi opposed the plan. Pham urged Manila to drop it.");
      expect(ev.map((e) => `${e.type} ${e.actor}`)).toEqual(['opposition-expressed VN', 'demand-made VN']);
    });

    it('reads idioms of threat, restraint and thanks', () => {
      expect(types('Armenia said it would "not stand idly by" if its border posts were attacked.')).toEqual(['red-line-stated AM']);
      expect(types('Bolivia will "never again accept" foreign troops on its soil, the president said.')).toEqual(['red-line-stated BO']);
      expect(types("The OSCE's special envoy called both sides for restraint.")).toEqual(['demand-made OSCE']);
      expect(types('President Boric expressed his gratitude for Peru\'s swift support.')).not.toContain('support-expressed PE');
    });

    it('keeps the subject that opens a quote after an auxiliary', () => {
      const ev = run('Kazakhstan hosted the talks. He said Uzbekistan will "not tolerate" any attack on its citizens.');
      expect(ev.map((e) => `${e.type} ${e.actor}`)).toEqual(['red-line-stated UZ']);
    });

    it('does not take "member state" as a verb of saying when a forecast has no speaker', () => {
      expect(types('No member state has proposed it, and Belarus would almost certainly refuse to host the observers.')).toEqual([]);
    });

    it('knows the European Parliament as the EU', () => {
      expect(types('The European Parliament backed the new sanctions package.')).toEqual(['support-expressed EU']);
    });

    it('skips the restatement in a correction paragraph', () => {
      expect(types('Correction: an earlier version of this post said Chile would send two ships. Chile is sending one ship.')).toEqual([]);
    });

    it('reads a foreseen necessity (might have to) as neither a pledge nor a demand', () => {
      expect(types('Some officials in Riga said privately that Sweden might eventually have to send a second company.')).toEqual([]);
    });

    it('keeps a demand whose complement sets a condition for the addressee a demand', () => {
      expect(types('On Monday Chad called on the Security Council to impose sanctions and to make any renewal of the mission\'s mandate conditional on a ceasefire.')).toEqual(['demand-made TD']);
      expect(types('Chad said it would send troops only under a UN mandate.')).toEqual(['condition-set TD']);
    });

    it('gives the that-clause of "the announcement by X that it will ..." to X', () => {
      const ev = run('Kenya welcomed the announcement by Uganda that it would send 500 troops to Somalia.');
      expect(ev.map((e) => `${e.type} ${e.actor}`).sort()).toEqual(['pledge-announced UG', 'support-expressed KE']);
      expect(types('The Council took note of the statement by the Republic of Malawi that it will not deploy troops to the mission.')).toContain('pledge-refused MW');
    });

    it('reads a request inside a conditional as the condition of a pledge, not a demand', () => {
      expect(types("Nigeria's president told reporters that his country would contribute a battalion if the AU asked.")).toEqual(['pledge-announced NG']);
    });

    it('reads support given with a light verb inside a conditional as the condition, not support, and keeps it outside one', () => {
      expect(types('Norway could send 150 soldiers, its prime minister said, if the Storting gives its approval.').map((t) => t.split(' ')[0])).toEqual(['pledge-considered']);
      expect(types('Denmark will send a frigate once the Folketing gives its approval.').map((t) => t.split(' ')[0])).toEqual(['pledge-announced']);
      expect(types('The Storting gave its approval to the deployment.')).toEqual(['support-expressed NO']);
    });

    it('reads a statement attributed to commentators at its end as their reading', () => {
      expect(types('If Taiwan buys the missiles, Beijing would retaliate, analysts warned.')).toEqual([]);
      expect(types('Beijing would retaliate if Taiwan bought the missiles, the foreign ministry warned.')).toContain('red-line-stated CN');
    });

    it('reads a contribution noun dated to an earlier year as background', () => {
      const hist = (text: string) => extractEvents({ text, publishedOn: '2026-05-01' }).map((e) => `${e.type} ${e.actor}`);
      expect(hist("Rwanda's deployment of troops to Mozambique began in July 2021.")).toEqual([]);
    });

    it('reads an office with a "for" complement as the subject ("Minister for Foreign Affairs")', () => {
      expect(types("Malta's Minister for Foreign Affairs called on Libya to release the crew.")).toEqual(['demand-made MT']);
      expect(types("The EU's envoy for the Balkans called both sides for restraint.")).toEqual(['demand-made EU']);
    });

    it('reads "will be answered" as a threat, and a commander as an office', () => {
      expect(types('"Any incursion into our airspace will be answered," the Algerian air force commander said.')).toEqual(['red-line-stated DZ']);
    });

    it('reads "neither ... nor" and "unlikely to" as no pledge', () => {
      expect(types('Iceland will neither send troops nor pay for the mission.')).toEqual(['pledge-refused IS']);
      expect(types('Ecuador is unlikely to send troops, officials said.')).toEqual(['pledge-refused EC']);
    });
  });

  describe('subjects the first reading missed', () => {
    const types = (text: string) => run(text).map((e) => `${e.type} ${e.actor}`);
    it('reads "the Dutch" / "the Germans" with a verb of their own as the country, not a demonym modifier', () => {
      expect(types('The Portuguese said they would provide a corvette for the mission.')).toEqual(['pledge-announced PT']);
      expect(types('The Italians have offered two minehunters.')).toEqual(['pledge-announced IT']);
      // still a modifier before a noun, and no country for people in general
      expect(types('The Portuguese corvette left Lisbon on Monday.')).toEqual([]);
      expect(types('Many Italians oppose the mission.')).toEqual([]);
    });

    it('reads a coordinated subject with "both" or "each" before its verb', () => {
      expect(types('Ghana and Togo both back the force but have ruled out sending soldiers.')).toEqual(['support-expressed GH', 'support-expressed TG', 'pledge-refused GH', 'pledge-refused TG']);
    });

    it('reads "the government/authorities in <capital>" as that country speaking', () => {
      expect(types('The authorities in Bamako rejected the proposal.')).toEqual(['opposition-expressed ML']);
      expect(types('The Government of National Accord in Mogadishu said it welcomed the deployment.')).toEqual(['support-expressed SO']);
      // a capital that is only where something goes stays a place
      expect(types('Spain will send trainers to the government in Kabul.')).toEqual(['pledge-announced ES']);
    });

    it('reads a cue phrase with an adverb inside it, plans with a modifier, and coalitions as missions', () => {
      expect(types('Jordan called again for an immediate ceasefire.')).toEqual(['demand-made JO']);
      expect(types('Ottawa said it had no immediate plans to send troops.')).toEqual(['pledge-refused CA']);
      expect(types('Pakistan will not join any maritime coalition in the Gulf.')).toEqual(['pledge-refused PK']);
    });

    it('reads considering training or sending someone else\'s people as the actor\'s own contribution', () => {
      expect(types('Lima would consider training Bolivian police officers in Peru.')).toEqual(['pledge-considered PE']);
    });

    it('reads "the <demonym> side", and shooting down and hostile acts as threats', () => {
      expect(types('The Turkish side declared it will give EUR 40 million to the fund.')).toEqual(['pledge-announced TR']);
      expect(types('Any aircraft that violates Lithuanian airspace will be shot down, Lithuania said.')).toEqual(['red-line-stated LT']);
      expect(types('Algeria warned that any foreign deployment on its border would be treated as a hostile act.')).toEqual(['red-line-stated DZ']);
    });

    it('reads bullets run together on one line as separate statements', () => {
      expect(types('- Hanoi said on Monday it would never accept the new map. - Manila welcomes the patrols and has asked Tokyo to join them.')).toEqual(['red-line-stated VN', 'support-expressed PH', 'demand-made PH']);
    });

    it('reads military units and money released or disbursed as contributions', () => {
      expect(types('Jamaica said it could send a platoon to Haiti.')).toEqual(['pledge-considered JM']);
      expect(types('Norway will disburse NOK 200 million for the force.')).toEqual(['pledge-announced NO']);
      expect(types('Canada would release an additional C$15 million in aid for Haiti, Ottawa said.')).toEqual(['pledge-announced CA']);
      expect(types('Russia will release the detained sailors.')).toEqual([]);
    });
  });

  describe('discourse across sentences (context2)', () => {
    const types = (text: string) => run(text).map((e) => `${e.type} ${e.actor}`);

    it('keeps the person a leading "she" continues, not the subject of what she reports', () => {
      const lead = "Chile's deputy defence minister spoke to senators on Tuesday. ";
      const quote = ' "We will only send them under a UN mandate," she said.';
      expect(types(lead + 'She confirmed that Peru had asked Santiago in May to station two helicopters there.' + quote)).toEqual(['demand-made PE', 'condition-set CL']);
      // without the pronoun, the sentence's own subject is the one under discussion
      expect(types(lead + 'Peru had asked Santiago in May to station two helicopters there.' + quote)).toEqual(['demand-made PE', 'condition-set PE']);
    });

    it('reads "He said X should ..." as his demand, not as X speaking', () => {
      expect(types('Peru said it would send troops. The Brazilian foreign minister spoke in Lima. He said Argentina should send more helicopters.')).toEqual(['pledge-announced PE', 'demand-made BR']);
      expect(types('Colombia will send more helicopters, said Argentina.')).toEqual(['pledge-announced CO']);
    });

    it('reads "X must ..." put on another by an attributed speaker as the speaker\'s demand, and no pledge of X', () => {
      expect(types('Rwanda must withdraw its troops from Congolese territory without further delay, Kenya said.')).toEqual(['demand-made KE']);
      expect(types('Peru said it would send troops. Bolivia must withdraw its troops from the border, he said.')).toEqual(['pledge-announced PE', 'demand-made PE']);
      expect(types('"Colombia must send more helicopters," said Argentina\'s foreign minister.')).toEqual(['demand-made AR']);
      const interview = "We spoke on Monday with Ana Lopes, Peru's Deputy Prime Minister. The interview has been edited.\n\n**What do you expect of La Paz?**\n\n";
      expect(types(interview + 'Bolivia must withdraw its troops from the border before any talks.')).toEqual(['demand-made PE']);
      // an obligation the speaker puts on its own country stays its own
      expect(types('Germany must send more troops, the German chancellor said.')).toEqual(['pledge-announced DE']);
    });

    it('reads "a foreign ministry spokeswoman" as the country under discussion, and no bare spokeswoman', () => {
      expect(types('Peru has offered 500 troops. A foreign ministry spokeswoman said the troops would deploy only under a UN mandate.')).toEqual(['pledge-announced PE', 'condition-set PE']);
      expect(types('Peru has offered 500 troops. A spokeswoman for the opposition said the troops would deploy only under a UN mandate.')).toEqual(['pledge-announced PE']);
      expect(types('A foreign ministry spokesman said the troops would deploy only under a UN mandate.')).toEqual([]);
    });

    it('reads a capitalised "a Foreign Ministry spokesperson" as the country whose reaction opened the paragraph', () => {
      const quote = ' "Any foreign warship in our waters is a red line," a Foreign Ministry spokesperson said.';
      expect(types("Chile said it would send two frigates. Peru's reaction came within hours." + quote)).toEqual(['pledge-announced CL', 'red-line-stated PE']);
      // a country possessed deeper in a sentence is not what the sentence is about
      expect(types("Chile said it would send two frigates. The fate of Peru's fishermen was not discussed." + quote)).toEqual(['pledge-announced CL', 'red-line-stated CL']);
    });

    it('reads no refusal in the question put to a speaker ("asked whether that ruled out ...")', () => {
      expect(types('Chile said it would send troops. A ministry spokesman, asked whether that ruled out a deployment before the spring, said he would not comment.')).toEqual(['pledge-announced CL']);
      // the same ruling-out stated by the spokesman is read
      expect(types('Chile said it would send troops. Asked about the timing, a ministry spokesman ruled out a deployment before the spring.')).toHaveLength(2);
    });

    it('reads the paragraph after a bold question as the interviewee\'s answer, and a "we" inside a relative clause as no speaker', () => {
      const intro = "We spoke on Monday with Ana Lopes, Peru's Deputy Prime Minister. The interview has been edited.\n\n";
      const answer = '\n\nIt has not changed. The Chilean troops must leave the border region, fully and unconditionally.';
      expect(types(intro + '**What is your position on the Chilean troops at the border?**' + answer)).toEqual(['demand-made PE']);
      // a bold heading that asks nothing opens no answer
      expect(types(intro + '**The border question**' + answer)).toEqual([]);
      const helpers = '**Who is helping you?**\n\nAnd France, with which we signed an agreement in 2024, is sending a training team next month. We are sending two helicopters to the region.';
      expect(types(intro + helpers)).toEqual(['pledge-announced FR', 'pledge-announced PE']);
    });

    it('reads the one a paper quotes "as telling" someone as the speaker, not the one told', () => {
      expect(types('The daily quotes Peru\'s foreign minister as telling a visiting EU delegation on Monday that Chile must reopen the border crossing.')).toEqual(['demand-made PE']);
      // a relative pronoun after the group still makes it a subject
      expect(types('The EU delegation, which visited Lima, called on Chile to reopen the border crossing.')).toEqual(['demand-made EU']);
    });

    it('reads a titled name the story\'s title names ("Minister of defence Luis Moreno") as the home country\'s office holder', () => {
      const text = 'SANTIAGO - Minister of defence Luis Moreno demanded on Monday that Peru withdraw its patrol boats from the disputed waters.\n\nMoreno said Santiago would send two frigates to the area.';
      const withTitle = (title: string) => extractEvents({ text, title, publishedOn: '2026-03-10' }).map((e) => `${e.type} ${e.actor}`);
      expect(withTitle('Moreno: Chile will not be a second-class partner')).toEqual(['demand-made CL', 'pledge-announced CL']);
      // an official the title does not name may be anyone's
      expect(withTitle('Chile will not be a second-class partner')).toEqual(['pledge-announced CL']);
    });

    it('reads "it" opening the sentence right after an institution\'s as that institution, and never a person', () => {
      const post = ' In a post on its website, it called the exercise a provocation.';
      expect(types("Peru's embassy did not respond to a request for comment." + post)).toEqual(['opposition-expressed PE']);
      expect(types("Peru's ambassador did not respond to a request for comment." + post)).toEqual([]);
      expect(types("Peru's embassy did not respond to a request for comment. The exercise ended on Friday." + post)).toEqual([]);
    });

    it('does not read a plural "states" with a verb after it as a verb of saying', () => {
      expect(types('Peru demanded that EU states be excluded from the mission.')).toEqual(['demand-made PE']);
      expect(types('The Kremlin states that any deployment of NATO troops is unacceptable.')).toEqual(['red-line-stated RU']);
    });
  });
});
