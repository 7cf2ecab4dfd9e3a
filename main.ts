// cdktf app entry point: one stack per environments/<name>.json.
import { createApp } from "./src/app";
import { runCli } from "./src/cli/run-cli";

runCli(() => createApp().synth());
