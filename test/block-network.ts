import nock from 'nock';
import { afterEach } from 'vitest';

// Tests may reach loopback (the app under test, simulators) and nothing else.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});
