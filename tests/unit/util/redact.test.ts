import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '@/lib/util/redact';

describe('redactSecrets', () => {
  it('removes the known secret wherever it appears', () => {
    expect(redactSecrets('a s3cret-value b s3cret-value', 's3cret-value')).toBe(
      `a ${REDACTED} b ${REDACTED}`,
    );
  });

  it('removes access_token parameters, bearer values and Meta-shaped tokens', () => {
    const text =
      'GET /me?access_token=abc123&fields=id Authorization: Bearer xyz Malformed access token EAABsbCS1iHgBAKZBZBxyz1234567890';
    const redacted = redactSecrets(text);
    expect(redacted).not.toMatch(/abc123|xyz|EAABsbCS1iHg/);
    expect(redacted).toContain('fields=id');
  });

  it('removes the input_token of a /debug_token call', () => {
    expect(redactSecrets('/debug_token?input_token=abc123')).toBe(
      `/debug_token?input_token=${REDACTED}`,
    );
  });

  it('leaves ordinary text alone', () => {
    expect(redactSecrets('Invalid OAuth access token.')).toBe('Invalid OAuth access token.');
  });
});
