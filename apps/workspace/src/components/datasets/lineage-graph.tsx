'use client';

import type { LineageGraph, LineageNode } from '@galley/contracts';
import Link from 'next/link';
import { DEFAULT_SIZES, layoutLineage } from '../../lib/lineage-layout';
import { formatDateTime, shortenText } from '../../lib/format';

const KIND_LABEL: Record<LineageNode['kind'], string> = {
  dataset: 'dataset',
  featureview: 'feature view',
  featureservice: 'feature service',
  trainingset: 'training set',
  run: 'training run',
  model: 'model',
  deployment: 'deployment',
};

/**
 * Where a version came from and what was made from it, drawn as columns by distance from it: inputs on
 * the left, derived artifacts on the right. Datasets link to their own page. The same edges are listed
 * as text below the drawing, for screen readers and for copying.
 */
export function LineageGraphView({ graph }: { graph: LineageGraph }) {
  const layout = layoutLineage(graph);
  const { nodeWidth, nodeHeight } = DEFAULT_SIZES;
  const upstream = layout.nodes.filter((placed) => placed.layer < 0).length;
  const downstream = layout.nodes.filter((placed) => placed.layer > 0).length;

  return (
    <div className="section-stack">
      <p className="muted small">
        {upstream} upstream, {downstream} downstream{graph.truncated ? ' — the walk stopped at its depth limit; more lineage exists beyond it.' : '.'}
      </p>
      <div className="lineage-scroll">
        <svg
          className="lineage-graph"
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-label={`Lineage of ${graph.root}: ${upstream} upstream, ${downstream} downstream`}
        >
          <defs>
            <marker id="lineage-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#98a2b3" />
            </marker>
          </defs>
          {layout.edges.map(({ edge, path }) => (
            <path key={`${edge.from}->${edge.to}:${edge.relation}`} className="lineage-edge" d={path} markerEnd="url(#lineage-arrow)">
              <title>{`${edge.from} → ${edge.to} (${edge.relation})`}</title>
            </path>
          ))}
          {layout.nodes.map(({ node, x, y }) => {
            const isRoot = node.urn === graph.root;
            const box = (
              <>
                <rect width={nodeWidth} height={nodeHeight} rx={8} />
                <text x={10} y={17} fontSize={11} fill="#667085">
                  {KIND_LABEL[node.kind]}
                </text>
                <text x={10} y={35} fontSize={13} fontWeight={600} fill="#1d2330">
                  {nodeLabel(node)}
                </text>
                <title>{node.urn}</title>
              </>
            );
            return (
              <g key={node.urn} className="lineage-node" data-root={isRoot} data-urn={node.urn} transform={`translate(${x} ${y})`}>
                {node.kind === 'dataset' && !isRoot ? (
                  <Link href={`/data/${encodeURIComponent(node.name)}${node.version === null ? '' : `?version=${node.version}`}`}>{box}</Link>
                ) : (
                  box
                )}
              </g>
            );
          })}
        </svg>
      </div>
      {graph.edges.length === 0 ? (
        <p className="muted">No lineage is recorded for this version yet. Feature views, training runs and models built from it will appear here.</p>
      ) : (
        <details>
          <summary>Edges as text ({graph.edges.length})</summary>
          <ul className="small">
            {graph.edges.map((edge) => (
              <li key={`${edge.from}->${edge.to}:${edge.relation}`}>
                <span className="mono">{edge.from}</span> → <span className="mono">{edge.to}</span> ({edge.relation}, recorded by {edge.recordedBy}{' '}
                {formatDateTime(edge.recordedAt)})
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** `name@version`, the name shortened rather than the version, which is what tells two nodes apart. */
function nodeLabel(node: LineageNode): string {
  const suffix = node.version === null ? '' : `@${node.version}`;
  return `${shortenText(node.name, 25 - suffix.length)}${suffix}`;
}
