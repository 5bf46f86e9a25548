#!/usr/bin/env node
// Output snapshot of the built extractor, to prove a refactor (speed work, cleanups) changes no output.
//
//   node scripts/extract-snapshot.mjs dump OUTDIR [--root REPO] [--reverse]
//   node scripts/extract-snapshot.mjs diff DIR_A DIR_B
//
// `dump` runs REPO/dist (default: this checkout; build it first) over every article of ../shared/corpus and
// tests/extraction-*/ the way ../shared/eval/score.mjs feeds the extract CLI (body after the header, HTML
// turned to text, --published/--title from the header), and writes one JSON file per case into OUTDIR.
// Extra cases widen the net: each article again with no published date, each paragraph on its own, and the
// stitched ~800-word articles of bench/extract.bench.ts. Everything runs in one process, so a cache that
// leaks between articles shows up as a difference between a normal and a --reverse dump.
// `diff` compares two dumps by name and content and prints only names and hashes, never article text
// (the held-out sets must not be read by whoever runs this). Exit code 1 when anything differs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const [mode, a, b] = args;

if (mode === 'dump' && a) dump(resolve(a));
else if (mode === 'diff' && a && b) process.exit(diff(resolve(a), resolve(b)));
else {
  console.error('usage: extract-snapshot.mjs dump OUTDIR [--root REPO] [--reverse] | diff DIR_A DIR_B');
  process.exit(2);
}

function dump(out) {
  const root = resolve(opt('--root', join(dirname(fileURLToPath(import.meta.url)), '..')));
  const require = createRequire(join(root, 'dist', 'noop.js'));
  const { extractEvents } = require(join(root, 'dist/libs/domain/src/index.js'));
  const { htmlToText } = require(join(root, 'dist/libs/feeds/src/text/html-to-text.js'));
  // the same test as apps/cli/src/commands/extract.command.ts
  const looksLikeHtml = (t) => /<\s*(!doctype html|html|body|p|div|article|br|h[1-6]|section|li)\b[^>]*>/i.test(t.slice(0, 5000));

  const dirs = [join(root, '../shared/corpus')];
  for (const d of readdirSync(join(root, 'tests')).sort()) if (d.startsWith('extraction-')) dirs.push(join(root, 'tests', d));
  const cases = [];
  const benchTexts = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const tag = dir.split('/').pop();
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      // as score.mjs splits it
      const raw = readFileSync(join(dir, name), 'utf8');
      const [head, ...rest] = raw.split(/\n\s*\n/);
      const header = Object.fromEntries(head.split('\n').map((l) => l.match(/^([A-Z]+):\s*(.*)$/)).filter(Boolean).map((m) => [m[1], m[2]]));
      const body = rest.join('\n\n');
      const text = looksLikeHtml(body) ? htmlToText(body) : body;
      const published = header.PUBLISHED && /^\d{4}-\d{2}-\d{2}$/.test(header.PUBLISHED) ? header.PUBLISHED : null;
      const base = `${tag}__${name.replace(/\.txt$/, '')}`;
      cases.push({ id: `${base}.json`, text, title: header.TITLE ?? null, publishedOn: published });
      cases.push({ id: `${base}.nopub.json`, text, title: null, publishedOn: null });
      text.split('\n').forEach((p, i) => {
        if (p.trim()) cases.push({ id: `${base}.p${String(i).padStart(3, '0')}.json`, text: p, title: null, publishedOn: published });
      });
      if (tag === 'corpus' || tag === 'extraction-corpus') benchTexts.push(body);
    }
  }
  // the bench's stitched articles (same recipe as bench/extract.bench.ts)
  const paragraphs = benchTexts.flatMap((t) => t.split('\n').filter((l) => l.split(/\s+/).length > 8));
  let cur = [];
  let words = 0;
  for (let k = 0, n = 0; paragraphs.length && n < 40; k++) {
    const p = paragraphs[k % paragraphs.length];
    cur.push(p);
    words += p.split(/\s+/).length;
    if (words >= 800) {
      cases.push({ id: `bench__${String(n++).padStart(2, '0')}.json`, text: cur.join('\n'), title: null, publishedOn: '2026-01-05' });
      cur = [];
      words = 0;
    }
  }

  if (args.includes('--reverse')) cases.reverse();
  mkdirSync(out, { recursive: true });
  const t0 = performance.now();
  let events = 0;
  for (const c of cases) {
    let result;
    try {
      result = extractEvents({ text: c.text, title: c.title, publishedOn: c.publishedOn });
      events += result.length;
    } catch (err) {
      result = { error: String(err?.message ?? err) };
    }
    writeFileSync(join(out, c.id), JSON.stringify(result, null, 2) + '\n');
  }
  console.log(JSON.stringify({ out, cases: cases.length, events, ms: Math.round(performance.now() - t0) }));
}

function diff(dirA, dirB) {
  const hash = (p) => createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16);
  const namesA = new Set(readdirSync(dirA).filter((f) => f.endsWith('.json')));
  const namesB = new Set(readdirSync(dirB).filter((f) => f.endsWith('.json')));
  let differ = 0;
  for (const n of [...new Set([...namesA, ...namesB])].sort()) {
    if (!namesA.has(n) || !namesB.has(n)) {
      console.log(`only in ${namesA.has(n) ? 'A' : 'B'}: ${n}`);
      differ++;
      continue;
    }
    const ha = hash(join(dirA, n));
    const hb = hash(join(dirB, n));
    if (ha !== hb) {
      console.log(`differs: ${n} ${ha} ${hb}`);
      differ++;
    }
  }
  console.log(JSON.stringify({ compared: new Set([...namesA, ...namesB]).size, differ }));
  return differ ? 1 : 0;
}
