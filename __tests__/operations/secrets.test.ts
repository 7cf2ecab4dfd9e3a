import { parseEnvironment } from "../../src/config/environment";
import { SECRET_NAMES } from "../../src/config/operations";
import { secretSpecs } from "../../src/stacks/secrets";
import { shippedInputs, synthStack } from "../helpers/synth";
import { synthApp, variant } from "./helpers";

const fromSecretsManager = variant("prod", (d) => (d.secrets = { source: "secretsmanager", region: "eu-west-1" }));
const fromSsm = variant("staging", (d) => (d.secrets = { source: "ssm", region: "eu-central-1", names: { okta_api_token: "/acme/okta/readonly-token" } }));

describe("secrets source per environment", () => {
  test("default: sensitive TF_VAR_ variables and no AWS provider", () => {
    const env = variant("dev");
    expect(env.secrets).toEqual({ source: "tf_var" });
    const { json } = synthStack(env);
    expect(Object.keys(json.variable).sort()).toEqual(secretSpecs(env).map((s) => s.name).sort());
    expect(json.provider.aws).toBeUndefined();
    expect(json.data).toBeUndefined();
  });

  test("Secrets Manager: one secret version data source per secret, default id okta-port/<env>/<secret>, no variables", () => {
    const { json } = synthStack(fromSecretsManager);
    expect(json.variable).toBeUndefined();
    expect(json.provider.aws).toEqual([{ region: "eu-west-1" }]);
    const data = json.data.aws_secretsmanager_secret_version;
    expect(Object.keys(data).sort()).toEqual(secretSpecs(fromSecretsManager).map((s) => `secret_${s.name}`).sort());
    expect(data.secret_okta_api_token.secret_id).toBe("okta-port/prod/okta_api_token");
    expect(json.provider.airbyte[0]).toMatchObject({
      client_id: "${data.aws_secretsmanager_secret_version.secret_airbyte_client_id.secret_string}",
      client_secret: "${data.aws_secretsmanager_secret_version.secret_airbyte_client_secret.secret_string}",
    });
    expect(json.provider.port[0].secret).toBe("${data.aws_secretsmanager_secret_version.secret_port_client_secret.secret_string}");
    const source = Object.values<any>(json.resource.airbyte_source_okta)[0];
    expect(source.configuration.credentials.api_token.api_token).toBe("${data.aws_secretsmanager_secret_version.secret_okta_api_token.secret_string}");
    const destination = Object.values<any>(json.resource.airbyte_destination_s3)[0];
    expect(destination.configuration.secret_access_key).toBe("${data.aws_secretsmanager_secret_version.secret_s3_secret_access_key.secret_string}");
  });

  test("SSM Parameter Store: decrypted parameters, default name /okta-port/<env>/<secret>, per-secret override", () => {
    const { json } = synthStack(fromSsm);
    expect(json.provider.aws).toEqual([{ region: "eu-central-1" }]);
    const data = json.data.aws_ssm_parameter;
    expect(data.secret_okta_api_token).toMatchObject({ name: "/acme/okta/readonly-token", with_decryption: true });
    expect(data.secret_port_client_id).toMatchObject({ name: "/okta-port/staging/port_client_id", with_decryption: true });
    for (const d of Object.values<any>(data)) expect(d.with_decryption).toBe(true);
    expect(json.provider.port[0].client_id).toBe("${data.aws_ssm_parameter.secret_port_client_id.value}");
  });

  test("the webhook signature secret follows the same source", () => {
    const env = variant("prod", (d) => {
      d.secrets = { source: "ssm", region: "eu-west-1" };
      d.port.webhook.security = { signatureHeaderName: "X-Sig", signatureAlgorithm: "sha256" };
    });
    const webhook = Object.values<any>(synthStack(env).json.resource.port_webhook)[0];
    expect(webhook.security.secret).toBe("${data.aws_ssm_parameter.secret_port_webhook_secret.value}");
  });

  test("the file is validated: AWS sources need a region, names must be known secrets", () => {
    const doc = JSON.parse(JSON.stringify(shippedInputs().environments.find((e) => e.name === "prod")));
    expect(() => parseEnvironment("environments/prod.json", { ...doc, secrets: { source: "ssm" } })).toThrow(/\$\.secrets\.region/);
    expect(() => parseEnvironment("environments/prod.json", { ...doc, secrets: { source: "ssm", region: "eu-west-1", names: { okta_api_tokn: "/x" } } })).toThrow(/\$\.secrets\.names/);
    expect(() => parseEnvironment("environments/prod.json", { ...doc, secrets: { source: "vault" } })).toThrow(/\$\.secrets\.source/);
    expect(SECRET_NAMES).toEqual(expect.arrayContaining(secretSpecs(fromSecretsManager).map((s) => s.name)));
  });
});

describe("sentinel scan: no secret value reaches cdktf.out", () => {
  const SENTINEL = "SENTINEL-7f3a9c1e-do-not-leak";
  const saved = { ...process.env };
  beforeAll(() => {
    // Every place a careless implementation could read a secret from at synth time.
    for (const name of SECRET_NAMES) {
      process.env[`TF_VAR_${name}`] = `${SENTINEL}-${name}`;
      process.env[name.toUpperCase()] = `${SENTINEL}-${name}`;
    }
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: `${SENTINEL}-akid`, AWS_SECRET_ACCESS_KEY: `${SENTINEL}-sak`, AWS_SESSION_TOKEN: `${SENTINEL}-st`, PORT_CLIENT_SECRET: `${SENTINEL}-pcs` });
  });
  afterAll(() => {
    process.env = saved;
  });

  test.each([["secretsmanager"], ["ssm"], ["tf_var"]])("secrets from %s: every synthesized file of every stack is free of the sentinel", (source) => {
    const environments = shippedInputs().environments.map((e) =>
      variant(e.name, (d) => {
        d.secrets = source === "tf_var" ? { source } : { source, region: "eu-west-1" };
        d.port.webhook.security = { signatureHeaderName: "X-Sig", signatureAlgorithm: "sha256" };
      }),
    );
    const files = synthApp({ environments });
    expect(files.filter((f) => f.path.endsWith("cdk.tf.json")).length).toBe(environments.length + 1);
    for (const f of files) expect({ path: f.path, leaked: f.text.includes(SENTINEL) }).toEqual({ path: f.path, leaked: false });
    if (source !== "tf_var") {
      const all = files.map((f) => f.text).join("\n");
      expect(all).toContain(source === "ssm" ? "aws_ssm_parameter" : "aws_secretsmanager_secret_version");
      expect(all).not.toMatch(/"variable"\s*:/);
    }
  });
});
