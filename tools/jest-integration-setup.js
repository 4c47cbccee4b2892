// Integration tests start real servers and processes: give them time, but never unbounded.
jest.setTimeout(60_000);
