import { markdownBlocks } from '../../lib/notebook/markdown-blocks';

/** A markdown cell when not being edited: headings, paragraphs, lists and code, as plain text (no HTML). */
export function MarkdownView({ source }: { source: string }) {
  const blocks = markdownBlocks(source);
  if (blocks.length === 0) return <p className="muted small">Empty markdown cell: press Enter to write.</p>;
  return (
    <div className="nb-markdown">
      {blocks.map((block, index) => {
        switch (block.kind) {
          case 'heading': {
            const Tag = (['h1', 'h2', 'h3', 'h4'] as const)[Math.min(block.level, 4) - 1] ?? 'h4';
            return <Tag key={index}>{block.text}</Tag>;
          }
          case 'code':
            return <pre key={index}>{block.text}</pre>;
          case 'list':
            return (
              <ul key={index}>
                {block.items.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ul>
            );
          case 'paragraph':
            return <p key={index}>{block.text}</p>;
        }
      })}
    </div>
  );
}
