import { readFileSync } from 'node:fs';
import { extractEvents } from '@stancewatch/domain';
import { htmlToText } from '@stancewatch/feeds/text/html-to-text';

const USAGE = 'usage: extract [--published YYYY-MM-DD] [--title TEXT] FILE';

/** `extract [--published YYYY-MM-DD] [--title TEXT] FILE`: prints only the JSON array of events. */
export async function extractCommand(argv: string[]): Promise<number> {
  let published: string | null = null;
  let title: string | null = null;
  let file: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--published') published = argv[++i] ?? null;
    else if (a === '--title') title = argv[++i] ?? null;
    else if (a.startsWith('--published=')) published = a.slice('--published='.length);
    else if (a.startsWith('--title=')) title = a.slice('--title='.length);
    else if (a === '--') continue;
    else if (a.startsWith('--')) {
      console.error(`unknown option ${a}\n${USAGE}`);
      return 2;
    } else file = a;
  }
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  if (published && !/^\d{4}-\d{2}-\d{2}$/.test(published)) {
    console.error(`--published must be YYYY-MM-DD, got ${published}`);
    return 2;
  }
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`cannot read ${file}: ${(err as Error).message}`);
    return 1;
  }
  const text = looksLikeHtml(raw) ? htmlToText(raw) : raw;
  const events = extractEvents({ text, title, publishedOn: published });
  process.stdout.write(JSON.stringify(events, null, 2) + '\n');
  return 0;
}

function looksLikeHtml(text: string): boolean {
  return /<\s*(!doctype html|html|body|p|div|article|br|h[1-6]|section|li)\b[^>]*>/i.test(text.slice(0, 5000));
}
