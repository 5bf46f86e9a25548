import { htmlToText } from '@stancewatch/feeds/text/html-to-text';

describe('htmlToText', () => {
  it('keeps paragraph boundaries as blank lines and joins inline markup with spaces', () => {
    const html = '<p>The minister <b>said</b> the plan <a href="/x">will</a> go ahead.</p><p>Second paragraph.</p>';
    expect(htmlToText(html)).toBe('The minister said the plan will go ahead.\n\nSecond paragraph.');
  });

  it('puts list items, headings and <br> on their own lines', () => {
    const html = '<h2>Budget</h2><ul><li>Cut taxes</li><li>Raise spending</li></ul>first line<br>second line<br/>third';
    expect(htmlToText(html)).toBe('Budget\n\nCut taxes\nRaise spending\n\nfirst line\nsecond line\nthird');
  });

  it('decodes named, decimal and hex entities, including the double-escaped ones found in CDATA', () => {
    expect(htmlToText('Fish &amp; chips&nbsp;&#039;today&#x27; &eacute;t&eacute; &lt;tag&gt;')).toBe(
      "Fish & chips 'today' été <tag>",
    );
  });

  it('drops script, style, nav, noscript, forms and hidden elements', () => {
    const html =
      '<nav><a href="/">Home</a></nav><style>p{color:red}</style><script>alert("x")</script>' +
      '<noscript>Enable JS</noscript><p>Body text.</p><div hidden>secret</div><div style="display: none">gone</div>' +
      '<form><button>Subscribe</button></form>';
    expect(htmlToText(html)).toBe('Body text.');
  });

  it('collapses whitespace and newlines inside paragraphs, as a browser does', () => {
    expect(htmlToText('<p>  one\n  two\r\n\tthree  </p>\n\n\n<p>four</p>')).toBe('one two three\n\nfour');
  });

  it('keeps preformatted text as written', () => {
    expect(htmlToText('<p>Code:</p><pre>a  = 1\nb  = 2</pre>')).toBe('Code:\n\na  = 1\nb  = 2');
  });

  it('puts table rows on lines and separates cells', () => {
    expect(htmlToText('<table><tr><th>Year</th><th>Target</th></tr><tr><td>2030</td><td>-55%</td></tr></table>')).toBe(
      'Year\tTarget\n2030\t-55%',
    );
  });

  it('handles a whole page with head and body', () => {
    const page =
      '<!DOCTYPE html><html><head><title>T</title><script>x()</script></head>' +
      '<body><nav>Menu</nav><article><h1>Title</h1><p>Para one.</p><p>Para two.</p></article></body></html>';
    expect(htmlToText(page)).toBe('Title\n\nPara one.\n\nPara two.');
  });

  it('keeps non-Latin text intact and ignores images', () => {
    expect(htmlToText('<img src="a.jpg" alt="x">Привет, мир<br />Olá, ação')).toBe('Привет, мир\nOlá, ação');
  });

  it('treats plain text (no markup) as text and empty input as empty', () => {
    expect(htmlToText('Just a sentence. Another one.')).toBe('Just a sentence. Another one.');
    expect(htmlToText('')).toBe('');
    expect(htmlToText('   ')).toBe('');
  });

  it('survives malformed markup', () => {
    expect(htmlToText('<p>open <b>bold <i>both</p><p>next')).toBe('open bold both\n\nnext');
  });

  it('strips soft hyphens and zero-width characters', () => {
    expect(htmlToText('Regie\u00adrung\u200b plant')).toBe('Regierung plant');
  });
});
