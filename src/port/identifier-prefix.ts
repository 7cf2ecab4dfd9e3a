/**
 * Identifier prefix for teams that share one Port organization between environments
 * (`port.identifierPrefix`): every blueprint of the kit, every relation to one of them,
 * every mapping entry's `blueprint` (and `$blueprint` rules of search queries) and the
 * webhook identifier get the same prefix. Blueprints outside the kit's set (`_user`,
 * `_team`, ...) are left alone.
 */
import type { MappingValue, WebhookMappingEntry } from "./webhook-mapping";

/** `prefix + identifier` when the identifier is one of the kit's blueprints. */
export function prefixBlueprintId(identifier: string, prefix: string | undefined, kitBlueprints: ReadonlySet<string>): string {
  return prefix && kitBlueprints.has(identifier) ? `${prefix}${identifier}` : identifier;
}

function prefixSearchQuery(value: unknown, prefix: string, kit: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => prefixSearchQuery(v, prefix, kit));
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = prefixSearchQuery(v, prefix, kit);
  if (obj.property === "$blueprint" && typeof obj.value === "string") out.value = prefixBlueprintId(obj.value, prefix, kit);
  if (typeof obj.blueprint === "string") out.blueprint = prefixBlueprintId(obj.blueprint, prefix, kit);
  return out;
}

function prefixValue(v: MappingValue, prefix: string, kit: ReadonlySet<string>): MappingValue {
  return typeof v === "string" ? v : (prefixSearchQuery(v, prefix, kit) as Record<string, unknown>);
}

/** The mapping entries with the prefix applied to the blueprints they write (a copy). */
export function prefixMappingEntries(entries: WebhookMappingEntry[], prefix: string | undefined, kitBlueprints: ReadonlySet<string>): WebhookMappingEntry[] {
  if (!prefix) return entries;
  return entries.map((e) => ({
    ...e,
    blueprint: prefixBlueprintId(e.blueprint, prefix, kitBlueprints),
    entity: {
      ...e.entity,
      identifier: prefixValue(e.entity.identifier, prefix, kitBlueprints),
      ...(e.entity.relations ? { relations: Object.fromEntries(Object.entries(e.entity.relations).map(([k, v]) => [k, prefixValue(v, prefix, kitBlueprints)])) } : {}),
    },
  }));
}
