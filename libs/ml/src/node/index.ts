// Node only: the wasm backend, artifacts in a directory and rows read with DuckDB. The browser imports
// `@galley/ml`, never this file.
export { useNodeBackend } from './tfjs-backend';
export type { NodeBackend, NodeBackendName } from './tfjs-backend';
export { directoryArtifactStore } from './directory-artifact-store';
export { readTableRows } from './table-rows';
