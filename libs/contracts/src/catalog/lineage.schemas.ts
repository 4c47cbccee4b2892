import { z } from 'zod';

/**
 * The lineage graph, owned by the catalog. Nodes are URNs of the artifacts of every service; edges run
 * from an input (upstream) to what was made from it (downstream). Services publish edges by putting a
 * `lineage` field (LineageFieldSchema) in any event on GALLEY_EVENTS; the catalog records them.
 */

export const LINEAGE_NODE_KINDS = ['dataset', 'featureview', 'featureservice', 'trainingset', 'run', 'model', 'deployment'] as const;
export const LineageNodeKindSchema = z.enum(LINEAGE_NODE_KINDS);
export type LineageNodeKind = z.infer<typeof LineageNodeKindSchema>;

/** `kind:name` or `kind:name@version`, e.g. `dataset:iris@3`, `run:5f0c…`, `model:churn@2`. */
export const URN_PATTERN = /^(dataset|featureview|featureservice|trainingset|run|model|deployment):([a-z0-9][a-z0-9._-]{0,127})(?:@([0-9]{1,10}))?$/;

export const UrnSchema = z
  .string()
  .max(160)
  .regex(URN_PATTERN, `must be a URN kind:name[@version] with kind one of ${LINEAGE_NODE_KINDS.join(', ')}`);
export type Urn = z.infer<typeof UrnSchema>;

export function datasetUrn(name: string, version: number): Urn {
  return `dataset:${name}@${version}`;
}

export function parseUrn(urn: Urn): { kind: LineageNodeKind; name: string; version: number | null } {
  const match = URN_PATTERN.exec(urn);
  if (!match) throw new Error(`not a URN: ${urn}`);
  return { kind: match[1] as LineageNodeKind, name: match[2], version: match[3] === undefined ? null : Number(match[3]) };
}

export const LineageRelationSchema = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z_]*$/, 'a relation is lower-case letters and _')
  .default('derived_from');

export const LineageEdgeInputSchema = z
  .strictObject({ from: UrnSchema, to: UrnSchema, relation: LineageRelationSchema })
  .refine((edge) => edge.from !== edge.to, { message: 'an edge cannot join a node to itself' });
export type LineageEdgeInput = z.infer<typeof LineageEdgeInputSchema>;

export const RecordLineageRequestSchema = z.strictObject({
  edges: z.array(LineageEdgeInputSchema).min(1).max(500),
});
export type RecordLineageRequest = z.infer<typeof RecordLineageRequestSchema>;

/** The field any event may carry so the catalog records its edges. */
export const LineageFieldSchema = z.object({ edges: z.array(LineageEdgeInputSchema).max(500) });

export const LineageEdgeSchema = z.object({
  from: UrnSchema,
  to: UrnSchema,
  relation: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type LineageEdge = z.infer<typeof LineageEdgeSchema>;

export const LineageNodeSchema = z.object({
  urn: UrnSchema,
  kind: LineageNodeKindSchema,
  name: z.string(),
  version: z.number().int().nullable(),
});
export type LineageNode = z.infer<typeof LineageNodeSchema>;

export const LineageDirectionSchema = z.enum(['upstream', 'downstream', 'both']);
export type LineageDirection = z.infer<typeof LineageDirectionSchema>;

export const LineageQuerySchema = z.strictObject({
  direction: LineageDirectionSchema.default('both'),
  depth: z.coerce.number().int().min(1).max(20).default(3),
});
export type LineageQuery = z.infer<typeof LineageQuerySchema>;

export const LineageParamsSchema = z.strictObject({ urn: UrnSchema });

export const LineageGraphSchema = z.object({
  root: UrnSchema,
  nodes: z.array(LineageNodeSchema),
  edges: z.array(LineageEdgeSchema),
  /** True when the walk stopped at `depth` with edges left unexplored. */
  truncated: z.boolean(),
});
export type LineageGraph = z.infer<typeof LineageGraphSchema>;

export const RecordedLineageSchema = z.object({
  /** Edges that were new; edges already known are not counted twice. */
  recorded: z.number().int().min(0),
});
export type RecordedLineage = z.infer<typeof RecordedLineageSchema>;
