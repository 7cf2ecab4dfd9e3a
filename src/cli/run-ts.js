#!/usr/bin/env node
// Runs one of the kit's TypeScript entry points fast: esbuild bundles it (our code and the
// generated bindings; packages stay external) into node_modules/.cache/okta-kit/, then node
// runs the bundle with the remaining arguments. Plain JavaScript, because it is what runs
// the TypeScript. Type checking is `npm run typecheck` (part of `npm test`).
//
// Usage: node src/cli/run-ts.js <entry.ts> [args...]
"use strict";
const { buildSync } = require("esbuild");
const { basename, join, resolve } = require("node:path");

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write("usage: node src/cli/run-ts.js <entry.ts> [args...]\n");
  process.exit(2);
}
const root = resolve(__dirname, "..", "..");
const outfile = join(root, "node_modules", ".cache", "okta-kit", `${basename(entry, ".ts")}.js`);
buildSync({
  entryPoints: [resolve(root, entry)],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
process.argv = [process.argv[0], outfile, ...args];
require(outfile);
