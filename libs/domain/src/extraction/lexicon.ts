// Loads the analyst-editable lexicons in libs/domain/data once and compiles them into
// token-sequence matchers. JSON imports keep the data inside the TypeScript build.
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import countryData from '../../data/countries.json';
import actorData from '../../data/actors.json';
import cueData from '../../data/cues.json';
import assetData from '../../data/assets.json';
import type { Asset } from '../catalogue';
import { phraseTokens } from './nlp';

export type ActorKind = 'country' | 'demonym' | 'capital' | 'institution' | 'person' | 'party' | 'org' | 'role-noun' | 'gov-noun';

export interface ActorEntry {
  code: string | null; // null for generic role nouns resolved from context
  kind: ActorKind;
  role: string | null;
  /** aliases written in capitals (US, UN) must match case-exactly; others need a capital initial */
  exact: string | null;
  /** written in lower case after "the" in the lexicon ("the alliance"): matches in lower case, with its article */
  lowercase?: boolean;
  /** a description ("government", "minister", "country") that names an actor only with the/his/its before it */
  anaphor?: boolean;
  /** "the bloc", "the grouping": an organisation named before in the sentence or the article (else `code`) */
  orgAnaphor?: boolean;
  /**
   * a name shared by several actors ("AU": African Union or Australia; "the Conservatives": Britain's or Canada's):
   * the reading whose country or context words the sentence, else the article, names most; `code` when none does
   * (null: no actor without context)
   */
  readings?: Reading[];
  /** "the AU", "the AU Commission": the reading a determiner or an organ name after it selects */
  determinerCode?: string | null;
}

export interface Reading {
  code: string;
  role: string | null;
  kind: ActorKind;
  /** words that point to this reading; a reading with a country code also counts that country's names */
  context: string[];
}

/** A phrase compiled to tokens; each token is a set of alternatives, '*' a short gap. */
export interface Phrase<T> {
  tokens: string[][];
  value: T;
}

export class PhraseIndex<T> {
  private byFirst = new Map<string, Phrase<T>[]>();
  add(tokens: string[][], value: T): void {
    for (const first of tokens[0]) {
      const list = this.byFirst.get(first) ?? [];
      list.push({ tokens, value });
      // longest first, so the first hit is the longest match
      list.sort((a, b) => b.tokens.length - a.tokens.length);
      this.byFirst.set(first, list);
    }
  }
  candidates(key: string): Phrase<T>[] {
    return this.byFirst.get(key) ?? [];
  }
}

function compile(phrase: string): string[][] {
  return phrase
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((part) => (part === '*' ? [['*']] : part.includes('|') ? [part.split('|').map((p) => p.toLowerCase())] : phraseTokens(part).map((t) => [t])));
}

export interface Legislators {
  country: string;
  role: string;
  titles: string[];
  titlesWithTag?: string[];
  partyTags?: Record<string, string>;
}

export interface AssetEntry {
  asset: Asset;
  unit: string | null;
}

export interface Lexicon {
  actors: PhraseIndex<ActorEntry>;
  /** organs of an organisation ("Commission", "Peace and Security Council"): "the ECOWAS Commission" is ECOWAS */
  organs: PhraseIndex<string>;
  /** the names of each actor code (countries, demonyms, capitals, institutions, people): context for ambiguous names */
  namesOf: Map<string, string[]>;
  /** organisations "the bloc" never refers to */
  notBloc: string[];
  govNouns: PhraseIndex<true>;
  /** members of parliaments by their title or party tag ("Rep. Jane Roe", "Carl Hutchins (R-Ohio)") */
  legislators: Legislators[];
  cues: PhraseIndex<CueValue>;
  assets: PhraseIndex<AssetEntry>;
  conditionKinds: PhraseIndex<string>;
  currencies: Map<string, string>;
  currencyPhrases: PhraseIndex<string>;
  scale: Map<string, number>;
  numberWords: Map<string, number>;
  vague: PhraseIndex<true>;
  approximators: PhraseIndex<true>;
  speechVerbs: Set<string>;
  /** contribution verbs that make a pledge without an asset object when a modality frames them */
  bareVerbs: Set<string>;
  /** contribution verbs that pledge only money ("release EUR 25 million") */
  moneyVerbs: Set<string>;
  /** describing-as: words that make "called X a ..." an opposition or a support */
  descriptors: PhraseIndex<'opposition-expressed' | 'support-expressed'>;
  pending: { frames: PhraseIndex<true>; verbs: Set<string>; objects: Set<string> };
  lightVerbs: Set<string>;
  genericForces: Set<string>;
  /** verbs that oppose only a measure ("blocked the plan") and the measure nouns they need */
  measureVerbs: Set<string>;
  measures: Set<string>;
  /** 3-4 letter word prefixes of every cue that can start an event; a line with none is skipped before NLP */
  triggers: Set<string>;
}

export type CueCategory =
  | 'contribution'
  | 'contribution-strong'
  | 'contribution-noun'
  | 'mission'
  | 'refused'
  | 'not-ruled-out'
  | 'considered'
  | 'announced'
  | 'negator'
  | 'red-line-stated'
  | 'demand-made'
  | 'demand-weak'
  | 'condition-set'
  | 'support-expressed'
  | 'opposition-expressed'
  | 'nominal'
  | 'describe'
  | 'propose';

export interface CueValue {
  cat: CueCategory;
  phrase: string;
}

let cached: Lexicon | null = null;

const TRIGGER_STOP = new Set(['would', 'will', 'could', 'with', 'that', 'have', 'been', 'from', 'into', 'only', 'also', 'does', 'there', 'their', 'when', 'once']);

export function lexicon(): Lexicon {
  if (cached) return cached;
  countries.registerLocale(en);
  const actors = new PhraseIndex<ActorEntry>();
  const seen = new Set<string>();
  const namesOf = new Map<string, string[]>();
  const addActor = (name: string, entry: Omit<ActorEntry, 'exact'>) => {
    // "the alliance": a name the lexicon writes in lower case matches in lower case, after its article
    const lowercase = /^the \p{Ll}/u.test(name) || undefined;
    name = name.replace(/^the /i, '');
    if (entry.code && entry.kind !== 'role-noun' && !entry.readings) namesOf.set(entry.code, [...(namesOf.get(entry.code) ?? []), name]);
    const key = name.toLowerCase() + '|' + entry.kind;
    if (seen.has(key)) return;
    seen.add(key);
    // short all-caps aliases (US, UN, RN) collide with ordinary words, so they match exactly
    const exact = /^[A-Z.]{2,6}$/.test(name.replace(/^the /, '')) ? name.replace(/^the /, '') : null;
    actors.add(compile(name), { ...entry, exact, lowercase });
  };

  const extra = countryData as unknown as Record<string, { aliases?: string[]; demonyms?: string[]; capitals?: string[] }>;
  // curated aliases win over i18n names (e.g. "Congo" -> CD)
  for (const [code, c] of Object.entries(extra)) {
    if (code.startsWith('_')) continue;
    for (const a of c.aliases ?? []) addActor(a, { code, kind: 'country', role: null });
    for (const d of c.demonyms ?? []) {
      addActor(d, { code, kind: 'demonym', role: null });
      // "the Germans said", "the Israelis have warned": the plural of a demonym in -an or -i names the people
      if (/(?:an|i)$/.test(d)) addActor(`${d}s`, { code, kind: 'demonym', role: null });
    }
    for (const cap of c.capitals ?? []) addActor(cap, { code, kind: 'capital', role: null });
  }
  const names = countries.getNames('en', { select: 'all' }) as Record<string, string[]>;
  for (const [code, list] of Object.entries(names)) {
    for (const name of list) {
      if (name.includes(',') || name.includes('(')) continue;
      // "The Netherlands" is stored without its article: a leading "the" before every name would make each "the" in a text a candidate
      addActor(name.replace(/^the /i, ''), { code, kind: 'country', role: null });
    }
  }
  const ad = actorData as unknown as {
    institutions: { names: string[]; country: string; role?: string; asset?: boolean }[];
    people: { names: string[]; country: string; role?: string }[];
    parties: { names: string[]; country?: string; role?: string; countries?: Record<string, string>; default?: string }[];
    organisations: { code: string; names: string[] }[];
    organs?: string[];
    organisationAnaphors?: { names: string[]; default: string; notFor?: string[] };
    ambiguousNames?: { names: string[]; kind: ActorKind; default: string | null; withDeterminer?: string; readings: { code: string; role?: string; kind?: ActorKind; context?: string[] }[] }[];
    governmentNouns: string[];
    roleNouns: { names: string[]; role: string }[];
    anaphors?: string[];
    legislators?: Legislators[];
  };
  for (const inst of ad.institutions) {
    if (inst.asset) continue;
    for (const n of inst.names) addActor(n, { code: inst.country, kind: 'institution', role: inst.role ?? null });
  }
  for (const p of ad.people) for (const n of p.names) addActor(n, { code: p.country, kind: 'person', role: p.role ?? null });
  for (const p of ad.parties) {
    // a party name used in several countries ("the Social Democrats"): its country comes from the context
    if (p.countries) {
      const readings: Reading[] = Object.entries(p.countries).map(([code, role]) => ({ code, role, kind: 'party', context: [] }));
      const def = p.default ? readings.find((r) => r.code === p.default) : undefined;
      for (const n of p.names) addActor(n, { code: def?.code ?? null, kind: 'party', role: def?.role ?? null, readings });
    } else for (const n of p.names) addActor(n, { code: p.country!, kind: 'party', role: p.role ?? null });
  }
  for (const a of ad.ambiguousNames ?? []) {
    const readings: Reading[] = a.readings.map((r) => ({ code: r.code, role: r.role ?? null, kind: r.kind ?? a.kind, context: r.context ?? [] }));
    for (const n of a.names) addActor(n, { code: a.default, kind: a.kind, role: null, readings, determinerCode: a.withDeterminer ?? null });
  }
  const organs = new PhraseIndex<string>();
  for (const o of ad.organs ?? []) organs.add(compile(o), o.toLowerCase());
  if (ad.organisationAnaphors) for (const n of ad.organisationAnaphors.names) actors.add(compile(n), { code: ad.organisationAnaphors.default, kind: 'org', role: null, exact: null, orgAnaphor: true });
  for (const o of ad.organisations) for (const n of o.names) addActor(n, { code: o.code, kind: 'org', role: null });
  for (const r of ad.roleNouns) for (const n of r.names) addActor(n, { code: null, kind: 'role-noun', role: r.role });
  for (const n of ad.anaphors ?? []) actors.add(compile(n), { code: null, kind: 'role-noun', role: null, exact: null, anaphor: true });
  const govNouns = new PhraseIndex<true>();
  for (const g of ad.governmentNouns) govNouns.add(compile(g), true);

  const cd = cueData as unknown as {
    contribution: { verbs: string[]; strongVerbs: string[]; nouns: string[]; missionNouns: string[]; bareVerbs?: string[]; moneyVerbs?: string[] };
    describing?: { verbs: string[]; opposition: string[]; support: string[] };
    proposals?: { verbs: string[] };
    pendingDecision?: { frames: string[]; verbs: string[]; objects: string[] };
    modality: { refused: string[]; notRuledOut: string[]; considered: string[]; announced: string[]; negators: string[] };
    types: Record<string, string[]>;
    weakDemand: { phrases: string[] };
    nominalTypes: { nouns: string[]; lightVerbs: string[] };
    speechVerbs: string[];
    conditionKinds: Record<string, string[]>;
    measureOpposition?: { verbs: string[]; measures: string[] };
  };
  const cues = new PhraseIndex<CueValue>();
  const addCue = (phrase: string, cat: CueCategory) => cues.add(compile(phrase), { cat, phrase });
  const strong = new Set(cd.contribution.strongVerbs);
  for (const v of cd.contribution.verbs) addCue(v, strong.has(v) ? 'contribution-strong' : 'contribution');
  for (const v of cd.contribution.nouns) addCue(v, 'contribution-noun');
  for (const v of cd.contribution.missionNouns) addCue(v, 'mission');
  for (const v of cd.modality.refused) addCue(v, 'refused');
  for (const v of cd.modality.notRuledOut) addCue(v, 'not-ruled-out');
  for (const v of cd.modality.considered) addCue(v, 'considered');
  for (const v of cd.modality.announced) addCue(v, 'announced');
  for (const v of cd.modality.negators) addCue(v, 'negator');
  for (const [type, list] of Object.entries(cd.types)) for (const v of list) addCue(v, type as CueCategory);
  for (const v of cd.weakDemand.phrases) addCue(v, 'demand-weak');
  for (const v of cd.nominalTypes.nouns) addCue(v, 'nominal');
  for (const v of cd.describing?.verbs ?? []) addCue(v, 'describe');
  for (const v of cd.proposals?.verbs ?? []) addCue(v, 'propose');
  const descriptors = new PhraseIndex<'opposition-expressed' | 'support-expressed'>();
  for (const v of cd.describing?.opposition ?? []) descriptors.add(compile(v), 'opposition-expressed');
  for (const v of cd.describing?.support ?? []) descriptors.add(compile(v), 'support-expressed');
  const pendingFrames = new PhraseIndex<true>();
  for (const v of cd.pendingDecision?.frames ?? []) pendingFrames.add(compile(v), true);

  const assets = new PhraseIndex<AssetEntry>();
  const asd = assetData as unknown as {
    nouns: Record<string, AssetEntry>;
    genericForces: string[];
    currencies: Record<string, string>;
    scale: Record<string, number>;
    numberWords: Record<string, number>;
    vagueAmounts: string[];
    approximators: string[];
  };
  for (const [k, v] of Object.entries(asd.nouns)) assets.add(compile(k), v);
  const conditionKinds = new PhraseIndex<string>();
  for (const [kind, list] of Object.entries(cd.conditionKinds)) for (const p of list) conditionKinds.add(compile(p), kind);
  const currencyPhrases = new PhraseIndex<string>();
  for (const [k, v] of Object.entries(asd.currencies)) currencyPhrases.add(compile(k), v);
  const vague = new PhraseIndex<true>();
  for (const v of asd.vagueAmounts) vague.add(compile(v), true);
  const approximators = new PhraseIndex<true>();
  for (const v of asd.approximators) approximators.add(compile(v), true);

  const triggers = new Set<string>(['sent', 'gave', 'giv', 'led', 'kept', 'put', 'eyed', 'eyes', 'drew', 'back', 'must', 'has', 'have']);
  const TRIGGER_CATS = new Set<CueCategory>(['contribution', 'contribution-strong', 'contribution-noun', 'red-line-stated', 'demand-made', 'demand-weak', 'condition-set', 'support-expressed', 'opposition-expressed', 'nominal', 'considered', 'refused']);
  // describing and proposing verbs are common words: only their verb forms let a line through
  for (const v of [...(cd.describing?.verbs ?? []), ...(cd.proposals?.verbs ?? [])]) {
    const stem = v.replace(/e$/, '');
    for (const form of [v, v + 's', v + 'd', stem + 'ed', v + 'led', v + 'ed', stem + 'ing', v + 'ling']) triggers.add(form);
  }
  for (const list of [cd.contribution.verbs, cd.contribution.nouns, cd.weakDemand.phrases, cd.nominalTypes.nouns, cd.modality.considered, cd.modality.refused, ...Object.values(cd.types)]) {
    for (const phrase of list) {
      // a phrase matches only with all its words, so its longest content word is enough to let a line through;
      // a leading "no", "not", "be" or "see" would let nearly every line through
      const words = phrase.toLowerCase().split(/\s+/).filter((w) => w !== '*');
      const content = words.filter((w) => w.split('|').every((a) => a.length >= 4 && !TRIGGER_STOP.has(a)));
      const pick = content.length ? content.reduce((a, b) => (b.length > a.length ? b : a)) : words[0];
      if (pick === 'add') ['adds', 'adde'].forEach((f) => triggers.add(f)); // not "address", "additional"
      else pick.split('|').forEach((f) => triggers.add(f.slice(0, 4)));
    }
  }
  void TRIGGER_CATS;
  cached = {
    actors,
    organs,
    namesOf,
    notBloc: ad.organisationAnaphors?.notFor ?? [],
    govNouns,
    legislators: ad.legislators ?? [],
    cues,
    assets,
    conditionKinds,
    currencies: new Map(Object.entries(asd.currencies)),
    currencyPhrases,
    scale: new Map(Object.entries(asd.scale)),
    numberWords: new Map(Object.entries(asd.numberWords)),
    vague,
    approximators,
    speechVerbs: new Set(cd.speechVerbs),
    bareVerbs: new Set(cd.contribution.bareVerbs ?? []),
    moneyVerbs: new Set(cd.contribution.moneyVerbs ?? []),
    descriptors,
    pending: { frames: pendingFrames, verbs: new Set(cd.pendingDecision?.verbs ?? []), objects: new Set(cd.pendingDecision?.objects ?? []) },
    lightVerbs: new Set([...cd.nominalTypes.lightVerbs, 'converge']),
    genericForces: new Set(asd.genericForces),
    measureVerbs: new Set(cd.measureOpposition?.verbs ?? []),
    measures: new Set(cd.measureOpposition?.measures ?? []),
    triggers,
  };
  return cached;
}
