// Extraction throughput on one core: ~800-word articles built from the annotated corpora
// (real article prose, cut at sentence ends), each extracted once per iteration.
//   npx tsx --tsconfig tsconfig.json bench/extract.bench.ts [--seconds 10] [--articles N]
// --articles runs exactly N articles after the warm-up instead of a time budget: a fixed amount of work for
// `perf stat -e instructions:u`, which a shared box does not disturb the way it disturbs the clock.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { extractEvents } from '@stancewatch/domain';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] ?? 10) || 10;
const fixedCount = args.includes('--articles') ? Number(args[args.indexOf('--articles') + 1]) : null;

function bodies(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(dir, f), 'utf8').split(/\n\s*\n/).slice(1).join('\n\n'));
}

// the repository root, whether run from bench/ with tsx or from dist/bench after a build
let root = join(__dirname, '..');
while (!existsSync(join(root, 'tests/extraction-corpus')) && join(root, '..') !== root) root = join(root, '..');
const texts = [...bodies(join(root, '../shared/corpus')), ...bodies(join(root, 'tests/extraction-corpus'))];
// stitch paragraphs into ~800-word articles
const paragraphs = texts.flatMap((t) => t.split('\n').filter((l) => l.split(/\s+/).length > 8));
const articles: string[] = [];
let cur: string[] = [];
let words = 0;
for (let k = 0; articles.length < 40; k++) {
  const p = paragraphs[k % paragraphs.length];
  cur.push(p);
  words += p.split(/\s+/).length;
  if (words >= 800) {
    articles.push(cur.join('\n'));
    cur = [];
    words = 0;
  }
}
const avgWords = Math.round(articles.reduce((n, a) => n + a.split(/\s+/).length, 0) / articles.length);

// warm-up: lexicon and model load, JIT
const t0 = performance.now();
extractEvents({ text: articles[0], publishedOn: '2026-01-05' });
const firstMs = performance.now() - t0;
for (let i = 0; i < 50; i++) extractEvents({ text: articles[i % articles.length], publishedOn: '2026-01-05' });

let n = 0;
let events = 0;
// CPU time as well as wall time: on a shared box the wall clock measures the neighbours too
const cpu0 = process.cpuUsage();
const start = performance.now();
while (fixedCount != null ? n < fixedCount : performance.now() - start < seconds * 1000) {
  events += extractEvents({ text: articles[n % articles.length], publishedOn: '2026-01-05' }).length;
  n++;
}
const elapsed = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({ articles: n, avgWords, seconds: +elapsed.toFixed(2), articlesPerSecond: Math.round(n / elapsed), articlesPerCpuSecond: Math.round(n / cpuSeconds), eventsPerArticle: +(events / n).toFixed(2), firstCallMs: Math.round(firstMs), rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) }));
