import { parseHTML } from 'linkedom';

/**
 * HTML (a feed description, content:encoded, or a whole page) → plain text for sentence extraction.
 *
 * Block boundaries survive as a blank line, list items / table rows / <br> as a single newline, so that
 * downstream sentence splitting never glues the end of one paragraph to the start of the next.
 */
export function htmlToText(html: string): string {
  if (!html) return '';
  const root = parseToRoot(html);
  if (!root) return '';
  const sink = new TextSink();
  walk(root, sink, false);
  return sink.finish();
}

// Elements whose content is never article text.
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'nav', 'iframe', 'object', 'embed',
  'svg', 'math', 'canvas', 'video', 'audio', 'map', 'form', 'button', 'select', 'input', 'textarea', 'label', 'dialog',
]);

// Elements that start and end a paragraph-like block (blank line around them).
const PARAGRAPH_BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'pre', 'address', 'figure',
  'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'table', 'hr', 'fieldset', 'details', 'summary',
  'center', 'body', 'html',
]);

// Elements that sit on their own line but are not separated by a blank line from their siblings.
const LINE_BLOCKS = new Set(['li', 'dt', 'dd', 'tr', 'caption', 'option']);

const TABLE_CELLS = new Set(['td', 'th']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

interface DomNode {
  nodeType: number;
  localName?: string;
  nodeValue?: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

function parseToRoot(html: string): DomNode | null {
  // linkedom only builds a sane tree for whole documents; fragments (the usual feed case) are wrapped.
  const isDocument = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype|html)[\s>]/i.test(html);
  const source = isDocument ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(source);
  return (document.body ?? document.documentElement ?? null) as unknown as DomNode | null;
}

function walk(node: DomNode, sink: TextSink, inPre: boolean): void {
  const children = node.childNodes;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_NODE) {
      const value = child.nodeValue ?? '';
      if (inPre) sink.preformatted(value);
      else sink.text(value);
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const name = (child.localName ?? '').toLowerCase();
    if (DROPPED.has(name) || isHidden(child)) continue;
    if (name === 'br') {
      sink.lineBreak(1);
      continue;
    }
    if (name === 'hr') {
      sink.lineBreak(2);
      continue;
    }
    if (name === 'img') continue;
    const breakLevel = PARAGRAPH_BLOCKS.has(name) ? 2 : LINE_BLOCKS.has(name) ? 1 : 0;
    if (breakLevel) sink.lineBreak(breakLevel);
    if (TABLE_CELLS.has(name)) sink.cellSeparator();
    walk(child, sink, inPre || name === 'pre');
    if (breakLevel) sink.lineBreak(breakLevel);
  }
}

function isHidden(element: DomNode): boolean {
  const get = element.getAttribute;
  if (!get) return false;
  if (get.call(element, 'hidden') !== null) return true;
  if (get.call(element, 'aria-hidden') === 'true') return true;
  const role = get.call(element, 'role');
  if (role === 'navigation') return true;
  const style = get.call(element, 'style');
  return !!style && /display\s*:\s*none/i.test(style);
}

// Characters that render as nothing (soft hyphen, zero-width space/joiners, BOM).
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** Accumulates text while collapsing whitespace the way a browser renders it. */
class TextSink {
  private out = '';
  private pendingBreak = 0;
  private pendingSpace = false;
  private pendingCell = false;

  text(raw: string): void {
    const value = raw.replace(INVISIBLE, '');
    if (!value) return;
    const collapsed = value.replace(/\s+/g, ' ');
    const body = collapsed.trim();
    if (!body) {
      if (this.out) this.pendingSpace = true;
      return;
    }
    this.emitSeparator(collapsed.startsWith(' '));
    this.out += body;
    this.pendingSpace = collapsed.endsWith(' ');
  }

  preformatted(raw: string): void {
    const value = raw.replace(INVISIBLE, '').replace(/\r\n?/g, '\n');
    if (!value.trim()) {
      if (value.includes('\n')) this.lineBreak(1);
      return;
    }
    this.emitSeparator(false);
    this.out += value.replace(/[ \t\u00a0]+$/gm, '');
    this.pendingSpace = false;
  }

  lineBreak(level: number): void {
    if (this.out) this.pendingBreak = Math.max(this.pendingBreak, level);
    this.pendingCell = false;
  }

  cellSeparator(): void {
    this.pendingCell = true;
  }

  finish(): string {
    return this.out
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }

  private emitSeparator(leadingSpace: boolean): void {
    if (!this.out) {
      this.pendingBreak = 0;
      this.pendingCell = false;
      return;
    }
    if (this.pendingBreak) {
      this.out += this.pendingBreak >= 2 ? '\n\n' : '\n';
    } else if (this.pendingCell && !this.out.endsWith('\n')) {
      this.out += '\t';
    } else if ((this.pendingSpace || leadingSpace) && !this.out.endsWith('\n')) {
      this.out += ' ';
    }
    this.pendingBreak = 0;
    this.pendingSpace = false;
    this.pendingCell = false;
  }
}
