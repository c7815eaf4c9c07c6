// Loads the decode thread's TypeScript under tsx: a worker thread does not
// inherit the loader its parent was started with (node --import tsx, vitest).
import { register } from 'tsx/esm/api';

register();
await import('./decode-thread.ts');
