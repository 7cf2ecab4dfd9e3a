/**
 * Determinism: two synths of the same input are byte-identical, in two processes and from
 * two different clone paths; and the comparison catches a nondeterministic value.
 */
import { TerraformLocal, TerraformStack } from "cdktf";
import { loadInputs } from "../../src/app";
import { cleanupTemps, makeProject, runSynthCli, snapshotTree, synthInProcess, tempDir } from "./harness";

afterAll(cleanupTemps);

/** Files present in only one tree or with different bytes. */
function differingFiles(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => a[f] !== b[f]).sort();
}

describe("determinism", () => {
  it("two CLI synths, in separate processes and different clone paths, are byte-identical", () => {
    const first = makeProject();
    const second = makeProject();
    expect(first).not.toBe(second);
    const runs = [runSynthCli(first), runSynthCli(second)];
    for (const r of runs) expect([r.status, r.stderr]).toEqual([0, ""]);
    const a = snapshotTree(`${first}/cdktf.out`);
    expect(Object.keys(a).length).toBeGreaterThanOrEqual(4);
    expect(differingFiles(a, snapshotTree(`${second}/cdktf.out`))).toEqual([]);
  });

  it("two in-process synths are byte-identical", () => {
    const [x, y] = [tempDir(), tempDir()];
    synthInProcess(loadInputs(makeProject()), x);
    synthInProcess(loadInputs(makeProject()), y);
    expect(differingFiles(snapshotTree(x), snapshotTree(y))).toEqual([]);
  });

  it("catches a nondeterministic value (time, randomness) and names the file", () => {
    const inputs = loadInputs(makeProject());
    const [x, y] = [tempDir(), tempDir()];
    let n = 0;
    const nondeterministic = (app: import("cdktf").App) => {
      new TerraformLocal(app.node.findChild("dev") as TerraformStack, "built_at", `${Date.now()}-${Math.random()}-${n++}`);
    };
    synthInProcess(inputs, x, nondeterministic);
    synthInProcess(inputs, y, nondeterministic);
    expect(differingFiles(snapshotTree(x), snapshotTree(y))).toEqual(["stacks/dev/cdk.tf.json"]);
  });

  it("catches an absolute path that differs between clones", () => {
    const [p, q] = [makeProject(), makeProject()];
    const [x, y] = [tempDir(), tempDir()];
    synthInProcess(loadInputs(p), x, (app) => new TerraformLocal(app.node.findChild("prod") as TerraformStack, "root", p));
    synthInProcess(loadInputs(q), y, (app) => new TerraformLocal(app.node.findChild("prod") as TerraformStack, "root", q));
    expect(differingFiles(snapshotTree(x), snapshotTree(y))).toEqual(["stacks/prod/cdk.tf.json"]);
  });
});
