/** response_url: 5 uses within 30 minutes, on a clock the test drives. */
import {
  RESPONSE_URL_LIFETIME_MS,
  RESPONSE_URL_MAX_USES,
  ResponseUrls,
} from '../../../../src/sandbox/slack/response-urls';

describe('ResponseUrls', () => {
  const target = { channel: 'C1', user: 'U1' };

  it('takes 5 uses, then answers used_url', () => {
    const urls = new ResponseUrls(() => 0);
    const id = urls.issue(target);
    for (let i = 0; i < RESPONSE_URL_MAX_USES; i++) expect(urls.use(id)).toEqual({ ok: true, target });
    expect(urls.use(id)).toEqual({ ok: false, error: 'used_url', target });
  });

  it('works until 30 minutes have passed, then answers expired_url', () => {
    let t = 1_000;
    const urls = new ResponseUrls(() => t);
    const id = urls.issue(target);
    t += RESPONSE_URL_LIFETIME_MS;
    expect(urls.use(id).ok).toBe(true);
    t += 1;
    expect(urls.use(id)).toEqual({ ok: false, error: 'expired_url', target });
  });

  it('does not know ids it never issued', () => {
    expect(new ResponseUrls().use('nope')).toEqual({ ok: false, error: 'expired_url' });
  });
});
