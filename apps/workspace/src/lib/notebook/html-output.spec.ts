import { htmlOutputDocument, htmlOutputHeight, sanitizeHtml } from './html-output';

describe('html outputs', () => {
  it('keeps a DataFrame table', () => {
    const table = '<table class="dataframe"><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>';
    expect(sanitizeHtml(table)).toBe(table);
  });

  it('takes out scripts, frames, handlers and javascript: links', () => {
    expect(sanitizeHtml('<b>x</b><script>alert(1)</script>')).toBe('<b>x</b>');
    expect(sanitizeHtml('<img src="data:image/png;base64,AA" onerror="alert(1)">')).toBe('<img src="data:image/png;base64,AA">');
    expect(sanitizeHtml('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeHtml('<iframe src="https://evil"></iframe><object data="x"></object>')).toBe('');
    expect(sanitizeHtml('<scr<script></script>ipt>alert(1)</script>')).not.toMatch(/<script/i);
  });

  it('wraps the fragment in a document whose CSP allows no requests', () => {
    const document = htmlOutputDocument('<p>hi</p>');
    expect(document).toContain("default-src 'none'");
    expect(document).toContain('<p>hi</p>');
  });

  it('sizes the frame by its rows, within bounds', () => {
    expect(htmlOutputHeight('<p>x</p>')).toBeGreaterThanOrEqual(48);
    expect(htmlOutputHeight('<tr>'.repeat(5))).toBeGreaterThan(htmlOutputHeight('<tr>'));
    expect(htmlOutputHeight('<tr>'.repeat(1000))).toBe(480);
  });
});
