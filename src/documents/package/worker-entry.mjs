// The package worker's entry: Node cannot start a worker from a .ts file under tsx, so this plain
// module registers tsx in the worker and loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
