import { extractEvents } from './index';

const run = (text: string, publishedOn = '2026-05-12') => extractEvents({ text, publishedOn });
const pairs = (text: string) => run(text).map((e) => [e.type, e.actor]);

describe('a force or a contribution as the subject', () => {
  it('gives the refusal to the owner of the troops', () => {
    expect(pairs('Egypt has insisted that its soldiers will not deploy inside Libya.')).toEqual([['pledge-refused', 'EG']]);
    expect(pairs('Ottawa has been clear that no Canadian troops will be on the ground in Haiti.')).toEqual([['pledge-refused', 'CA']]);
    expect(pairs("Brazil's peacekeepers would not take part in any offensive, the minister said.")).toEqual([['pledge-refused', 'BR']]);
  });

  it('reads modality on the force: could is considered, will is announced, only is a condition', () => {
    expect(pairs('The Pentagon said U.S. forces could remain in Syria until September.')).toEqual([['pledge-considered', 'US']]);
    expect(pairs('Kenyan police officers will stay in Haiti until the new force arrives, Nairobi said.')).toEqual([['pledge-announced', 'KE']]);
    expect(pairs('Seoul said South Korean troops would join the mission only under a UN mandate.')).toEqual([['condition-set', 'KR']]);
    expect(pairs('He confirmed that no Irish soldiers would deploy before the Dáil had voted.')).toEqual([['condition-set', 'IE']]);
  });

  it('reads a contribution noun with its predicate', () => {
    expect(pairs('A Danish frigate deployment is "not excluded" for the spring, the minister says.')).toEqual([['pledge-considered', 'DK']]);
    expect(pairs('Austrian participation is out of the question, Vienna said.')).toEqual([['pledge-refused', 'AT']]);
  });

  it('stays silent on hypotheticals, purposes, forces at home and commentary', () => {
    expect(run('If Jordanian troops deploy, the militias will resist.')).toEqual([]);
    expect(run('Our soldiers would go to protect civilians, not to take sides.')).toEqual([]);
    expect(run('Serbian police will stay everywhere on the territory of Serbia, the minister answered.').filter((e) => e.type.startsWith('pledge'))).toEqual([]);
    expect(run('Analysts say Turkish troops could join the force.')).toEqual([]);
    expect(run('Any Italian troops would need protection.')).toEqual([]);
  });
});

describe('0.8 contribution phrasings', () => {
  it('reads the rest of the force noun phrase and more verbs of a force', () => {
    expect(pairs('Honduras said its contingent of about 200 troops would transfer to the new mission.')).toEqual([['pledge-announced', 'HN']]);
    expect(run('Belize said its 40 soldiers and police officers would also stay on.')[0]).toMatchObject({ type: 'pledge-announced', actor: 'BZ', quantity: { value: 40 } });
    expect(pairs('Nepal says its soldiers will not be used to disarm the militias.')).toEqual([['condition-set', 'NP']]);
  });

  it('counts hosting a force or its base, not a summit or visitors', () => {
    expect(pairs("Djibouti hosts the mission's logistics base.")).toEqual([['pledge-announced', 'DJ']]);
    expect(run('Macron spoke after hosting a summit of the coalition in Paris.')).toEqual([]);
    expect(run('Canada hosted over 100 planners from 20 nations.')).toEqual([]);
  });

  it('reads support in kind as an asset and "providing" as a verb, not a proviso', () => {
    const ev = run('Sweden is providing engineering support to the mission.');
    expect(ev.map((e) => [e.type, e.actor])).toEqual([['pledge-announced', 'SE']]);
    expect(ev[0].conditions).toEqual([]);
  });

  it('reads refusal nouns with their object, "open to it", floating quantifiers and "militarily"', () => {
    expect(pairs('Tokyo said it had "no current plans" for a naval transit.')).toEqual([['pledge-refused', 'JP']]);
    expect(pairs('Wellington was "open to it" if partners agreed.')).toEqual([['pledge-considered', 'NZ']]);
    expect(pairs('Fiji and Tonga said they would each keep their contingents in place.').map((p) => p.join(' '))).toEqual(['pledge-announced FJ', 'pledge-announced TO']);
    expect(pairs('Portugal said it had no intention of intervening militarily.')).toEqual([['pledge-refused', 'PT']]);
    expect(run('The EU intervened in the trade dispute.')).toEqual([]);
  });

  it('reads "be against" as opposition and "would act against" as a threat', () => {
    expect(pairs('Chile is against the plan.')).toEqual([['opposition-expressed', 'CL']]);
    expect(pairs('Ethiopia warned that its army would act against any armed group crossing the border.')).toEqual([['red-line-stated', 'ET']]);
  });
});

describe('0.8 refusals with a price, gerund and bare contribution subjects', () => {
  it('reads a refusal "without" something as a condition', () => {
    expect(pairs('Sweden will not deploy troops without the consent of the host government.')).toEqual([['condition-set', 'SE']]);
  });

  it('reads a gerund or a bare contribution as the subject of its verdict', () => {
    expect(pairs('Mexico said sending troops was out of the question.')).toEqual([['pledge-refused', 'MX']]);
    expect(pairs('Estonia said a contribution was possible.')).toEqual([['pledge-considered', 'EE']]);
    expect(run('Analysts said a contribution was possible.')).toEqual([]);
  });

  it('knows field hospitals and carabinieri', () => {
    expect(pairs('"We will send a field hospital," the Polish defence minister said.')).toEqual([['pledge-announced', 'PL']]);
    expect(pairs('Italy has already offered carabinieri.')).toEqual([['pledge-announced', 'IT']]);
  });
});

describe('0.8 counted forces in a reported clause', () => {
  it('gives a counted force after "that" to the reporting subject', () => {
    expect(run('Spain confirmed on Monday that four Eurofighters will be based at Amari from July.')[0]).toMatchObject({ type: 'pledge-announced', actor: 'ES', quantity: { value: 4 } });
    expect(pairs('Washington has informed Sofia that no additional Patriot batteries will be sent this year.')).toEqual([['pledge-refused', 'US']]);
    expect(run('Analysts said that four brigades would be needed.')).toEqual([]);
  });
});
