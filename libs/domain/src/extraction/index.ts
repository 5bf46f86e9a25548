// Extraction: from an article's clean text to typed, attributed, dated position events.
import type { ExtractedEvent } from '../catalogue';
import { extractFromText } from './extractor';

/** Bump when the output for the same input changes (rules or lexicons). */
export const EXTRACTOR_VERSION = '0.9.0';

export interface ArticleInput {
  text: string;
  title?: string | null;
  publishedOn?: string | null; // YYYY-MM-DD
}

export function extractEvents(input: ArticleInput): ExtractedEvent[] {
  const published = input.publishedOn && /^\d{4}-\d{2}-\d{2}/.test(input.publishedOn) ? input.publishedOn.slice(0, 10) : null;
  const text = normalise(input.text ?? '');
  return extractFromText(text, published, input.title ?? null);
}

function normalise(text: string): string {
  // same-length replacements keep spans valid offsets into the caller's text
  return text.replace(/\r/g, ' ').replace(/\u00a0/g, ' ');
}
