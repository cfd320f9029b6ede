import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createGraphClient, followablePagingUrl, graphUrl, MAX_RETRIES } from '@/lib/graph/client';
import { GraphError } from '@/lib/graph/errors';
import { fetchAdAccounts, fetchCurrentUser, revokeAppAuthorization } from '@/lib/graph/me';
import { GRAPH_API_VERSION } from '@/lib/graph/version';
import { fakeGraph, fakeTiming, scripted, type FakeReply } from '@/tests/support/graph-stand-in';

const TOKEN = 'EAABclientTestToken0123456789abcdef';

type Reply = FakeReply | Error;

/** Replies in order, whatever is asked. */
function fakeFetch(...replies: Reply[]) {
  return fakeGraph(scripted(...replies)).fetch;
}

function requestedUrls(fetch: ReturnType<typeof fakeFetch>): URL[] {
  return fetch.mock.calls.map(([url]) => url);
}

async function graphError(promise: Promise<unknown>): Promise<GraphError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

const adAccount = (n: number) => ({
  id: `act_${n}`,
  account_id: String(n),
  name: `Account ${n}`,
  currency: 'USD',
  timezone_name: 'America/Los_Angeles',
  timezone_offset_hours_utc: -8,
  account_status: 1,
});

describe('requests', () => {
  it('sends the token in the Authorization header only, to graph.facebook.com', async () => {
    const fetch = fakeFetch({ body: { id: '42', name: 'Ada' } });
    const graph = createGraphClient({ accessToken: TOKEN, fetch });
    await expect(fetchCurrentUser(graph)).resolves.toEqual({ id: '42', name: 'Ada' });

    const [url, init] = fetch.mock.calls[0]!;
    expect(url.origin).toBe('https://graph.facebook.com');
    expect(url.pathname).toBe(`/${GRAPH_API_VERSION}/me`);
    expect(url.searchParams.get('fields')).toBe('id,name');
    expect(url.href).not.toContain(TOKEN);
    expect(url.searchParams.has('access_token')).toBe(false);
    expect(init.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}` });
    expect(init).toMatchObject({ method: 'GET', credentials: 'omit', redirect: 'error' });
  });

  it('encodes fields as a comma list and objects as JSON', () => {
    const url = graphUrl('/act_1/insights', {
      fields: ['spend', 'actions'],
      params: {
        time_range: { since: '2026-11-01', until: '2026-11-21' },
        breakdowns: ['age'],
        limit: 100,
      },
    });
    expect(url.searchParams.get('fields')).toBe('spend,actions');
    expect(url.searchParams.get('time_range')).toBe('{"since":"2026-11-01","until":"2026-11-21"}');
    expect(url.searchParams.get('breakdowns')).toBe('["age"]');
    expect(url.searchParams.get('limit')).toBe('100');
  });

  it('never puts a token in the query, nor builds paths from odd input', () => {
    expect(() => graphUrl('/me', { params: { access_token: TOKEN } })).toThrow();
    for (const path of [
      'me',
      '/me?x=1',
      '/../me',
      'https://evil.example/me',
      '//evil.example/me',
    ]) {
      expect(() => graphUrl(path), path).toThrow();
    }
  });

  it('rejects a response that does not match its schema', async () => {
    const fetch = fakeFetch({ body: { id: 42, name: ['Ada'] } });
    const error = await graphError(
      fetchCurrentUser(createGraphClient({ accessToken: TOKEN, fetch })),
    );
    expect(error.kind).toBe('invalid-response');
  });

  it('treats a 200 without JSON as an invalid response', async () => {
    const fetch = fakeFetch({ body: '<html>maintenance</html>' });
    const error = await graphError(
      fetchCurrentUser(createGraphClient({ accessToken: TOKEN, fetch })),
    );
    expect(error.kind).toBe('invalid-response');
  });

  it('parses a Graph error and strips the token from it', async () => {
    const fetch = fakeFetch({
      status: 400,
      body: {
        error: {
          message: `Malformed access token ${TOKEN}`,
          type: 'OAuthException',
          code: 190,
          fbtrace_id: 'Abc',
        },
      },
    });
    const error = await graphError(
      fetchCurrentUser(createGraphClient({ accessToken: TOKEN, fetch })),
    );
    expect(error.kind).toBe('auth');
    expect(error.info.fbtraceId).toBe('Abc');
    expect(error.message).not.toContain(TOKEN);
  });

  it('reports a network failure as transient without echoing the cause', async () => {
    const failure = new TypeError(`Invalid header value Bearer ${TOKEN}`);
    const fetch = fakeFetch(...new Array<Reply>(MAX_RETRIES + 1).fill(failure));
    const { timing } = fakeTiming();
    const error = await graphError(
      fetchCurrentUser(createGraphClient({ accessToken: TOKEN, fetch, timing })),
    );
    expect(error.kind).toBe('transient');
    expect(error.message).not.toContain(TOKEN);
    expect(fetch).toHaveBeenCalledTimes(MAX_RETRIES + 1);
  });

  it('revokes with DELETE /me/permissions', async () => {
    const fetch = fakeFetch({ body: { success: true } });
    await expect(
      revokeAppAuthorization(createGraphClient({ accessToken: TOKEN, fetch })),
    ).resolves.toBe(true);
    expect(fetch.mock.calls[0]![1].method).toBe('DELETE');
    expect(requestedUrls(fetch)[0]!.pathname).toBe(`/${GRAPH_API_VERSION}/me/permissions`);
  });
});

describe('paging', () => {
  it('follows paging.next until it is absent, dropping any access_token it carries', async () => {
    const fetch = fakeFetch(
      {
        body: {
          data: [adAccount(1)],
          paging: {
            next: `https://graph.facebook.com/${GRAPH_API_VERSION}/me/adaccounts?after=a&access_token=leak`,
          },
        },
      },
      // An empty page with a next link is not the end.
      {
        body: {
          data: [],
          paging: {
            next: `https://graph.facebook.com:4431/${GRAPH_API_VERSION}/me/adaccounts?after=b`,
          },
        },
      },
      { body: { data: [{ ...adAccount(2), business: { id: '9', name: 'Biz' } }], paging: {} } },
    );
    const accounts = await fetchAdAccounts(createGraphClient({ accessToken: TOKEN, fetch }));
    expect(accounts.map((account) => account.accountId)).toEqual(['act_1', 'act_2']);
    expect(accounts[1]).toMatchObject({ businessId: '9', businessName: 'Biz', currency: 'USD' });

    const urls = requestedUrls(fetch);
    expect(urls).toHaveLength(3);
    expect(urls[0]!.searchParams.get('fields')).toBe(
      'id,account_id,name,currency,timezone_name,timezone_offset_hours_utc,account_status,business{id,name}',
    );
    expect(urls[1]!.searchParams.get('after')).toBe('a');
    expect(urls.some((url) => url.searchParams.has('access_token'))).toBe(false);
    expect(urls[2]!.port).toBe('4431');
  });

  it.each([
    'https://evil.example/v26.0/me/adaccounts?after=x',
    'http://graph.facebook.com/v26.0/me/adaccounts?after=x',
    'https://graph.facebook.com.evil.example/v26.0/me/adaccounts',
    'https://user:pass@graph.facebook.com/v26.0/me/adaccounts',
    'javascript:alert(1)',
    'not a url',
  ])('refuses to follow %s', async (next) => {
    const fetch = fakeFetch({ body: { data: [adAccount(1)], paging: { next } } });
    const error = await graphError(
      fetchAdAccounts(createGraphClient({ accessToken: TOKEN, fetch })),
    );
    expect(error.kind).toBe('invalid-response');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('stops a paging loop', async () => {
    const next = `https://graph.facebook.com/${GRAPH_API_VERSION}/me/adaccounts?after=same`;
    const page = { body: { data: [], paging: { next } } };
    const fetch = fakeFetch(page, page, page);
    const error = await graphError(
      createGraphClient({ accessToken: TOKEN, fetch }).getAll('/me/adaccounts', z.unknown()),
    );
    expect(error.kind).toBe('invalid-response');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('rejects a page with a malformed item', async () => {
    const fetch = fakeFetch({ body: { data: [{ ...adAccount(1), currency: 'dollars' }] } });
    const error = await graphError(
      fetchAdAccounts(createGraphClient({ accessToken: TOKEN, fetch })),
    );
    expect(error.kind).toBe('invalid-response');
  });
});

describe('followablePagingUrl', () => {
  it('keeps graph.facebook.com links and their cursor', () => {
    const url = followablePagingUrl(
      'https://graph.facebook.com/v26.0/me/adaccounts?after=QVFI#frag',
    );
    expect(url?.href).toBe('https://graph.facebook.com/v26.0/me/adaccounts?after=QVFI');
  });
});
