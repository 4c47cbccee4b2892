import type { LineageEdge, LineageGraph, LineageNode } from '@galley/contracts';
import { parseUrn } from '@galley/contracts';
import { DEFAULT_SIZES, layersOf, layoutLineage } from './lineage-layout';

function node(urn: string): LineageNode {
  return { urn, ...parseUrn(urn) };
}

function edge(from: string, to: string): LineageEdge {
  return { from, to, relation: 'derived_from', recordedBy: 'alice', recordedAt: '2025-01-01T00:00:00.000Z' };
}

function aGraph(root: string, edges: Array<[string, string]>, extraNodes: string[] = []): LineageGraph {
  const urns = new Set([root, ...edges.flat(), ...extraNodes]);
  return { root, nodes: [...urns].map(node), edges: edges.map(([from, to]) => edge(from, to)), truncated: false };
}

describe('lineage layout', () => {
  it('puts inputs left of the root and what was made from it to the right, by distance', () => {
    const graph = aGraph('dataset:iris@2', [
      ['dataset:raw@1', 'dataset:iris@2'],
      ['dataset:iris@2', 'featureview:petals@1'],
      ['featureview:petals@1', 'run:r1'],
    ]);

    expect(Object.fromEntries(layersOf(graph))).toEqual({
      'dataset:iris@2': 0,
      'dataset:raw@1': -1,
      'featureview:petals@1': 1,
      'run:r1': 2,
    });
  });

  it('keeps the shortest distance when two paths reach a node', () => {
    const graph = aGraph('dataset:a@1', [
      ['dataset:a@1', 'run:r1'],
      ['dataset:a@1', 'featureview:f@1'],
      ['featureview:f@1', 'run:r1'],
    ]);

    expect(layersOf(graph).get('run:r1')).toBe(1);
  });

  it('places another input of a downstream node one column before it', () => {
    const graph = aGraph('dataset:a@1', [
      ['dataset:a@1', 'run:r1'],
      ['dataset:b@1', 'run:r1'],
    ]);

    expect(layersOf(graph).get('dataset:b@1')).toBe(0);
  });

  it('lays columns left to right and joins each edge from the right of its source to the left of its target', () => {
    const graph = aGraph('dataset:iris@2', [
      ['dataset:raw@1', 'dataset:iris@2'],
      ['dataset:iris@2', 'model:m@1'],
    ]);

    const layout = layoutLineage(graph);
    const x = (urn: string) => layout.nodes.find((placed) => placed.node.urn === urn)?.x;

    expect(x('dataset:raw@1')).toBeLessThan(x('dataset:iris@2') as number);
    expect(x('dataset:iris@2')).toBeLessThan(x('model:m@1') as number);
    expect(layout.edges).toHaveLength(2);
    const first = layout.edges[0];
    expect(first?.path.startsWith(`M ${(first?.from.x ?? 0) + DEFAULT_SIZES.nodeWidth} `)).toBe(true);
    expect(layout.width).toBe(DEFAULT_SIZES.padding * 2 + 3 * DEFAULT_SIZES.nodeWidth + 2 * DEFAULT_SIZES.columnGap);
  });

  it('orders a column by where its neighbours sit, so parallel chains do not cross', () => {
    const graph = aGraph('dataset:root@1', [
      ['dataset:root@1', 'featureview:a@1'],
      ['dataset:root@1', 'featureview:z@1'],
      ['featureview:z@1', 'model:a@1'],
      ['featureview:a@1', 'model:z@1'],
    ]);

    const layout = layoutLineage(graph);
    const y = (urn: string) => layout.nodes.find((placed) => placed.node.urn === urn)?.y as number;

    expect(y('model:z@1')).toBeLessThan(y('model:a@1'));
  });

  it('draws a root that has no edges yet on its own', () => {
    const layout = layoutLineage({ root: 'dataset:new@1', nodes: [], edges: [], truncated: false });

    expect(layout.nodes.map((placed) => placed.node)).toEqual([{ urn: 'dataset:new@1', kind: 'dataset', name: 'new', version: 1 }]);
    expect(layout.edges).toEqual([]);
  });
});
