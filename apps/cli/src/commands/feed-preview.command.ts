import { HttpFetcher, SsrfGuard, pollFeed } from '@stancewatch/feeds';

const USAGE = 'usage: feed:preview [--allow-private] URL';

export interface FeedPreview {
  feed: { title: string | null; link: string | null };
  items: { id: string; title: string | null; link: string | null; publishedAt: string | null; text: string }[];
}

/**
 * `feed:preview [--allow-private] URL`: fetch and parse one feed through the same code path as the ingestor
 * (guarded fetcher, charset detection, parser, article normalisation), with no Kafka and no database.
 * Prints the preview as JSON on stdout; on failure one line on stderr and a non-zero exit code.
 *
 * --allow-private lets the guard connect to loopback/private addresses (e.g. a feed served on localhost);
 * without it SSRF_ALLOWLIST from the environment applies, as in the ingestor.
 */
export async function feedPreviewCommand(argv: string[]): Promise<number> {
  let allowPrivate = false;
  const positional: string[] = [];
  for (const arg of argv) {
    if (arg === '--allow-private') allowPrivate = true;
    else if (arg === '--help' || arg === '-h') {
      await write(process.stdout, `${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('--')) {
      await write(process.stderr, `unknown option ${arg}; ${USAGE}\n`);
      return 2;
    } else positional.push(arg);
  }
  if (positional.length !== 1) {
    await write(process.stderr, `${USAGE}\n`);
    return 2;
  }

  const allowList = [process.env.SSRF_ALLOWLIST ?? '', ...(allowPrivate ? ['0.0.0.0/0', '::/0'] : [])].filter(Boolean).join(',');
  const fetcher = new HttpFetcher({ guard: new SsrfGuard({ allowList }) });
  try {
    const result = await pollFeed(positional[0], {}, { fetcher });
    if (result.outcome !== 'ok' || !result.feed || !result.articles) {
      await write(process.stderr, `${oneLine(result.error ?? `feed could not be read (${result.outcome})`)}\n`);
      return 1;
    }
    const preview: FeedPreview = {
      feed: { title: result.feed.title, link: result.feed.link },
      items: result.articles.map((a) => ({ id: a.id, title: a.title, link: a.url, publishedAt: a.publishedAt, text: a.text })),
    };
    await write(process.stdout, `${JSON.stringify(preview, null, 2)}\n`);
    return 0;
  } catch (err) {
    await write(process.stderr, `${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  } finally {
    await fetcher.close();
  }
}

function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}

// Resolves once the data is handed to the OS, so the caller's process.exit() cannot cut the JSON short.
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (err) => (err ? reject(err) : resolve())));
}
