import { Writable } from 'node:stream';
import { createUploadProgress } from './upload-progress';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('upload progress', () => {
  describe('when standard error is not a terminal', () => {
    it('prints a line at most every interval, with the share sent and the rate', () => {
      const time = clock();
      const lines: string[] = [];
      const progress = createUploadProgress({ total: 4 * 1024 * 1024, write: (text) => lines.push(text), now: time.now, intervalMs: 2_000 });

      progress.update(1024 * 1024);
      time.advance(1_000);
      progress.update(1024 * 1024);
      time.advance(1_000);
      progress.update(2 * 1024 * 1024);
      time.advance(500);
      progress.update(3 * 1024 * 1024);

      expect(lines).toEqual(['  sent 2.0 MiB of 4.0 MiB (50%) at 1.0 MiB/s\n']);
    });

    it('ends with the total, the time it took, and what the server does next', () => {
      const time = clock();
      const lines: string[] = [];
      const progress = createUploadProgress({ total: 2048, write: (text) => lines.push(text), now: time.now });

      time.advance(400);
      progress.update(2048);
      progress.update(2048);
      progress.finish();

      expect(lines).toEqual(['  sent 2.0 KiB in 0.4 s (5.0 KiB/s); the catalog is profiling and validating it …\n']);
    });
  });

  describe('when standard error is a terminal', () => {
    it('draws a bar on it and writes nothing through the plain-line channel', () => {
      let drawn = '';
      const terminal = Object.assign(
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            drawn += chunk.toString();
            done();
          },
        }),
        { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
      );
      const lines: string[] = [];
      const progress = createUploadProgress({ total: 1000, terminal, write: (text) => lines.push(text) });

      progress.update(500);
      progress.update(1000);

      expect(lines).toEqual([]);
      expect(drawn).toContain('100%');
      expect(drawn).toContain('1000 B of 1000 B');
      expect(drawn).toContain('the catalog is profiling and validating it');
    });
  });
});
