import * as z from 'zod/mini';

export const ACCESS_TOKEN_MAX_LENGTH = 4096;

/**
 * A Graph API access token as Adlens accepts it: printable ASCII without spaces, so it can only
 * ever travel in an `Authorization` header and never smuggle a header or a parameter in.
 */
export const AccessTokenSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(ACCESS_TOKEN_MAX_LENGTH), z.regex(/^[\x21-\x7E]+$/));
