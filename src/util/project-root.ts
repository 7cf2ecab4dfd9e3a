import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The folder holding `cdktf.json`. Found by walking up from this file, because the same
 * code runs from `src/` (ts-node, jest) and from an esbuild bundle under node_modules/.cache.
 */
export function projectRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "cdktf.json")) && existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no cdktf.json found above ${start}`);
  }
}
