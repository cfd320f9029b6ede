/**
 * Removes access tokens from text that may end up in an error message, a log line or the UI.
 * The known secret is removed verbatim; anything shaped like a Meta token or an `access_token`
 * (or `/debug_token`'s `input_token`) parameter is removed too, because Meta's own error messages
 * sometimes echo the token back.
 */
const TOKEN_PARAMETER = /((?:access|input)_token=)[^&\s"']+/gi;
const BEARER_VALUE = /(bearer\s+)[^\s"']+/gi;
const META_TOKEN_SHAPE = /\bEA[A-Za-z0-9]{20,}/g;

export const REDACTED = '[redacted]';

export function redactSecrets(text: string, knownSecret?: string): string {
  const withoutSecret =
    knownSecret && knownSecret.length > 0 ? text.split(knownSecret).join(REDACTED) : text;
  return withoutSecret
    .replace(TOKEN_PARAMETER, `$1${REDACTED}`)
    .replace(BEARER_VALUE, `$1${REDACTED}`)
    .replace(META_TOKEN_SHAPE, REDACTED);
}
