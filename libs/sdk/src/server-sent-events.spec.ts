import { readServerSentEvents, type ServerSentEvent } from './server-sent-events';

/** A byte stream that delivers `chunks` one read at a time, and says whether it was cancelled. */
function streamOf(chunks: Array<string | Uint8Array>) {
  const state = { cancelled: false };
  const encoder = new TextEncoder();
  const queue = [...chunks];
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(typeof next === 'string' ? encoder.encode(next) : next);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function readAll(chunks: Array<string | Uint8Array>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(streamOf(chunks).stream)) events.push(event);
  return events;
}

describe('readServerSentEvents', () => {
  it('reads named events with JSON data, skipping keepalive comments', async () => {
    const events = await readAll(['event: snapshot\ndata: {"a":1}\n\n: keepalive\n\nevent: epoch\ndata: {"b":2}\n\n']);

    expect(events).toEqual([
      { event: 'snapshot', data: '{"a":1}', id: '' },
      { event: 'epoch', data: '{"b":2}', id: '' },
    ]);
  });

  it('puts an event back together when a chunk ends anywhere inside it', async () => {
    const text = 'event: epoch\ndata: {"loss":0.5}\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      await expect(readAll([text.slice(0, cut), text.slice(cut)])).resolves.toEqual([{ event: 'epoch', data: '{"loss":0.5}', id: '' }]);
    }
  });

  it('accepts CRLF and lone CR line ends, also with CR and LF in different chunks', async () => {
    await expect(readAll(['event: a\r\ndata: 1\r', '\n\r\nevent: b\rdata: 2\r\r'])).resolves.toEqual([
      { event: 'a', data: '1', id: '' },
      { event: 'b', data: '2', id: '' },
    ]);
  });

  it('decodes a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: µ\n\n');
    await expect(readAll([bytes.slice(0, 7), bytes.slice(7)])).resolves.toEqual([{ event: 'message', data: 'µ', id: '' }]);
  });

  it('joins several data lines with a newline, keeps the last id, and drops an event without data', async () => {
    await expect(readAll(['id: 7\nevent: nothing\n\ndata:one\ndata:  two\n\n'])).resolves.toEqual([{ event: 'message', data: 'one\n two', id: '7' }]);
  });

  it('drops an event the stream ended before finishing', async () => {
    await expect(readAll(['event: a\ndata: 1\n\nevent: b\ndata: 2\n'])).resolves.toEqual([{ event: 'a', data: '1', id: '' }]);
  });

  it('closes the connection when the reader stops early', async () => {
    const { stream, state } = streamOf(['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n']);
    for await (const event of readServerSentEvents(stream)) {
      expect(event.data).toBe('1');
      break;
    }
    expect(state.cancelled).toBe(true);
  });
});
