/** One dispatched server-sent event: its type (`message` when the server named none) and its data. */
export interface ServerSentEvent {
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The last `id:` seen on the stream, as the spec carries it forward; '' when none. */
  id: string;
}

/**
 * Reads a `text/event-stream` body as the HTML standard's parser does: lines end in CRLF, LF or CR (also
 * when split across chunks), `:` lines are comments (keepalives), a field's value loses one leading
 * space, and a blank line dispatches the event if it has data. Works on any web ReadableStream, so the
 * same code follows a job from Node and from a browser, where EventSource cannot send Authorization.
 */
export async function* readServerSentEvents(stream: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const parser = new EventStreamParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      yield* parser.push(text);
      if (done) break;
    }
    // A last event without its blank line is incomplete: the standard drops it, and so do we.
  } finally {
    // Leaving the loop early (a consumer that stops listening) must close the connection.
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

class EventStreamParser {
  private buffer = '';
  /** A chunk ended in CR: if the next starts with LF, that LF belongs to the same line end. */
  private pendingCr = false;
  private eventType = '';
  private data: string[] = [];
  private lastId = '';

  *push(text: string): Generator<ServerSentEvent> {
    let chunk = text;
    if (this.pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.pendingCr = false;
    this.buffer += chunk;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const char = this.buffer[i];
      if (char !== '\n' && char !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (char === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
      const event = this.line(line);
      if (event) yield event;
    }
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): ServerSentEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      default:
        // `retry` and unknown fields: nothing a reader that reconnects on its own terms needs.
        break;
    }
    return null;
  }

  private dispatch(): ServerSentEvent | null {
    const event = this.data.length === 0 ? null : { event: this.eventType || 'message', data: this.data.join('\n'), id: this.lastId };
    this.eventType = '';
    this.data = [];
    return event;
  }
}
