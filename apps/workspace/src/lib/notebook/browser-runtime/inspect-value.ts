/**
 * A value as text, like Node's util.inspect but small: strings quoted inside structures and bare at
 * the top of console.log, long arrays and deep objects cut short, cycles marked. Values that need
 * awaiting (tensors) are described by the worker before they reach here.
 */

export interface InspectOptions {
  /** Levels of nesting shown before `[Object]`. */
  depth?: number;
  /** Items of an array, set or map shown before `… N more`. */
  maxItems?: number;
  /** Characters of one string shown before it is cut. */
  maxString?: number;
}

const DEFAULTS: Required<InspectOptions> = { depth: 3, maxItems: 50, maxString: 10_000 };

export function inspectValue(value: unknown, options: InspectOptions = {}): string {
  return inspectAt(value, { ...DEFAULTS, ...options }, 0, new Set());
}

/** console.log's formatting: strings as they are, everything else inspected, joined by spaces. */
export function formatLogArguments(args: readonly unknown[]): string {
  return args.map((arg) => (typeof arg === 'string' ? arg : inspectValue(arg))).join(' ');
}

function inspectAt(value: unknown, options: Required<InspectOptions>, level: number, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return quote(value.length > options.maxString ? `${value.slice(0, options.maxString)}…` : value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return isClass(value) ? `[class ${value.name || '(anonymous)'}]` : `[Function: ${value.name || '(anonymous)'}]`;
    case 'object':
      break;
  }
  if (value === null) return 'null';
  const object: object = value;
  if (seen.has(object)) return '[Circular]';
  if (object instanceof Error) return object.stack ?? `${object.name}: ${object.message}`;
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof RegExp) return object.toString();
  if (object instanceof Promise) return 'Promise { … }';
  if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
    const typed = object as unknown as ArrayLike<number> & { constructor: { name: string } };
    return `${typed.constructor.name}(${typed.length}) ${list(Array.from(typed as ArrayLike<number>).slice(0, options.maxItems).map(String), typed.length, options)}`;
  }
  if (level >= options.depth) return Array.isArray(object) ? '[Array]' : `[${constructorName(object) ?? 'Object'}]`;
  seen.add(object);
  try {
    const inner = (item: unknown) => inspectAt(item, options, level + 1, seen);
    if (Array.isArray(object)) return list(object.slice(0, options.maxItems).map(inner), object.length, options);
    if (object instanceof Map) {
      const entries = [...object.entries()].slice(0, options.maxItems).map(([key, item]) => `${inner(key)} => ${inner(item)}`);
      return `Map(${object.size}) ${braces(entries, object.size, options)}`;
    }
    if (object instanceof Set) return `Set(${object.size}) ${braces([...object].slice(0, options.maxItems).map(inner), object.size, options)}`;
    const keys = Object.keys(object);
    const entries = keys.slice(0, options.maxItems).map((key) => `${identifierOrQuoted(key)}: ${inner((object as Record<string, unknown>)[key])}`);
    const name = constructorName(object);
    const prefix = name && name !== 'Object' ? `${name} ` : '';
    return `${prefix}${braces(entries, keys.length, options)}`;
  } finally {
    seen.delete(object);
  }
}

function list(items: string[], total: number, options: Required<InspectOptions>): string {
  const more = total > options.maxItems ? [`… ${total - options.maxItems} more`] : [];
  return `[ ${[...items, ...more].join(', ')} ]`.replace('[  ]', '[]');
}

function braces(items: string[], total: number, options: Required<InspectOptions>): string {
  if (items.length === 0) return '{}';
  const more = total > options.maxItems ? [`… ${total - options.maxItems} more`] : [];
  return `{ ${[...items, ...more].join(', ')} }`;
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function identifierOrQuoted(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}

function constructorName(object: object): string | null {
  const proto = Object.getPrototypeOf(object) as { constructor?: { name?: string } } | null;
  if (proto === null) return null;
  return proto.constructor?.name ?? null;
}

function isClass(fn: unknown): boolean {
  return typeof fn === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(fn));
}
