import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { PortBlueprint } from "../../.gen/providers/port/port-blueprint";
import { convertBlueprint } from "./blueprint-conversion";
import type { LoadedBlueprint } from "./blueprint-document";
import { prefixBlueprintId } from "./identifier-prefix";

export interface PortBlueprintsProps {
  /** Blueprint files as loaded from `blueprints/` (Port's own JSON). */
  readonly blueprints: LoadedBlueprint[];
  /**
   * Let `terraform destroy` delete a blueprint that still has entities.
   * @default false (Port refuses, so a destroy never wipes synced data by accident)
   */
  readonly forceDeleteEntities?: boolean;
  /**
   * Prefix of every blueprint identifier (and of relation targets within the set), for
   * environments sharing one Port organization. `byIdentifier` stays keyed by the file's id.
   * @default none
   */
  readonly identifierPrefix?: string;
  /**
   * Terraform `lifecycle.prevent_destroy` on every blueprint (production environments).
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/**
 * One `port_blueprint` per blueprint file. A relation to another blueprint of the set is
 * written as a reference to that resource, so Terraform creates targets first.
 */
export class PortBlueprints extends Construct {
  /** The blueprint resources by blueprint identifier. */
  readonly byIdentifier: ReadonlyMap<string, PortBlueprint>;

  constructor(scope: Construct, id: string, props: PortBlueprintsProps) {
    super(scope, id);
    const converted = props.blueprints.map((b) => ({ file: b.file, ...convertBlueprint(b.document) }));
    const ids = converted.map((c) => c.config.identifier);
    const duplicate = ids.find((x, i) => ids.indexOf(x) !== i);
    if (duplicate) throw new Error(`${this.node.path}: two blueprint files declare identifier "${duplicate}"`);

    // Create targets before the blueprints that relate to them, so relations can be
    // references; a cycle (or a self-relation) falls back to the plain identifier.
    const byId = new Map(converted.map((c) => [c.config.identifier, c]));
    const kitIds: ReadonlySet<string> = new Set(ids);
    const created = new Map<string, PortBlueprint>();
    const visiting = new Set<string>();
    const create = (identifier: string): void => {
      if (created.has(identifier) || visiting.has(identifier)) return;
      visiting.add(identifier);
      const c = byId.get(identifier)!;
      for (const rel of Object.values(c.config.relations ?? {})) if (byId.has(rel.target)) create(rel.target);
      const relations = Object.fromEntries(
        Object.entries(c.config.relations ?? {}).map(([rid, rel]) => {
          const target = created.get(rel.target);
          return [rid, { ...rel, target: target ? target.identifier : prefixBlueprintId(rel.target, props.identifierPrefix, kitIds) }];
        }),
      );
      const resource = new PortBlueprint(this, identifier, {
        ...c.config,
        identifier: prefixBlueprintId(identifier, props.identifierPrefix, kitIds),
        ...(c.config.relations ? { relations } : {}),
        forceDeleteEntities: props.forceDeleteEntities ?? false,
        ...(props.preventDestroy ? { lifecycle: { preventDestroy: true } } : {}),
      });
      for (const w of c.warnings) Annotations.of(resource).addWarning(`${c.file}: ${w.jsonPath}: blueprint "${identifier}": ${w.message}`);
      visiting.delete(identifier);
      created.set(identifier, resource);
    };
    for (const c of converted) create(c.config.identifier);
    // Keep file order for readers of the map; resource order in JSON is sorted by cdktf anyway.
    this.byIdentifier = new Map(ids.map((i) => [i, created.get(i)!]));
  }
}
