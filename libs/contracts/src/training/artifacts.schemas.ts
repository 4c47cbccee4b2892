import { z } from 'zod';

/** A stored model artifact: one content-addressed blob holding the tfjs files, preprocessing and signature. */
export const ArtifactRefSchema = z.strictObject({
  key: z.string().regex(/^sha256\/[0-9a-f]{64}$/, 'must be a sha256 blob key'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(1),
});
export type ArtifactRef = z.infer<typeof ArtifactRefSchema>;
