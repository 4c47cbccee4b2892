/**
 * text/html outputs (a DataFrame's table, a library's widget) are shown in an iframe with `sandbox=""`:
 * no scripts, an opaque origin, no forms or navigation. Scripts, frames, event handlers and
 * javascript: URLs are also taken out, and a CSP in the document refuses every request (no tracking
 * pixels, no remote styles): images may only be inline data.
 */

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const DANGEROUS = 'script|iframe|frame|frameset|object|embed|applet|base|meta|link|form|noscript|template';
/** An element with its content (`<script>…</script>`), then any such tag left alone (`<embed …>`, a stray `</script>`). */
const DANGEROUS_PAIRS = new RegExp(`<\\s*(${DANGEROUS})\\b[\\s\\S]*?<\\s*\\/\\s*\\1\\s*>`, 'gi');
const DANGEROUS_TAGS = new RegExp(`<\\s*\\/?\\s*(${DANGEROUS})\\b[^>]*>`, 'gi');
const EVENT_HANDLERS = /\s+on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi;
const SCRIPT_URLS = /\s+(href|src|xlink:href|action|formaction)\s*=\s*(?:"\s*(?:javascript|vbscript|data:text\/html)[^"]*"|'\s*(?:javascript|vbscript|data:text\/html)[^']*'|(?:javascript|vbscript):[^\s>]*)/gi;

export function sanitizeHtml(html: string): string {
  let out = html;
  // Repeat until stable, so a tag hidden inside another (`<scr<script>ipt>`) cannot reassemble.
  for (let previous = ''; previous !== out; ) {
    previous = out;
    out = out.replace(DANGEROUS_PAIRS, '').replace(DANGEROUS_TAGS, '').replace(EVENT_HANDLERS, '').replace(SCRIPT_URLS, '');
  }
  return out;
}

/** The iframe's whole document: the sanitized fragment, a CSP that allows no requests, plain styles. */
export function htmlOutputDocument(html: string): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">` +
    '<style>body{margin:0;padding:4px;font:13px ui-sans-serif,system-ui,sans-serif;color:#1d2330}' +
    'table{border-collapse:collapse}th,td{border:1px solid #e4e7ee;padding:3px 8px;text-align:right}' +
    'thead th{background:#fafbfc}</style></head><body>' +
    sanitizeHtml(html) +
    '</body></html>'
  );
}

/** A height the frame starts at (it cannot measure its own content without scripts): rows × line height. */
export function htmlOutputHeight(html: string): number {
  const rows = (html.match(/<tr\b/gi) ?? []).length;
  const lines = (html.match(/<(p|div|br|li|h[1-6])\b/gi) ?? []).length;
  return Math.max(48, Math.min(480, 24 + rows * 27 + lines * 20));
}
