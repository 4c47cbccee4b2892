// Starts the runtime's worker. `new Worker(new URL(…, import.meta.url))` is the form Next's bundler
// recognises to bundle worker.ts as its own chunk. Plain JS (typed by start-worker.d.ts) because the
// repository-wide type check (tsconfig.json, CommonJS) rejects `import.meta` in TypeScript.
export function startRuntimeWorker() {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'galley-browser-runtime' });
}
