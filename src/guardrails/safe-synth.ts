/**
 * No partial output: synthesizes into a fresh temporary folder, and copies the result over
 * the real output folder only when every stack synthesized without an error annotation.
 * A refused synth leaves the output folder byte-for-byte as it was.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { AnnotationMetadataEntryType, App, TerraformStack } from "cdktf";
import { applyGuardrailRules } from "../rules";

import { SynthRefused } from "./synth-refused";

export { SynthRefused };

export interface SafeSynthResult {
  /** Files written, relative to the output folder, sorted. */
  readonly files: string[];
  /** Warning annotations, as `<construct path>: <message>`. */
  readonly warnings: string[];
}

export interface SafeSynthOptions {
  /** Final output folder. Default: `CDKTF_OUTDIR`, else `cdktf.out`. */
  readonly outdir?: string;
  /** Where warnings go. Default: stderr, one `warning: ...` line each. */
  readonly onWarning?: (message: string) => void;
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), base) : [relative(base, join(dir, e.name))]))
    .sort();
}

/** `[RuleName] path: ...` messages carry their path; others get the construct path in front. */
function annotationMessage(path: string, data: unknown): string {
  const text = typeof data === "string" ? data : JSON.stringify(data);
  return text.startsWith("[") || text.startsWith(`${path}:`) ? text : `${path || "<app>"}: ${text}`;
}

/**
 * Builds the app into a temporary folder (`build` receives the folder to pass as the App's
 * outdir), applies the guardrail rules to every stack, synthesizes, and refuses with
 * SynthRefused when any construct carries an error annotation (of any stack: all are
 * reported at once, whatever CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS says). Only then are
 * the files copied into the output folder, each through a rename.
 */
export function synthAtomically(build: (tempOutdir: string) => App, options: SafeSynthOptions = {}): SafeSynthResult {
  const outdir = options.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const onWarning = options.onWarning ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  const temp = mkdtempSync(join(tmpdir(), "okta-kit-synth-"));
  try {
    const app = build(temp);
    applyGuardrailRules(app);
    const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    for (const stack of stacks) {
      // Let every stack synthesize (into the temp folder) so all errors are reported at once.
      const synthesizer = stack.synthesizer as unknown as { continueOnErrorAnnotations?: boolean };
      if ("continueOnErrorAnnotations" in synthesizer) synthesizer.continueOnErrorAnnotations = true;
    }
    app.synth();

    const errors: string[] = [];
    const warnings: string[] = [];
    for (const c of app.node.findAll()) {
      for (const m of c.node.metadata) {
        if (m.type === AnnotationMetadataEntryType.ERROR) errors.push(annotationMessage(c.node.path, m.data));
        else if (m.type === AnnotationMetadataEntryType.WARN) warnings.push(annotationMessage(c.node.path, m.data));
      }
    }
    if (errors.length) throw new SynthRefused(errors);

    const files = listFiles(temp);
    for (const file of files) {
      const dest = join(outdir, file);
      mkdirSync(dirname(dest), { recursive: true });
      const staging = `${dest}.tmp-${process.pid}`;
      copyFileSync(join(temp, file), staging);
      renameSync(staging, dest);
    }
    warnings.forEach(onWarning);
    return { files, warnings };
  } finally {
    if (existsSync(temp)) rmSync(temp, { recursive: true, force: true });
  }
}
