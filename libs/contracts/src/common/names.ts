import { z } from 'zod';

/**
 * Names of user-visible resources (datasets, feature views, models…): lower-case slugs that are safe
 * in URLs, NATS subjects and URNs. They never become file paths (storage keys are hashes or ids).
 */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const SlugSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(63, 'must be at most 63 characters')
  .regex(SLUG_PATTERN, 'must be a lower-case slug: a-z, 0-9 and inner hyphens, 1-63 characters');

export const TagSchema = z
  .string()
  .min(1)
  .max(40, 'a tag is at most 40 characters')
  .regex(/^[a-z0-9][a-z0-9._:-]*$/, 'a tag is lower-case letters, digits and . _ : -');

export const TagsSchema = z.array(TagSchema).max(32, 'at most 32 tags').default([]);

export const DescriptionSchema = z.string().max(4000, 'a description is at most 4000 characters');

export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
