// One wink-nlp instance for the process: loading the model is the expensive part.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  text: string;
  lower: string;
  lemma: string;
  pos: string;
  kind: string; // wink token type: word, number, punctuation, currency, ...
  start: number; // absolute offsets into the clean text, end exclusive
  end: number;
}

const PARTICLES = new Set(['out', 'down', 'off']);

let nlp: ReturnType<typeof winkNLP> | null = null;
function getNlp() {
  // only sentence boundaries and POS/lemmas are read: wink's NER, negation and sentiment passes cost a third of
  // readDoc and change neither tokens, sentences, tags nor lemmas
  if (!nlp) nlp = winkNLP(model, ['sbd', 'pos']);
  return nlp;
}

/** Tokenises `text` (which starts at `base` in the clean text) into sentences of tokens with offsets. */
export function sentencesOf(text: string, base: number): Token[][] {
  const n = getNlp();
  const its = n.its;
  const doc = n.readDoc(text);
  // one token collection read four times, and the sentence spans in one call: wink builds an API object per
  // collection and per item, a fixed cost paid on every line
  const all = doc.tokens();
  const words = all.out() as string[];
  const pos = all.out(its.pos) as string[];
  const lemma = all.out(its.lemma as never) as unknown as string[];
  const kind = all.out(its.type as never) as unknown as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    let at = text.indexOf(w, cursor);
    // wink normalises a few characters; fall back to the cursor so offsets stay monotonic
    if (at < 0 || at - cursor > 40) at = cursor;
    const end = Math.min(text.length, at + w.length);
    tokens.push({ text: w, lower: w.toLowerCase(), lemma: String(lemma[i]).toLowerCase(), pos: pos[i], kind: kind[i], start: base + at, end: base + end });
    cursor = end;
  }
  // "Hungary rules out", "Tokyo turns down": the tagger reads a phrasal verb after a name as a plural noun
  for (let i = 1; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (t.pos === 'NOUN' && t.lower.endsWith('s') && PARTICLES.has(tokens[i + 1].lower) && tokens[i - 1].pos === 'PROPN') t.pos = 'VERB';
  }
  const out: Token[][] = [];
  for (const [a, b] of doc.sentences().out(its.span) as unknown as [number, number][]) out.push(tokens.slice(a, b + 1));
  return out;
}

/** Tokens of a short phrase (lexicon entries), so they split exactly like article text. */
export function phraseTokens(phrase: string): string[] {
  const n = getNlp();
  return (n.readDoc(phrase).tokens().out() as string[]).map((t) => t.toLowerCase());
}
