import * as z from 'zod/mini';
import { boundedString } from './bounded';

/** A BCP 47 tag as a page declares it in `<html lang>`. */
export const LanguageTagSchema = z
  .string()
  .check(z.regex(/^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8}){0,4}$/));

export const CatalogueRequestSchema = z.strictObject({ language: LanguageTagSchema });

const MAX_MESSAGES = 2_000;
const MESSAGE_MAX_LENGTH = 2_000;

/**
 * The catalogue for that language as `[key, message]` pairs (bounded strings and counts) (the schema library's record type
 * would add half a kilobyte to the content script), or null when Adlens has none.
 */
export const CatalogueResponseSchema = z.strictObject({
  messages: z.nullable(
    z.array(z.array(boundedString(MESSAGE_MAX_LENGTH))).check(z.maxLength(MAX_MESSAGES)),
  ),
});
