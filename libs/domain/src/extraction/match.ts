import type { PhraseIndex } from './lexicon';
import type { Token } from './nlp';

export interface Match<T> {
  start: number; // token index
  end: number; // exclusive
  value: T;
}

const same = (t: Token, p: string[], lemma: boolean) => p.includes(t.lower) || (lemma && p.includes(t.lemma));

/** Longest phrase of `index` starting at token `i`; `lemma` also lets phrase words match lemmas. */
export function matchAt<T>(index: PhraseIndex<T>, toks: Token[], i: number, lemma: boolean, accept?: (m: Match<T>) => boolean): Match<T> | null {
  if (i >= toks.length) return null;
  // the word, then its lemma when asked for and different (no key list per call: this runs at every token)
  const passes = lemma && toks[i].lemma !== toks[i].lower ? 2 : 1;
  let best: Match<T> | null = null;
  for (let pass = 0; pass < passes; pass++) {
    const key = pass === 0 ? toks[i].lower : toks[i].lemma;
    for (const ph of index.candidates(key)) {
      const end = walk(ph.tokens, toks, i, 0, lemma);
      if (end < 0) continue;
      const m = { start: i, end, value: ph.value };
      if (accept && !accept(m)) continue;
      if (!best || m.end > best.end) best = m;
    }
  }
  return best;
}

function walk(pattern: string[][], toks: Token[], i: number, p: number, lemma: boolean): number {
  if (p === pattern.length) return i;
  if (pattern[p][0] === '*') {
    for (let gap = 0; gap <= 3 && i + gap <= toks.length; gap++) {
      const r = walk(pattern, toks, i + gap, p + 1, lemma);
      if (r >= 0) return r;
    }
    return -1;
  }
  if (i >= toks.length || !same(toks[i], pattern[p], lemma)) return -1;
  return walk(pattern, toks, i + 1, p + 1, lemma);
}

/** All non-overlapping longest matches, left to right. */
export function matchAll<T>(index: PhraseIndex<T>, toks: Token[], lemma: boolean, accept?: (m: Match<T>) => boolean): Match<T>[] {
  const out: Match<T>[] = [];
  for (let i = 0; i < toks.length; ) {
    const m = matchAt(index, toks, i, lemma, accept);
    if (m) {
      out.push(m);
      i = m.end;
    } else i++;
  }
  return out;
}
