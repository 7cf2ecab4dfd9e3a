/** JSON path segment for a key: `.name` when it is an identifier, `["a-b"]` otherwise, `[n]` for an index. */
export function pathSegment(key: string | number): string {
  if (typeof key === "number") return `[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
