/**
 * `npm run get`: generates the CDKTF provider bindings into `.gen/` from the schemas
 * vendored in `providers/`, without a Terraform binary or registry access.
 *
 * It is the offline equivalent of `cdktf get` for the providers listed in `cdktf.json`:
 * each schema is a `terraform providers schema -json` document; we add `provider_versions`
 * so the generated provider classes pin the exact version in `required_providers`.
 *
 * Skips work when `.gen/` was generated from the same schemas and generator version (a
 * stamp file holds their hash), so it is cheap to run before every synth and test.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../util/project-root";

const root = projectRoot();
const genDir = join(root, ".gen");
const stampFile = join(genDir, ".stamp");

interface CdktfProviderEntry {
  name: string;
  source: string;
  version: string;
}

/** Provider entries of cdktf.json, each matched with its vendored schema file. */
function providerEntries(): Array<CdktfProviderEntry & { schemaFile: string }> {
  const cdktfJson = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")) as {
    terraformProviders: CdktfProviderEntry[];
  };
  return cdktfJson.terraformProviders.map((entry) => {
    const type = entry.source.split("/").pop() as string;
    const schemaFile = join(root, "providers", `${type}-${entry.version}.schema.json`);
    if (!existsSync(schemaFile)) {
      throw new Error(
        `cdktf.json: terraformProviders "${entry.source}" ${entry.version}: no vendored schema at providers/${type}-${entry.version}.schema.json`,
      );
    }
    return { ...entry, schemaFile };
  });
}

function generatorVersion(): string {
  return JSON.parse(readFileSync(require.resolve("@cdktf/provider-generator/package.json"), "utf8")).version;
}

async function main(): Promise<void> {
  const entries = providerEntries();
  const hash = createHash("sha256");
  hash.update(generatorVersion());
  for (const e of entries) hash.update(JSON.stringify([e.name, e.source, e.version])).update(readFileSync(e.schemaFile));
  const digest = hash.digest("hex");

  const force = process.argv.includes("--force");
  if (!force && existsSync(stampFile) && readFileSync(stampFile, "utf8") === digest) return;

  // Generate into a scratch folder and swap it in, so an interrupted run never leaves
  // half a set of bindings behind.
  // Loaded only when there is work to do: @cdktf/commons takes most of a second to load.
  const { ConstructsMakerProviderTarget, LANGUAGES, TerraformProviderConstraint } = await import("@cdktf/commons");
  const { CodeMaker, TerraformProviderGenerator } = await import("@cdktf/provider-generator");
  const scratch = `${genDir}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  for (const e of entries) {
    const schema = JSON.parse(readFileSync(e.schemaFile, "utf8"));
    const fqpn = Object.keys(schema.provider_schemas)[0];
    schema.provider_versions = { [fqpn]: e.version };
    const code = new CodeMaker();
    const generator = new TerraformProviderGenerator(code, schema);
    const constraint = new TerraformProviderConstraint({ name: e.name, source: e.source, version: e.version });
    generator.generate(new ConstructsMakerProviderTarget(constraint, LANGUAGES[0]));
    await code.save(scratch);
  }
  writeFileSync(join(scratch, ".stamp"), digest);
  rmSync(genDir, { recursive: true, force: true });
  renameSync(scratch, genDir);
  console.error(`get-providers: generated ${entries.map((e) => `${e.source}@${e.version} as "${e.name}"`).join(", ")} into .gen/`);
}

main().catch((err) => {
  console.error(`get-providers: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
