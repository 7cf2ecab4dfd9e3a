/**
 * Reads synced records from a folder, record by record (bounded memory):
 *
 * - Airbyte's S3 layout: `[data/]<namespace>/<stream>/year=YYYY/month=MM/DD_EPOCH_N.jsonl[.gz]`;
 * - flat files: `<stream>.jsonl` or `<stream>.jsonl.gz`.
 *
 * Every line of destination-s3's three JSONL formats is understood: "No flattening" (1.0+:
 * `_airbyte_raw_id` ... `_airbyte_data`), "Root level flattening" (the record's fields beside
 * the `_airbyte_*` columns) and the legacy format before 1.0 (`_airbyte_ab_id`,
 * `_airbyte_emitted_at`, `_airbyte_data`). Bad input is yielded as a problem with its line,
 * never thrown.
 */
import { createReadStream, readdirSync, statSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { DEFAULT_NAMESPACE, objectKey } from "./event";
import { isObject } from "../util/is-object";

export interface InputFile {
  /** Path on disk. */
  path: string;
  /** Path relative to the input folder, with `/`: what reports show. */
  display: string;
  stream: string;
  /** The object key Port would see for this file. */
  objectKey: string;
  gzip: boolean;
}

const S3_FILE = /^(\d{2})_(\d+)_(\d+)\.jsonl(\.gz)?$/;
const FLAT_FILE = /^(.+)\.jsonl(\.gz)?$/;

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.isFile()) out.push(p);
  }
}

/**
 * The record files of a folder, in path order. In the S3 layout the object key keeps the
 * file's own year, month and file name with `namespace` (if given) in place of the folder's;
 * flat files get a key dated from the file's modification time. Files that are neither are
 * returned in `ignored`.
 */
export function discoverFiles(dir: string, namespace?: string): { files: InputFile[]; ignored: string[] } {
  const all: string[] = [];
  walk(dir, all);
  const files: InputFile[] = [];
  const ignored: string[] = [];
  const fallbackNamespace = namespace ?? DEFAULT_NAMESPACE;
  for (const path of all) {
    const display = relative(dir, path).split(sep).join("/");
    const parts = display.split("/");
    const name = parts[parts.length - 1];
    const s3 = S3_FILE.exec(name);
    if (s3 && parts.length >= 5 && /^year=\d{4}$/.test(parts[parts.length - 3]) && /^month=\d{2}$/.test(parts[parts.length - 2])) {
      const stream = parts[parts.length - 4];
      const ns = namespace ?? parts[parts.length - 5];
      files.push({
        path,
        display,
        stream,
        objectKey: objectKey(ns, stream, parts[parts.length - 3].slice(5), parts[parts.length - 2].slice(6), name.endsWith(".gz") ? name : `${name}.gz`),
        gzip: name.endsWith(".gz"),
      });
      continue;
    }
    const flat = FLAT_FILE.exec(name);
    if (flat) {
      const mtime = statSync(path).mtime;
      const year = String(mtime.getUTCFullYear());
      const month = String(mtime.getUTCMonth() + 1).padStart(2, "0");
      const day = String(mtime.getUTCDate()).padStart(2, "0");
      const stream = basename(flat[1]);
      files.push({
        path,
        display,
        stream,
        objectKey: objectKey(fallbackNamespace, stream, year, month, `${day}_${mtime.getTime()}_0.jsonl.gz`),
        gzip: !!flat[2],
      });
      continue;
    }
    ignored.push(display);
  }
  return { files, ignored };
}

export type LineFormat = "no-flattening" | "root-flattening" | "legacy";

/** One line of a file: a record, or a problem that names the line. */
export type LineItem =
  | { kind: "record"; line: number; record: Record<string, unknown>; format: LineFormat; text: string }
  | { kind: "problem"; line: number; reason: string };

const META_V1 = ["_airbyte_raw_id", "_airbyte_extracted_at", "_airbyte_meta", "_airbyte_generation_id"];
const META_LEGACY = ["_airbyte_ab_id", "_airbyte_emitted_at"];

/** The record carried by one parsed destination-s3 line, or why there is none. */
export function unwrapLine(value: unknown): { record: Record<string, unknown>; format: LineFormat } | { reason: string } {
  if (!isObject(value)) return { reason: `expected a JSON object per line, got ${Array.isArray(value) ? "an array" : JSON.stringify(value)?.slice(0, 40)}` };
  const v1 = "_airbyte_raw_id" in value;
  const legacy = "_airbyte_ab_id" in value;
  if (!v1 && !legacy) return { reason: "not a destination-s3 line: neither _airbyte_raw_id (1.0+) nor _airbyte_ab_id (before 1.0)" };
  if (legacy && !v1) {
    if (isObject(value._airbyte_data)) return { record: value._airbyte_data, format: "legacy" };
    // Root-level flattening before 1.0: the fields beside _airbyte_ab_id and _airbyte_emitted_at.
    const record: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(value)) if (!META_LEGACY.includes(k)) record[k] = val;
    return { record, format: "root-flattening" };
  }
  if ("_airbyte_data" in value) {
    if (isObject(value._airbyte_data)) return { record: value._airbyte_data, format: "no-flattening" };
    return { reason: `_airbyte_data is not an object: ${JSON.stringify(value._airbyte_data)?.slice(0, 40)}` };
  }
  const record: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(value)) if (!META_V1.includes(k)) record[k] = val;
  return { record, format: "root-flattening" };
}

function describeParseError(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/ in JSON at position (\d+).*$/, " at column $1");
}

/**
 * The lines of one file as records or problems, streamed. A corrupt or truncated gzip
 * stream ends the file with a problem at the line it stopped at; a last line without newline
 * that is not valid JSON is reported as truncated.
 */
export async function* readFileLines(file: InputFile): AsyncGenerator<LineItem> {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let line = 0;
  const handle = function* (text: string, terminated: boolean): Generator<LineItem> {
    line++;
    const trimmed = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (trimmed.trim() === "") {
      if (!terminated) line--;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (err) {
      yield {
        kind: "problem",
        line,
        reason: terminated ? `not JSON: ${describeParseError(err)}` : `truncated last line (no newline at end of file and not valid JSON: ${describeParseError(err)})`,
      };
      return;
    }
    const unwrapped = unwrapLine(parsed);
    if ("reason" in unwrapped) yield { kind: "problem", line, reason: unwrapped.reason };
    else yield { kind: "record", line, record: unwrapped.record, format: unwrapped.format, text: trimmed };
  };
  const source = createReadStream(file.path);
  const stream = file.gzip ? source.pipe(createGunzip()) : source;
  if (file.gzip) source.on("error", (err) => stream.destroy(err));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = pending + decoder.write(chunk);
      let start = 0;
      for (let nl = text.indexOf("\n", start); nl !== -1; nl = text.indexOf("\n", start)) {
        yield* handle(text.slice(start, nl), true);
        start = nl + 1;
      }
      pending = text.slice(start);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what = file.gzip && code?.startsWith("Z_") ? "corrupt gzip data" : code === "ENOENT" || code === "EACCES" ? "cannot read file" : "read error";
    yield { kind: "problem", line: line + 1, reason: `${what} (${(err as Error).message}); the rest of the file is unreadable` };
    return;
  }
  pending += decoder.end();
  if (pending !== "") yield* handle(pending, false);
}
