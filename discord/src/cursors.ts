import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RouteKey } from './routes.js';

/**
 * Where each route stands: the cursor of the last alert it delivered (or
 * decided not to: a rare of the other tier), kept in a small JSON file in
 * the bot's data folder so that a restart neither posts an alert twice nor
 * misses one. `null`: the route started when no alert of its types existed,
 * so every alert there is now is new to it.
 */
export interface RoutePosition {
  cursor: string | null;
  /** The alert's id, for people reading the file. */
  id: string | null;
}

interface CursorFile {
  version: 1;
  routes: Partial<Record<RouteKey, RoutePosition>>;
}

export class CursorStore {
  private routes: Partial<Record<RouteKey, RoutePosition>> = {};
  /** Writes one after another: a later state never lands before an earlier one. */
  private writing: Promise<void> = Promise.resolve();

  private constructor(readonly file: string) {}

  /** The store of `folder/state.json`; a missing file is a first start. */
  static async open(folder: string): Promise<CursorStore> {
    const store = new CursorStore(path.join(folder, 'state.json'));
    await mkdir(folder, { recursive: true });
    let text: string | undefined;
    try {
      text = await readFile(store.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== undefined) {
      let parsed: CursorFile;
      try {
        parsed = JSON.parse(text) as CursorFile;
      } catch (error) {
        throw new Error(`${store.file} is not JSON (${(error as Error).message}); fix it, or delete it to start every route from the newest alert.`);
      }
      store.routes = parsed.routes ?? {};
    }
    return store;
  }

  get(key: RouteKey): RoutePosition | undefined {
    return this.routes[key];
  }

  /** Records where a route stands and writes the file (a temporary file renamed over it: never half written). */
  set(key: RouteKey, position: RoutePosition): Promise<void> {
    this.routes[key] = position;
    const text = `${JSON.stringify({ version: 1, routes: this.routes } satisfies CursorFile, null, 2)}\n`;
    this.writing = this.writing.catch(() => {}).then(async () => {
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, text, { mode: 0o600 });
      await rename(temporary, this.file);
    });
    return this.writing;
  }
}
