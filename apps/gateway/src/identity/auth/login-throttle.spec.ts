import { LoginThrottle } from './login-throttle';

describe('login throttle', () => {
  it('blocks a username after ten failures within fifteen minutes', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 9; i++) throttle.recordFailure('alice', 1_000 + i);
    expect(throttle.isBlocked('alice', 2_000)).toBe(false);
    throttle.recordFailure('alice', 2_000);
    expect(throttle.isBlocked('alice', 2_001)).toBe(true);
    expect(throttle.isBlocked('bob', 2_001)).toBe(false);
  });

  it('forgets failures older than the window', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 10; i++) throttle.recordFailure('alice', 0);
    expect(throttle.isBlocked('alice', 15 * 60_000 + 1)).toBe(false);
  });

  it('clears the count on a successful sign-in', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 10; i++) throttle.recordFailure('alice', 0);
    throttle.reset('alice');
    expect(throttle.isBlocked('alice', 1)).toBe(false);
  });
});
