import { htmlOutputDocument, htmlOutputHeight } from '../../lib/notebook/html-output';

/** A text/html output in a frame that can run nothing and reach nothing (see lib/notebook/html-output). */
export function HtmlOutput({ html }: { html: string }) {
  return (
    <iframe
      className="nb-html-output"
      title="HTML output"
      sandbox=""
      referrerPolicy="no-referrer"
      srcDoc={htmlOutputDocument(html)}
      style={{ height: htmlOutputHeight(html) }}
    />
  );
}
