// cdktf app entry point: one stack per environments/<name>.json.
// Synthesized into a temporary folder; cdktf.out changes only when every guardrail passes.
import { createApp } from "./src/app";
import { runCli } from "./src/cli/run-cli";
import { synthAtomically } from "./src/guardrails/safe-synth";

runCli(() => void synthAtomically((outdir) => createApp({ outdir })));
