// Development and tests only (the sources under tsx): a worker thread whose entry is a
// TypeScript file. In a worker, `--import tsx` transpiles what is loaded with require (as
// piscina does for the render threads), not what is imported: so the entry is required.
// workerData = { entry: file path, data }.
import { createRequire } from 'node:module';
import { workerData } from 'node:worker_threads';

createRequire(import.meta.url)(workerData.entry);
