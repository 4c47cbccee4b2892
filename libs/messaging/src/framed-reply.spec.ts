import { frameReply, unframeReply } from './framed-reply';

describe('framed replies', () => {
  it("are Nest's reply envelope, so any Nest-format caller reads them", () => {
    const response = { features: ['v:f'], views: ['v'], results: [{ entity: { id: 'é-1' }, values: [1.5], statuses: ['present'], eventTimestamps: [null] }] };
    expect(JSON.parse(frameReply(JSON.stringify(response)).toString('utf8'))).toEqual({ response, isDisposed: true });
  });

  it('give back exactly the response bytes, multi-byte characters included', () => {
    const json = JSON.stringify({ name: 'naïve ✓', n: [1, 2, 3] });
    const body = unframeReply(frameReply(json));
    expect(body).not.toBeNull();
    expect(Buffer.from(body!).toString('utf8')).toBe(json);
  });

  it('are not mistaken for other replies: errors, unframed successes, truncated or padded frames', () => {
    const framed = frameReply('{"a":1}');
    for (const reply of [
      '{"err":{"code":"internal","message":"x"},"isDisposed":true}',
      '{"isDisposed":true,"response":{"a":1}}',
      '{"response":{"a":1},"isDisposed":true,"id":"1"}',
      '{"response":,"isDisposed":true}',
      '',
    ]) {
      expect(unframeReply(Buffer.from(reply))).toBeNull();
    }
    expect(unframeReply(framed.subarray(0, framed.length - 1))).toBeNull();
    expect(unframeReply(Buffer.concat([Buffer.from(' '), framed]))).toBeNull();
  });
});
