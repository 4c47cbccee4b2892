import type { LegendPayload } from 'recharts';

/**
 * A legend sorter that keeps the order the series were drawn in (recharts sorts by name otherwise,
 * which would put `fast-lr` before the `slow-lr` drawn first, and a micro-average among the classes).
 */
export function legendOrder(order: readonly string[], by: 'dataKey' | 'value'): (item: LegendPayload) => number {
  return (item) => {
    const index = order.indexOf(String(by === 'dataKey' ? item.dataKey : item.value));
    return index === -1 ? order.length : index;
  };
}
