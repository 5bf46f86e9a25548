import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'http' | 'xml' | 'utf8-valid' | 'fallback';

export interface DecodedText {
  text: string;
  /** Charset actually used to decode (iconv-lite name). */
  charset: string;
  source: CharsetSource;
}

// WHATWG maps these labels to windows-1252: real "ISO-8859-1" documents use 0x80–0x9F as cp1252 punctuation.
const LATIN1_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'cp819', 'ibm819', 'iso_8859-1']);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Normalises a charset label to an iconv-lite encoding name, or null when unknown. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const name = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!name) return null;
  if (UTF8_LABELS.has(name)) return 'utf-8';
  if (LATIN1_LABELS.has(name)) return 'windows-1252';
  return iconv.encodingExists(name) ? name : null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match ? match[2] : null;
}

/** The encoding named in an XML declaration, tolerating whitespace (even blank lines) before it. */
export function charsetFromXmlDeclaration(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  const match = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match ? match[1] : null;
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

// "<?" in UTF-16 without a BOM (allowed by XML 1.0 appendix F only with a BOM, but seen in the wild).
function utf16WithoutBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  return null;
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return true;
  return false;
}

function decodeWith(bytes: Uint8Array, charset: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset, { stripBOM: true });
}

/**
 * Bytes of a feed → text. Order: BOM, then the HTTP charset, then the XML declaration, then "is it valid UTF-8?",
 * else windows-1252 (undeclared Latin-1 is the common case, e.g. the UOL fixture).
 *
 * A declared UTF-8 that is not valid UTF-8 is not believed; and a single-byte charset from a server default
 * ("text/xml; charset=ISO-8859-1") loses to an XML declaration of UTF-8 when the bytes really are UTF-8.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): DecodedText {
  const bom = bomCharset(bytes);
  if (bom) {
    return { text: decodeWith(bytes.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: decodeWith(bytes, utf16), charset: utf16, source: 'xml' };

  const declared: { charset: string; source: CharsetSource }[] = [];
  const fromHttp = normaliseCharset(charsetFromContentType(contentType));
  if (fromHttp) declared.push({ charset: fromHttp, source: 'http' });
  const fromXml = normaliseCharset(charsetFromXmlDeclaration(bytes));
  if (fromXml) declared.push({ charset: fromXml, source: 'xml' });

  let utf8: string | null | undefined;
  const utf8Text = () => (utf8 === undefined ? (utf8 = tryUtf8(bytes)) : utf8);

  const first = declared[0];
  if (first && first.charset !== 'utf-8') {
    const utf8Declared = declared.find((d) => d.charset === 'utf-8');
    if (utf8Declared && hasNonAscii(bytes) && utf8Text() !== null) {
      return { text: utf8Text()!, charset: 'utf-8', source: utf8Declared.source };
    }
    return { text: decodeWith(bytes, first.charset), charset: first.charset, source: first.source };
  }
  if (first) {
    if (utf8Text() !== null) return { text: utf8Text()!, charset: 'utf-8', source: first.source };
    const other = declared.find((d) => d.charset !== 'utf-8');
    if (other) return { text: decodeWith(bytes, other.charset), charset: other.charset, source: other.source };
    return { text: decodeWith(bytes, 'windows-1252'), charset: 'windows-1252', source: 'fallback' };
  }
  if (utf8Text() !== null) return { text: utf8Text()!, charset: 'utf-8', source: 'utf8-valid' };
  return { text: decodeWith(bytes, 'windows-1252'), charset: 'windows-1252', source: 'fallback' };
}

/** Bytes of an HTML page → text: BOM, HTTP charset, <meta charset>, valid UTF-8, else windows-1252. */
export function decodeHtmlBytes(bytes: Uint8Array, contentType?: string | null): DecodedText {
  const bom = bomCharset(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };
  const fromHttp = normaliseCharset(charsetFromContentType(contentType));
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head);
  const fromMeta = normaliseCharset(meta?.[1]);
  const declared = fromHttp ?? fromMeta;
  const utf8 = tryUtf8(bytes);
  if (declared && declared !== 'utf-8' && !(utf8 !== null && hasNonAscii(bytes) && (fromHttp === 'utf-8' || fromMeta === 'utf-8'))) {
    return { text: decodeWith(bytes, declared), charset: declared, source: 'http' };
  }
  if (utf8 !== null) return { text: utf8, charset: 'utf-8', source: declared ? 'http' : 'utf8-valid' };
  return { text: decodeWith(bytes, 'windows-1252'), charset: 'windows-1252', source: 'fallback' };
}
