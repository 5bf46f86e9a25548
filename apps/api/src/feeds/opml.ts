import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** Content types an OPML upload may come as; main.ts registers a string body parser for them. */
export const OPML_CONTENT_TYPES = ['text/x-opml', 'application/xml', 'text/xml', 'application/x-opml', 'application/opml+xml'];
export const OPML_MAX_BYTES = 2 * 1024 * 1024;

export class OpmlError extends Error {}

export interface OpmlOutline {
  /** The xmlUrl attribute as written (trimmed). */
  url: string;
  title: string | null;
  /** Names of the enclosing folders, outermost first. */
  folders: string[];
}

interface RawOutline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  xmlurl?: string;
  outline?: RawOutline[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // the five XML entities and character references only: a document with a DTD is refused before parsing
  processEntities: true,
  htmlEntities: true,
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => name === 'outline',
});

/**
 * Every feed outline (one with an xmlUrl) of an OPML document, folders flattened into `folders`.
 * A DOCTYPE or entity declaration is refused outright: OPML never needs one, and it is how entity
 * expansion (billion laughs) and external entity attacks get in.
 */
export function parseOpml(xml: string): OpmlOutline[] {
  const text = xml.replace(/^\uFEFF/, '').trimStart();
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new OpmlError('OPML with a DOCTYPE or entity declarations is refused');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new OpmlError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const doc = parser.parse(text) as { opml?: { body?: { outline?: RawOutline[] } | string } };
  if (!doc.opml || typeof doc.opml !== 'object') throw new OpmlError('not an OPML document: the root element is not <opml>');
  const body = doc.opml.body;
  const outlines: OpmlOutline[] = [];
  const walk = (nodes: RawOutline[] | undefined, folders: string[]) => {
    for (const node of nodes ?? []) {
      if (typeof node !== 'object' || node === null) continue;
      const name = (node.title ?? node.text ?? '').trim() || null;
      const url = (node.xmlUrl ?? node.xmlurl ?? '').trim();
      if (url) outlines.push({ url, title: name, folders });
      // a feed outline may itself hold outlines; a folder usually does
      if (node.outline) walk(node.outline, name && !url ? [...folders, name] : folders);
    }
  };
  walk(typeof body === 'object' && body !== null ? body.outline : undefined, []);
  return outlines;
}

export interface OpmlFeed {
  url: string;
  title: string | null;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

/** An OPML 2.0 subscription list of the given feeds. */
export function buildOpml(feeds: OpmlFeed[], now: Date = new Date()): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    opml: {
      '@_version': '2.0',
      head: { title: 'stancewatch feeds', dateCreated: now.toUTCString() },
      body: {
        outline: feeds.map((feed) => ({ '@_type': 'rss', '@_text': feed.title || feed.url, '@_title': feed.title || feed.url, '@_xmlUrl': feed.url })),
      },
    },
  }) as string;
}

interface BodyParserHost {
  useBodyParser(type: string[], options: { bodyLimit: number }, parser: (req: unknown, body: Buffer, done: (err: Error | null, body?: unknown) => void) => void): unknown;
}

/**
 * Fastify only parses JSON by default: OPML uploads arrive as XML and are kept as bytes, so the
 * controller can honour the document's own encoding declaration.
 */
export function registerOpmlBodyParser(app: BodyParserHost): void {
  app.useBodyParser(OPML_CONTENT_TYPES, { bodyLimit: OPML_MAX_BYTES }, (_req, body, done) => done(null, body));
}
