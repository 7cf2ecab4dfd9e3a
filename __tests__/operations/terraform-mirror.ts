import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Provider version @cdktf/provider-aws 20.1.0 is built for. */
export const AWS_PROVIDER_VERSION = "5.100.0";

const platform = `${process.platform === "win32" ? "windows" : process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;

/** Does `root` hold an unpacked filesystem mirror of hashicorp/aws at the version, for this platform? */
const holdsAws = (root: string) => existsSync(join(root, "registry.terraform.io", "hashicorp", "aws", AWS_PROVIDER_VERSION, platform));

/**
 * A local filesystem mirror of hashicorp/aws 5.100.0: `OKTA_KIT_TF_PLUGIN_MIRROR` if set,
 * else Terraform's implied mirror folders, else any `/opt/*` or `/usr/local/share/*` folder
 * that holds one. Undefined when none exists.
 */
export function findAwsProviderMirror(): string | undefined {
  const candidates = [
    process.env.OKTA_KIT_TF_PLUGIN_MIRROR,
    join(homedir(), ".terraform.d", "plugins"),
    join(homedir(), ".local", "share", "terraform", "plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
    ...["/opt", "/usr/local/share", "/srv"].flatMap((base) => {
      try {
        return readdirSync(base).flatMap((d) => [join(base, d), join(base, d, "plugins")]);
      } catch {
        return [];
      }
    }),
  ].filter((c): c is string => !!c);
  return candidates.find(holdsAws);
}

/** `terraform version` works. */
export function terraformAvailable(): boolean {
  return spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
}

/** A Terraform CLI config installing hashicorp/aws only from the mirror, anything else directly. */
export function cliConfig(mirror: string): string {
  return `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
`;
}
