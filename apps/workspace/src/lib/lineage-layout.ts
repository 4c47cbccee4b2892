import { parseUrn } from '@galley/contracts';
import type { LineageEdge, LineageGraph, LineageNode } from '@galley/contracts';

/**
 * Where each node of a lineage graph goes in the drawing: one column per distance from the root
 * (inputs to the left, what was made from it to the right), so arrows run left to right and a
 * reader sees at a glance how far removed each artifact is.
 */

export interface PlacedNode {
  node: LineageNode;
  /** Signed distance from the root: negative upstream, positive downstream, 0 for the root. */
  layer: number;
  x: number;
  y: number;
}

export interface PlacedEdge {
  edge: LineageEdge;
  from: PlacedNode;
  to: PlacedNode;
  /** SVG path from the right side of `from` to the left side of `to`. */
  path: string;
}

export interface LineageLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export interface LayoutSizes {
  nodeWidth: number;
  nodeHeight: number;
  columnGap: number;
  rowGap: number;
  padding: number;
}

export const DEFAULT_SIZES: LayoutSizes = { nodeWidth: 210, nodeHeight: 46, columnGap: 72, rowGap: 16, padding: 12 };

/** Signed distance of every node from the root, walking edges downstream and upstream. */
export function layersOf(graph: LineageGraph): Map<string, number> {
  const downstream = adjacency(graph.edges, 'from', 'to');
  const upstream = adjacency(graph.edges, 'to', 'from');
  const layers = new Map<string, number>([[graph.root, 0]]);
  walk(graph.root, downstream, 1, layers);
  walk(graph.root, upstream, -1, layers);

  // A node reached only sideways (another input of something downstream) sits one column before or
  // after the neighbour it was found through.
  const known = new Set(graph.nodes.map((node) => node.urn));
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const edge of graph.edges) {
      const fromLayer = layers.get(edge.from);
      const toLayer = layers.get(edge.to);
      if (fromLayer !== undefined && toLayer === undefined && known.has(edge.to)) {
        layers.set(edge.to, fromLayer + 1);
        progressed = true;
      } else if (toLayer !== undefined && fromLayer === undefined && known.has(edge.from)) {
        layers.set(edge.from, toLayer - 1);
        progressed = true;
      }
    }
  }
  // Nodes with no path to the root at all still get drawn, in a column after everything else.
  const last = Math.max(0, ...layers.values());
  for (const node of graph.nodes) if (!layers.has(node.urn)) layers.set(node.urn, last + 1);
  return layers;
}

function adjacency(edges: readonly LineageEdge[], fromKey: 'from' | 'to', toKey: 'from' | 'to'): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const list = next.get(edge[fromKey]) ?? [];
    list.push(edge[toKey]);
    next.set(edge[fromKey], list);
  }
  return next;
}

/** Breadth-first, so each node keeps its shortest distance; a node already placed is never moved. */
function walk(root: string, next: Map<string, string[]>, step: 1 | -1, layers: Map<string, number>) {
  let frontier = [root];
  let distance = 0;
  while (frontier.length > 0) {
    distance += 1;
    const following: string[] = [];
    for (const urn of frontier) {
      for (const neighbour of next.get(urn) ?? []) {
        if (layers.has(neighbour)) continue;
        layers.set(neighbour, step * distance);
        following.push(neighbour);
      }
    }
    frontier = following;
  }
}

export function layoutLineage(graph: LineageGraph, sizes: LayoutSizes = DEFAULT_SIZES): LineageLayout {
  const layers = layersOf(graph);
  const byUrn = new Map(graph.nodes.map((node) => [node.urn, node]));
  // The root may be missing from `nodes` when nothing is recorded about it yet; it is still drawn.
  if (!byUrn.has(graph.root)) byUrn.set(graph.root, nodeFromUrn(graph.root));

  const columns = new Map<number, LineageNode[]>();
  for (const node of byUrn.values()) {
    const layer = layers.get(node.urn) ?? 0;
    columns.set(layer, [...(columns.get(layer) ?? []), node]);
  }
  const layerNumbers = [...columns.keys()].sort((a, b) => a - b);
  const minLayer = layerNumbers[0] ?? 0;

  // Order each column by where its neighbours nearer the root sit (the barycentre heuristic), which
  // removes most crossings; ties go by name so the drawing is stable between loads.
  const rowOf = new Map<string, number>();
  const orderColumn = (layer: number) => {
    const nodes = columns.get(layer) ?? [];
    const towardRoot = layer > 0 ? layer - 1 : layer + 1;
    const score = (urn: string) => {
      const rows = graph.edges
        .filter((edge) => edge.from === urn || edge.to === urn)
        .map((edge) => (edge.from === urn ? edge.to : edge.from))
        .filter((other) => layers.get(other) === towardRoot && rowOf.has(other))
        .map((other) => rowOf.get(other) as number);
      return rows.length === 0 ? Number.POSITIVE_INFINITY : rows.reduce((sum, row) => sum + row, 0) / rows.length;
    };
    nodes.sort((a, b) => score(a.urn) - score(b.urn) || a.urn.localeCompare(b.urn));
    nodes.forEach((node, row) => rowOf.set(node.urn, row));
  };
  orderColumn(0);
  for (const layer of layerNumbers.filter((n) => n > 0)) orderColumn(layer);
  for (const layer of layerNumbers.filter((n) => n < 0).reverse()) orderColumn(layer);

  const tallest = Math.max(1, ...[...columns.values()].map((nodes) => nodes.length));
  const rowPitch = sizes.nodeHeight + sizes.rowGap;
  const columnPitch = sizes.nodeWidth + sizes.columnGap;
  const placed = new Map<string, PlacedNode>();
  for (const [layer, nodes] of columns) {
    // Shorter columns are centred against the tallest one.
    const offset = ((tallest - nodes.length) * rowPitch) / 2;
    nodes.forEach((node, row) => {
      placed.set(node.urn, {
        node,
        layer,
        x: sizes.padding + (layer - minLayer) * columnPitch,
        y: sizes.padding + offset + row * rowPitch,
      });
    });
  }

  const edges: PlacedEdge[] = [];
  for (const edge of graph.edges) {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (!from || !to) continue;
    edges.push({ edge, from, to, path: edgePath(from, to, sizes) });
  }

  return {
    nodes: [...placed.values()],
    edges,
    width: sizes.padding * 2 + layerNumbers.length * columnPitch - sizes.columnGap,
    height: sizes.padding * 2 + tallest * rowPitch - sizes.rowGap,
  };
}

function edgePath(from: PlacedNode, to: PlacedNode, sizes: LayoutSizes): string {
  const x1 = from.x + sizes.nodeWidth;
  const y1 = from.y + sizes.nodeHeight / 2;
  const x2 = to.x;
  const y2 = to.y + sizes.nodeHeight / 2;
  const bend = Math.max(24, Math.abs(x2 - x1) / 2);
  return `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
}

function nodeFromUrn(urn: string): LineageNode {
  return { urn, ...parseUrn(urn) };
}
