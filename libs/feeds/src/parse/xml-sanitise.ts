import { parseHTML } from 'linkedom';

export class FeedParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedParseError';
  }
}

export interface SanitisedXml {
  xml: string;
  /** Lines removed from the top (whitespace before the declaration), to report error lines as in the original. */
  linesTrimmed: number;
}

const XML_PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// Characters XML 1.0 forbids anywhere, even in CDATA; feeds carry them from copy-pasted text.
const ILLEGAL_XML_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;

/**
 * Makes real-world feed text acceptable to a strict XML parser without changing its meaning:
 * - leading whitespace / BOM before `<?xml` (SamRuby, Taverncast fixtures) is dropped;
 * - a DOCTYPE declaring entities is refused outright (billion laughs / external entities);
 * - outside CDATA and comments, HTML named entities (&nbsp;, &eacute;) become numeric references and a bare
 *   `&` becomes `&amp;`, which is what every browser-grade feed reader does with them;
 * - Atom type="xhtml" constructs are wrapped in CDATA as type="html", because xml2js (under rss-parser) splits
 *   mixed content into text and child lists and loses the order of words and links.
 */
export function sanitiseFeedXml(text: string): SanitisedXml {
  const leading = /^[\s\ufeff]*/.exec(text)![0];
  let xml = text.slice(leading.length).replace(ILLEGAL_XML_CHARS, '');
  refuseEntityDeclarations(xml);
  refuseHtmlDocuments(xml);
  xml = xhtmlConstructsToCdata(xml);
  xml = rewriteOutsideCdata(xml, fixAmpersands);
  return { xml, linesTrimmed: (leading.match(/\n/g) ?? []).length };
}

function refuseEntityDeclarations(xml: string): void {
  const doctype = /<!DOCTYPE/i.exec(xml);
  if (!doctype) return;
  // The internal subset is everything up to the first "]>" (or the first ">" without one).
  const rest = xml.slice(doctype.index, doctype.index + 64 * 1024);
  const end = rest.indexOf('[') !== -1 && rest.indexOf('[') < rest.indexOf('>') ? rest.indexOf(']') : rest.indexOf('>');
  const declaration = end === -1 ? rest : rest.slice(0, end + 1);
  if (/<!ENTITY/i.test(declaration) || end === -1) {
    throw new FeedParseError('not a feed: the document declares XML entities in a DOCTYPE, which is refused (entity expansion attack)');
  }
}

function refuseHtmlDocuments(xml: string): void {
  const root = /^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z][\w:.-]*)/i.exec(xml);
  if (root && root[1].toLowerCase() === 'html') {
    throw new FeedParseError('not a feed: got an HTML page, not RSS or Atom');
  }
}

function rewriteOutsideCdata(xml: string, rewrite: (plain: string) => string): string {
  const out: string[] = [];
  let position = 0;
  const special = /<!\[CDATA\[|<!--/g;
  let match: RegExpExecArray | null;
  while ((match = special.exec(xml))) {
    out.push(rewrite(xml.slice(position, match.index)));
    const terminator = match[0] === '<!--' ? '-->' : ']]>';
    const end = xml.indexOf(terminator, match.index + match[0].length);
    const stop = end === -1 ? xml.length : end + terminator.length;
    out.push(xml.slice(match.index, stop));
    position = special.lastIndex = stop;
  }
  out.push(rewrite(xml.slice(position)));
  return out.join('');
}

function fixAmpersands(plain: string): string {
  if (!plain.includes('&')) return plain;
  return plain.replace(/&(?:(#\d+|#x[0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*));|&/g, (whole, numeric, name) => {
    if (numeric) return whole;
    if (name) {
      if (XML_PREDEFINED.has(name)) return whole;
      const decoded = decodeHtmlEntity(name);
      if (decoded !== null) return [...decoded].map((c) => `&#${c.codePointAt(0)};`).join('');
      return `&amp;${name};`;
    }
    return '&amp;';
  });
}

const entityCache = new Map<string, string | null>();

/** Resolves an HTML named entity through the HTML parser itself, so the table is the complete HTML5 one. */
export function decodeHtmlEntity(name: string): string | null {
  if (entityCache.has(name)) return entityCache.get(name)!;
  let decoded: string | null = null;
  if (entityCache.size < 4096) {
    const { document } = parseHTML(`<!DOCTYPE html><html><body><p>&${name};</p></body></html>`);
    const text = document.body?.textContent ?? '';
    decoded = text && text !== `&${name};` ? text : null;
    entityCache.set(name, decoded);
  }
  return decoded;
}

const XHTML_CONSTRUCT = /<((?:[\w-]+:)?(?:content|summary|title|subtitle|rights))(\s[^>]*?)\btype\s*=\s*(["'])xhtml\3([^>]*)>/g;

function xhtmlConstructsToCdata(xml: string): string {
  if (!/type\s*=\s*["']xhtml["']/.test(xml)) return xml;
  const out: string[] = [];
  let position = 0;
  XHTML_CONSTRUCT.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = XHTML_CONSTRUCT.exec(xml))) {
    const [openTag, name, before, , after] = match;
    if (after.trimEnd().endsWith('/')) continue;
    const innerStart = match.index + openTag.length;
    const close = xml.indexOf(`</${name}>`, innerStart);
    if (close === -1) break;
    const inner = xml.slice(innerStart, close).replace(/]]>/g, ']]]]><![CDATA[>');
    out.push(xml.slice(position, match.index), `<${name}${before}type="html"${after}><![CDATA[${inner}]]>`);
    position = close;
    XHTML_CONSTRUCT.lastIndex = close;
  }
  out.push(xml.slice(position));
  return out.join('');
}
