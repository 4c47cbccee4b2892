/**
 * What an upload can read its bytes from: a web stream (a browser File's `stream()`), any async
 * iterable of byte chunks (a Node `fs.ReadStream`), or a Blob/File, which is handed to fetch whole.
 */
export type UploadSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Blob;

interface ChunkReader {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

/** A counted body for fetch, and the way to let go of its source once the answer is in. */
export interface CountedBody {
  stream: ReadableStream<Uint8Array>;
  /**
   * Closes the source if it was not read to the end. fetch stops reading a body when the server
   * answers early (a 404, a 413) but does not cancel it, which would leave a file open.
   */
  release(): Promise<void>;
}

/**
 * A stream of `source`'s chunks that reports the running byte count as fetch takes each chunk. It
 * pulls one chunk only when fetch asks for one (no read-ahead), so the count follows what the HTTP
 * connection has accepted, and a file of any size passes through a chunk at a time.
 */
export function countingStream(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  listeners: {
    onProgress: (sent: number) => void;
    /** fetch reports a failing body as "fetch failed", like a network error: this names the real cause. */
    onSourceError: (error: unknown) => void;
  },
): CountedBody {
  const reader = chunkReader(source);
  let sent = 0;
  let finished = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: Awaited<ReturnType<ChunkReader['read']>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          finished = true;
          listeners.onSourceError(error);
          throw error;
        }
        if (chunk.done) {
          finished = true;
          controller.close();
          return;
        }
        if (!(chunk.value instanceof Uint8Array)) {
          // A Node stream opened with an encoding yields strings: their byte count is not their length.
          const error = new TypeError('an upload source must yield bytes (Uint8Array), not text; open the file without an encoding');
          listeners.onSourceError(error);
          throw error;
        }
        sent += chunk.value.byteLength;
        controller.enqueue(chunk.value);
        listeners.onProgress(sent);
      },
      cancel: (reason) => {
        finished = true;
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return {
    stream,
    release: async () => {
      if (finished) return;
      finished = true;
      await reader.cancel(new Error('the server answered before the whole body was sent'));
    },
  };
}

function chunkReader(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): ChunkReader {
  // Safari's ReadableStream is not async-iterable, so web streams are read with a reader.
  if (isReadableStream(source)) {
    const reader = source.getReader();
    return {
      read: async () => {
        const result = await reader.read();
        return result.done ? { done: true } : { done: false, value: result.value };
      },
      cancel: (reason) => reader.cancel(reason),
    };
  }
  const iterator = source[Symbol.asyncIterator]();
  return {
    read: async () => {
      const result = await iterator.next();
      return result.done ? { done: true } : { done: false, value: result.value };
    },
    cancel: async () => {
      await iterator.return?.();
    },
  };
}

function isReadableStream(source: unknown): source is ReadableStream<Uint8Array> {
  return typeof (source as { getReader?: unknown }).getReader === 'function';
}

export function isBlob(source: UploadSource): source is Blob {
  return typeof Blob !== 'undefined' && source instanceof Blob;
}
