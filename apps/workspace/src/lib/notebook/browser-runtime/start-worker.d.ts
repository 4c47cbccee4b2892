/** Starts the browser runtime's worker (worker.ts, bundled by Next as its own chunk). */
export declare function startRuntimeWorker(): Worker;
