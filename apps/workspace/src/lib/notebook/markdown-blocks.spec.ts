import { markdownBlocks } from './markdown-blocks';

describe('markdown blocks', () => {
  it('reads headings, paragraphs, lists and fenced code as text', () => {
    expect(markdownBlocks('# Title\nSome text\nmore\n\n- a\n- b\n```\nx = 1\n```')).toEqual([
      { kind: 'heading', level: 1, text: 'Title' },
      { kind: 'paragraph', text: 'Some text more' },
      { kind: 'list', items: ['a', 'b'] },
      { kind: 'code', text: 'x = 1' },
    ]);
  });

  it('keeps HTML as literal text', () => {
    expect(markdownBlocks('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'paragraph', text: '<img src=x onerror=alert(1)>' }]);
  });
});
