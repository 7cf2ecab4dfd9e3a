import { AnnotationMetadataEntryType, Annotations, Aspects, IAspect, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { PolicyRule, RuleFinding } from "./policy-rule";

/** The message of a finding: `[RuleName] <construct path>: expected ..., got ...`. */
export function formatFinding(rule: Pick<PolicyRule, "name">, finding: RuleFinding): string {
  return `[${rule.name}] ${finding.constructPath}: expected ${finding.expected}, got ${finding.got}`;
}

/**
 * Runs a pack of policy rules on every stack it visits. The rules see the stack's resolved
 * Terraform JSON, the very object cdktf writes to `cdk.tf.json` (`TerraformStack.toTerraform()`:
 * construct props, `addOverride` on resources and on the stack, escape hatches). Each finding
 * becomes an error Annotation on the construct at fault (the stack when it has no construct).
 */
export class PolicyRulesAspect implements IAspect {
  constructor(readonly rules: readonly PolicyRule[]) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    const stack = node;
    const view = { stackPath: stack.node.path, json: stack.toTerraform() as Record<string, unknown> };
    const byPath = new Map<string, IConstruct>(stack.node.findAll().map((c) => [c.node.path, c]));
    for (const rule of this.rules) {
      let findings: RuleFinding[];
      try {
        findings = rule.check(view);
      } catch (err) {
        findings = [{ constructPath: stack.node.path, expected: "the rule to run", got: `an exception: ${err instanceof Error ? err.message : String(err)}` }];
      }
      for (const finding of findings) {
        const target = byPath.get(finding.constructPath) ?? stack;
        const message = formatFinding(rule, finding);
        // Aspects may run more than once on a stack (Testing.synth, then app.synth): report once.
        const already = target.node.metadata.some((m) => m.type === AnnotationMetadataEntryType.ERROR && m.data === message);
        if (!already) Annotations.of(target).addError(message);
      }
    }
  }
}

/**
 * Adds the aspect to every stack under `scope` (cdktf runs only a stack's own aspects, not
 * the App's). Idempotent: a stack that already has a PolicyRulesAspect gets no second one.
 */
export function applyPolicyRules(scope: IConstruct, rules: readonly PolicyRule[]): void {
  for (const stack of scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c))) {
    if (!Aspects.of(stack).all.some((a) => a instanceof PolicyRulesAspect)) Aspects.of(stack).add(new PolicyRulesAspect(rules));
  }
}
