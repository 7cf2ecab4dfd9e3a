/** Text and JSON reports of a preview, and its exit code. */
import { accountingHolds, PreviewEntity, PreviewResult } from "./preview";

/**
 * 0: clean; 1: rejects, collisions or compile problems. `allowRejects` lets rejects and
 * collisions pass, never a mapping expression that does not compile.
 */
export function previewExitCode(result: PreviewResult, allowRejects = false): number {
  if (result.compileProblems.length > 0) return 1;
  if (allowRejects) return 0;
  return result.totals.rejected > 0 || result.totals.collisions > 0 ? 1 : 0;
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

/** The human report: a table per blueprint, then the first problems with file and line. */
export function textReport(result: PreviewResult, { maxProblems = 20, engineNote = "" }: { maxProblems?: number; engineNote?: string } = {}): string {
  const out: string[] = [];
  const t = result.totals;
  const fast = result.fastPath;
  const fastNote = fast ? ` + JS fast path for ${fast.expressions}/${fast.total} expressions (${fast.records} records; ${fast.fallbacks} handed to ${result.engine})` : "";
  out.push(`Preview: ${t.read} records in ${result.files.length} files, JQ engine: ${result.engine}${engineNote}${fastNote} (${result.mode})`);
  out.push("");
  const rows = Object.entries(result.blueprints).map(([bp, c]) => [bp, String(c.upserts), String(c.deletes), String(c.rejected), String(c.filtered)]);
  const header = ["blueprint", "upserts", "deletes", "rejected", "filtered"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i], i > 0)).join("  ");
  out.push(line(header));
  out.push(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) out.push(line(r));
  out.push("");
  out.push(
    `read ${t.read}${t.additionalMatches ? ` (+${t.additionalMatches} taken by a second entry)` : ""} = upserts ${t.upserts} + deletes ${t.deletes} + rejected ${t.rejected} + unmatched ${t.unmatched} + filtered ${t.filtered}${accountingHolds(t) ? "" : "  (DOES NOT ADD UP: please report)"}`,
  );
  out.push(`collisions ${t.collisions}, dangling relations ${t.dangling}`);
  if (result.ignoredFiles.length) out.push(`ignored files (not .jsonl / .jsonl.gz): ${result.ignoredFiles.slice(0, 5).join(", ")}${result.ignoredFiles.length > 5 ? ", ..." : ""}`);
  for (const p of result.compileProblems) out.push(`mapping: ${p}`);
  for (const w of result.warnings) out.push(`warning: mapping ${w}`);
  const problems: string[] = [];
  for (const r of result.rejected) problems.push(`rejected  ${r.file}:${r.line}${r.blueprint ? ` ${r.blueprint}` : ""}${typeof r.identifier === "string" ? ` ${r.identifier}` : ""}: ${r.reason}`);
  for (const c of result.collisions) problems.push(`collision ${c.blueprint} ${c.identifier}: reached by ${c.records.map((r) => `${r.file}:${r.line}`).join(", ")}`);
  for (const d of result.dangling) problems.push(`dangling  ${d.file}:${d.line} ${d.blueprint} ${d.identifier} .${d.relation} -> ${d.reason}${d.references > 1 ? ` (${d.references} references)` : ""}`);
  for (const u of result.unmatched.slice(0, 5)) problems.push(`unmatched ${u.file}:${u.line}: no mapping entry took this ${u.stream} record`);
  if (problems.length) {
    out.push("");
    out.push(`First problems (${Math.min(maxProblems, problems.length)} of ${t.rejected + t.collisions + t.dangling + Math.min(5, result.unmatched.length)}):`);
    for (const p of problems.slice(0, maxProblems)) out.push(`  ${p}`);
  }
  return out.join("\n") + "\n";
}

/** The JSON report (without entities, which the CLI streams; see `jsonReportParts`). */
export function jsonReport(result: PreviewResult, entities?: PreviewEntity[]): string {
  const { entities: collected, ...rest } = result;
  return JSON.stringify({ ...rest, accountingHolds: accountingHolds(result.totals), entities: entities ?? collected ?? [] }, null, 2) + "\n";
}

/** An entity as the JSON report lists it. */
export function jsonEntity(e: PreviewEntity): Record<string, unknown> {
  return e.operation === "delete"
    ? { blueprint: e.blueprint, identifier: e.identifier, operation: e.operation, file: e.file, line: e.line }
    : { blueprint: e.blueprint, identifier: e.identifier, title: e.title ?? null, properties: e.properties, relations: e.relations, operation: e.operation, file: e.file, line: e.line };
}
