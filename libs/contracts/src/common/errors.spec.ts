import { z } from 'zod';
import { toValidationIssues } from './errors';
import { CreateDatasetRequestSchema } from '../catalog/datasets.schemas';

describe('toValidationIssues', () => {
  it('names each unknown key as its own field', () => {
    const result = CreateDatasetRequestSchema.safeParse(JSON.parse('{"name":"ok","__proto__":{"x":1},"owner":"m"}'));
    expect(result.success).toBe(false);
    const issues = toValidationIssues((result as { error: z.ZodError }).error);
    expect(issues.map((issue) => issue.field).sort()).toEqual(['__proto__', 'owner']);
  });

  it('names nested fields with dotted paths and the body itself as (root)', () => {
    const schema = z.object({ tags: z.array(z.string()) });
    const nested = schema.safeParse({ tags: ['a', 2] });
    const root = schema.safeParse('not an object');
    expect(toValidationIssues((nested as { error: z.ZodError }).error)[0]?.field).toBe('tags.1');
    expect(toValidationIssues((root as { error: z.ZodError }).error)[0]?.field).toBe('(root)');
  });
});
