import { AnnotationMetadataEntryType, Aspects, Testing } from "cdktf";
import { applyGuardrailRules, PolicyRulesAspect, PORT_S3_CONTRACT_RULES } from "../../src/rules";
import { OktaPortStack } from "../../src/stacks/okta-port-stack";
import { shippedInputs } from "../helpers/synth";

function devStack() {
  const inputs = shippedInputs();
  const app = Testing.app();
  const environment = inputs.environments.find((e) => e.name === "dev")!;
  const stack = new OktaPortStack(app, "dev", { environment, blueprints: inputs.blueprints, mapping: inputs.mapping });
  return { app, stack };
}

const errorsOf = (stack: OktaPortStack) =>
  stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.ERROR).map((m) => ({ path: c.node.path, message: String(m.data) })));

describe("PolicyRulesAspect", () => {
  it("packs one rule per file, nine rules with distinct names", () => {
    expect(PORT_S3_CONTRACT_RULES.map((r) => r.name)).toEqual([
      "PortS3JsonLines", "PortS3Gzip", "PortS3BucketPath", "PortS3PathFormat", "AirbyteFourStreams",
      "AirbyteNamespaceIsWebhookKey", "PortWebhookEnabled", "AirbyteProviderPinned", "OktaStartDateOldEnough",
    ]);
  });

  it("adds no annotation to a compliant stack", () => {
    const { app, stack } = devStack();
    applyGuardrailRules(app);
    Testing.synth(stack);
    expect(errorsOf(stack)).toEqual([]);
  });

  it("annotates the construct at fault, seeing raw overrides; Testing.synth itself does not throw", () => {
    const { app, stack } = devStack();
    applyGuardrailRules(app);
    stack.pipeline.destination.resource.addOverride("configuration.s3_bucket_path", "raw/");
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(errorsOf(stack)).toEqual([
      { path: "dev/pipeline/destination/destination", message: '[PortS3BucketPath] dev/pipeline/destination/destination: expected configuration.s3_bucket_path = "data/", got "raw/"' },
    ]);
  });

  it("reports once when aspects run twice, and is added once per stack", () => {
    const { app, stack } = devStack();
    applyGuardrailRules(app);
    applyGuardrailRules(app);
    expect(Aspects.of(stack).all.filter((a) => a instanceof PolicyRulesAspect)).toHaveLength(1);
    stack.pipeline.webhook.resource.enabled = false;
    Testing.synth(stack);
    Testing.synth(stack);
    expect(errorsOf(stack).map((e) => e.message)).toEqual(["[PortWebhookEnabled] dev/pipeline/webhook/webhook: expected enabled = true, got false"]);
  });

  it("turns a rule that throws into an error on the stack instead of skipping it", () => {
    const { stack } = devStack();
    Aspects.of(stack).add(new PolicyRulesAspect([{ name: "Broken", description: "throws", check: () => { throw new Error("boom"); } }]));
    Testing.synth(stack);
    expect(errorsOf(stack)).toEqual([{ path: "dev", message: "[Broken] dev: expected the rule to run, got an exception: boom" }]);
  });

  it("makes app.synth() throw on a violation (cdktf's own behaviour with error annotations)", () => {
    const { app, stack } = devStack();
    applyGuardrailRules(app);
    stack.pipeline.source.resource.addOverride("configuration.start_date", "2024-01-01T00:00:00Z");
    expect(() => app.synth()).toThrow(/OktaStartDateOldEnough/);
  });
});
