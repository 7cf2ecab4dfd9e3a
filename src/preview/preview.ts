/**
 * The preview: every record of a synced folder through the webhook mapping (Port's JQ
 * semantics) and the blueprints, with full accounting:
 *
 *   read + additionalMatches = upserts + deletes + rejected + unmatched + filtered
 *
 * `read` counts every line (and every unreadable rest of a file); `additionalMatches` counts
 * the records that more than one mapping entry took, beyond the first. A record no entry took
 * is `filtered` when other records of its stream were taken (a filter left it out), and
 * `unmatched` when no record of its stream was.
 */
import { createHash } from "node:crypto";
import { JqEngine, JqEngineName, JqOutcome } from "../jq";
import { LoadedBlueprint } from "../port/blueprint-document";
import { WebhookMappingEntry } from "../port/webhook-mapping";
import { jqCleanText } from "../jq/fast-path";
import { eventJson, eventObject, OBJECT_KEY_FIELD } from "./event";
import { CompiledMapping, compileMapping, evaluateCombined, evaluateFast, evaluatePerExpression, EvaluationMode, EntryOutcome, fastPathDefault, fieldLabel } from "./evaluator";
import { discoverFiles, InputFile, readFileLines } from "./reader";
import { entityProblems, relationTargets } from "./validate";

/** Port's webhook payload limit: larger events are refused. */
export const PAYLOAD_LIMIT_BYTES = 512 * 1024;

export interface PreviewOptions {
  inputDir: string;
  mapping: WebhookMappingEntry[];
  blueprints: LoadedBlueprint[];
  engine: JqEngine;
  /** Airbyte namespace (= Port webhook key) put in the object keys. */
  namespace?: string;
  /** Default: `combined` when the mapping allows it. */
  mode?: EvaluationMode;
  /**
   * In `combined` mode, evaluate the entries whose expressions all compile on the JavaScript
   * fast path (src/jq/fast-path.ts) in JavaScript. Default on (OKTA_KIT_FAST_PATH=0: off).
   */
  fastPath?: boolean;
  /** How many rejected / unmatched records are listed (all are counted). Default 1000. */
  maxListed?: number;
  /** Keep every entity in the result (tests, small syncs). */
  collectEntities?: boolean;
  /** Called with every entity as it is produced (streamed JSON output). */
  onEntity?: (entity: PreviewEntity) => void;
}

export interface RecordRef {
  file: string;
  stream: string;
  objectKey: string;
  line: number;
}

export interface PreviewEntity extends RecordRef {
  blueprint: string;
  identifier: string;
  title?: unknown;
  properties?: Record<string, unknown>;
  relations?: Record<string, unknown>;
  operation: "upsert" | "delete";
}

export interface Rejection extends RecordRef {
  blueprint?: string;
  identifier?: unknown;
  reason: string;
}

export interface Collision {
  blueprint: string;
  identifier: string;
  records: RecordRef[];
}

export interface Dangling {
  blueprint: string;
  identifier: string;
  relation: string;
  targetBlueprint: string;
  target: string;
  /** How many entities point to this absent target. */
  references: number;
  reason: string;
  file: string;
  line: number;
}

export interface BlueprintCounts {
  upserts: number;
  deletes: number;
  rejected: number;
  filtered: number;
}

export interface PreviewTotals {
  read: number;
  additionalMatches: number;
  upserts: number;
  deletes: number;
  rejected: number;
  unmatched: number;
  filtered: number;
  collisions: number;
  dangling: number;
}

export interface FastPathStats {
  /** Expressions the fast path evaluates, of all the mapping's expressions. */
  expressions: number;
  total: number;
  /** Records evaluated in JavaScript, and records handed to Port's engine instead. */
  records: number;
  fallbacks: number;
}

export interface PreviewResult {
  engine: JqEngineName;
  mode: EvaluationMode;
  /** Present when the JavaScript fast path was on. */
  fastPath?: FastPathStats;
  files: string[];
  ignoredFiles: string[];
  compileProblems: string[];
  warnings: string[];
  totals: PreviewTotals;
  blueprints: Record<string, BlueprintCounts>;
  entities?: PreviewEntity[];
  rejected: Rejection[];
  unmatched: RecordRef[];
  filtered: RecordRef[];
  collisions: Collision[];
  dangling: Dangling[];
}

interface Seen {
  hash: string;
  ref: RecordRef;
  collision?: Collision;
}

/** Runs the preview over a folder. Never throws on bad input: it is counted and listed. */
export async function runPreview(options: PreviewOptions): Promise<PreviewResult> {
  const { engine, maxListed = 1000 } = options;
  const mode0: EvaluationMode | undefined = options.mode;
  const compiled: CompiledMapping = compileMapping(options.mapping, { fastPath: (options.fastPath ?? fastPathDefault()) && mode0 !== "per-expression" });
  const mode: EvaluationMode = mode0 ?? (compiled.program ? "combined" : "per-expression");
  const fastStats: FastPathStats | undefined = compiled.fastPath && mode === "combined" ? { expressions: compiled.fastPath.expressions, total: compiled.fastPath.total, records: 0, fallbacks: 0 } : undefined;
  if (mode === "combined" && !compiled.program) throw new Error("the mapping cannot run as one combined program (an expression does not compile alone)");
  const blueprintDocs = new Map(options.blueprints.map((b) => [b.document.identifier, b.document]));
  const { files, ignored } = discoverFiles(options.inputDir, options.namespace);

  const totals: PreviewTotals = { read: 0, additionalMatches: 0, upserts: 0, deletes: 0, rejected: 0, unmatched: 0, filtered: 0, collisions: 0, dangling: 0 };
  const perBlueprint: Record<string, BlueprintCounts> = {};
  const counts = (bp: string) => (perBlueprint[bp] ??= { upserts: 0, deletes: 0, rejected: 0, filtered: 0 });
  for (const e of compiled.entries) counts(e.blueprint);
  const rejected: Rejection[] = [];
  const entities: PreviewEntity[] | undefined = options.collectEntities ? [] : undefined;
  const upserted = new Map<string, Map<string, Seen>>();
  const deleted = new Map<string, Set<string>>();
  const references = new Map<string, Map<string, { count: number; first: Omit<Dangling, "references" | "reason" | "target" | "targetBlueprint"> }>>();
  const collisions: Collision[] = [];
  // Records no entry took, per stream; streams some entry took records of.
  const untaken = new Map<string, { count: number; refs: RecordRef[] }>();
  const takenStreams = new Map<string, Set<string>>();

  const reject = (r: Rejection) => {
    totals.rejected++;
    if (r.blueprint) counts(r.blueprint).rejected++;
    if (rejected.length < maxListed) rejected.push(r);
  };

  const emitting = entities !== undefined || options.onEntity !== undefined;
  const emit = (make: () => PreviewEntity) => {
    if (!emitting) return;
    const entity = make();
    entities?.push(entity);
    options.onEntity?.(entity);
  };

  const handleEntry = (ref: RecordRef, recordHash: () => string, out: EntryOutcome) => {
    const { entry } = out;
    const bp = entry.blueprint;
    const fields = out.fields ?? [];
    if (entry.unsupported) return reject({ ...ref, blueprint: bp, reason: `mapping $[${entry.index}]: ${entry.unsupported}` });
    const errors = fields.flatMap((o: JqOutcome, i) => (o.ok ? [] : [`${fieldLabel(entry.fields[i])}: ${o.error}`]));
    const idIndex = entry.fields.findIndex((f) => f.kind === "identifier");
    const identifier = idIndex >= 0 && fields[idIndex].ok ? (fields[idIndex] as { value: unknown }).value : undefined;
    if (errors.length) return reject({ ...ref, blueprint: bp, identifier, reason: `JQ runtime error in mapping $[${entry.index}] ${errors.join("; ")}` });
    if (entry.operation === "delete") {
      if (typeof identifier !== "string" || identifier === "") return reject({ ...ref, blueprint: bp, identifier, reason: `delete: identifier: expected a non-empty string, got ${JSON.stringify(identifier ?? null)}` });
      totals.deletes++;
      counts(bp).deletes++;
      let set = deleted.get(bp);
      if (!set) deleted.set(bp, (set = new Set()));
      set.add(identifier);
      emit(() => ({ ...ref, blueprint: bp, identifier, operation: "delete" }));
      return;
    }
    let title: unknown;
    const properties: Record<string, unknown> = {};
    const relations: Record<string, unknown> = {};
    entry.fields.forEach((f, i) => {
      const v = (fields[i] as { value: unknown }).value;
      if (f.kind === "title") title = v;
      else if (f.kind === "property") properties[f.name] = v;
      else if (f.kind === "relation") relations[f.name] = v;
    });
    const doc = blueprintDocs.get(bp);
    const problems = doc ? entityProblems(doc, { identifier, title, properties, relations }) : [`blueprint ${bp} is not in blueprints/`];
    if (problems.length) return reject({ ...ref, blueprint: bp, identifier, reason: problems.join("; ") });
    const id = identifier as string;
    totals.upserts++;
    counts(bp).upserts++;
    let seen = upserted.get(bp);
    if (!seen) upserted.set(bp, (seen = new Map()));
    const hash = recordHash();
    const prior = seen.get(id);
    if (!prior) seen.set(id, { hash, ref });
    else if (prior.hash !== hash) {
      if (!prior.collision) {
        prior.collision = { blueprint: bp, identifier: id, records: [prior.ref] };
        collisions.push(prior.collision);
      }
      if (prior.collision.records.length < 10) prior.collision.records.push(ref);
    }
    const rels = doc?.relations ?? {};
    for (const [name, value] of Object.entries(relations)) {
      const target = rels[name]?.target;
      if (!target) continue;
      for (const t of relationTargets(value)) {
        let byId = references.get(target);
        if (!byId) references.set(target, (byId = new Map()));
        const r = byId.get(t);
        if (r) r.count++;
        else byId.set(t, { count: 1, first: { blueprint: bp, identifier: id, relation: name, file: ref.file, line: ref.line } });
      }
    }
    emit(() => ({ ...ref, blueprint: bp, identifier: id, title, properties, relations, operation: "upsert" }));
  };

  for (const file of files) {
    for await (const item of readFileLines(file)) {
      totals.read++;
      const ref: RecordRef = { file: file.display, stream: file.stream, objectKey: file.objectKey, line: item.line };
      if (item.kind === "problem") {
        reject({ ...ref, reason: item.reason });
        continue;
      }
      let recordJson: string | undefined;
      const getRecordJson = () => (recordJson ??= JSON.stringify(item.record));
      let json: string | undefined;
      const getJson = () => (json ??= eventJson(getRecordJson(), file.objectKey));
      // JSON.stringify of a record parsed from a line is never longer than the line, and a
      // UTF-8 byte count never exceeds 3 per UTF-16 unit: short lines need no exact count.
      if ((item.text.length + file.objectKey.length + 64) * 3 > PAYLOAD_LIMIT_BYTES && getJson().length * 3 > PAYLOAD_LIMIT_BYTES) {
        const bytes = Buffer.byteLength(getJson()) - '{"body":}'.length;
        if (bytes > PAYLOAD_LIMIT_BYTES) {
          reject({ ...ref, reason: `event body is ${bytes} bytes, over Port's webhook payload limit of ${PAYLOAD_LIMIT_BYTES} bytes (512 KiB)` });
          continue;
        }
      }
      let outcomes: EntryOutcome[];
      try {
        if (mode !== "combined") outcomes = evaluatePerExpression(engine, compiled, eventObject(item.record, file.objectKey));
        else if (fastStats && jqCleanText(item.text)) {
          // The event as jq reads it; the object key replaces a field of the same name in place.
          const r = evaluateFast(engine, compiled, { body: { ...item.record, [OBJECT_KEY_FIELD]: file.objectKey } }, getJson);
          outcomes = r.outcomes;
          if (r.fellBack) fastStats.fallbacks++;
          else fastStats.records++;
        } else {
          if (fastStats) fastStats.fallbacks++;
          outcomes = evaluateCombined(engine, compiled, getJson());
        }
      } catch (err) {
        reject({ ...ref, reason: `JQ engine error: ${err instanceof Error ? err.message : String(err)}` });
        continue;
      }
      let hash: string | undefined;
      const recordHash = () => (hash ??= createHash("sha1").update(getRecordJson()).digest("base64"));
      let taken = 0;
      for (const out of outcomes) {
        if (!out.filter.ok) {
          taken++;
          reject({ ...ref, blueprint: out.entry.blueprint, reason: `JQ runtime error in mapping $[${out.entry.index}] filter: ${out.filter.error}` });
          continue;
        }
        if (out.filter.value !== true) continue;
        taken++;
        let bps = takenStreams.get(file.stream);
        if (!bps) takenStreams.set(file.stream, (bps = new Set()));
        bps.add(out.entry.blueprint);
        handleEntry(ref, recordHash, out);
      }
      if (taken === 0) {
        let u = untaken.get(file.stream);
        if (!u) untaken.set(file.stream, (u = { count: 0, refs: [] }));
        u.count++;
        if (u.refs.length < maxListed) u.refs.push(ref);
      } else totals.additionalMatches += taken - 1;
    }
  }

  const unmatched: RecordRef[] = [];
  const filtered: RecordRef[] = [];
  for (const [stream, u] of untaken) {
    const bps = takenStreams.get(stream);
    if (bps) {
      totals.filtered += u.count;
      for (const bp of bps) counts(bp).filtered += u.count;
      filtered.push(...u.refs.slice(0, maxListed - filtered.length));
    } else {
      totals.unmatched += u.count;
      unmatched.push(...u.refs.slice(0, maxListed - unmatched.length));
    }
  }

  const dangling: Dangling[] = [];
  for (const [targetBlueprint, byId] of references) {
    const present = upserted.get(targetBlueprint);
    for (const [target, r] of byId) {
      if (present?.has(target)) continue;
      const reason = deleted.get(targetBlueprint)?.has(target) ? `${targetBlueprint} ${target} is deleted by this sync` : `no ${targetBlueprint} entity ${target} in this sync`;
      dangling.push({ ...r.first, targetBlueprint, target, references: r.count, reason });
    }
  }
  totals.collisions = collisions.length;
  totals.dangling = dangling.length;

  return {
    engine: engine.name,
    mode,
    ...(fastStats ? { fastPath: fastStats } : {}),
    files: files.map((f: InputFile) => f.display),
    ignoredFiles: ignored,
    compileProblems: compiled.compileProblems,
    warnings: compiled.warnings,
    totals,
    blueprints: perBlueprint,
    ...(entities ? { entities } : {}),
    rejected,
    unmatched,
    filtered,
    collisions,
    dangling,
  };
}

/** The accounting equation; true when every record is accounted for. */
export function accountingHolds(t: PreviewTotals): boolean {
  return t.read + t.additionalMatches === t.upserts + t.deletes + t.rejected + t.unmatched + t.filtered;
}
