/**
 * The GitHub Actions workflows (.github/workflows/), parsed: triggers, job graph, GitHub
 * environments, actions used, and that every npm script and local file they call exists.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { SECRET_NAMES } from "../../src/config/operations";

const root = join(__dirname, "..", "..");
const dir = join(root, ".github", "workflows");
type Step = { name?: string; id?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string>; "working-directory"?: string };
type Job = { name?: string; needs?: string | string[]; environment?: string | { name: string }; steps: Step[]; strategy?: any; outputs?: Record<string, string>; permissions?: Record<string, string>; env?: Record<string, string> };
type Workflow = { name: string; on: Record<string, any>; jobs: Record<string, Job>; permissions?: Record<string, string>; env?: Record<string, string> };

const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
const workflows: Record<string, Workflow> = Object.fromEntries(files.map((f) => [f, parse(readFileSync(join(dir, f), "utf8"))]));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const needsOf = (job: Job) => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);
const envOf = (job: Job) => (typeof job.environment === "string" ? job.environment : job.environment?.name);
const allSteps = Object.entries(workflows).flatMap(([file, w]) => Object.entries(w.jobs).flatMap(([job, j]) => j.steps.map((s) => ({ file, job, step: s }))));
const runText = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");

test("the three workflows exist", () => {
  expect(files).toEqual(["deploy.yml", "drift.yml", "pull-request.yml"]);
});

describe("pull-request.yml", () => {
  const w = workflows["pull-request.yml"];
  test("runs on pull requests to main", () => {
    expect(Object.keys(w.on)).toEqual(["pull_request"]);
    expect(w.on.pull_request.branches).toEqual(["main"]);
  });

  test("test job: install, test, synth, preview when it exists, promote:check, environment list", () => {
    const run = runText(w.jobs.test);
    const order = ["npm ci", "npm test", "npm run synth", "npm run --silent preview", "npm run --silent promote:check -- staging prod", "npm run --silent environments"].map((c) => run.indexOf(c));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const preview = w.jobs.test.steps.find((s) => s.run?.includes("npm run --silent preview"))!;
    const guard = w.jobs.test.steps.find((s) => s.id === "preview")!;
    expect(preview.if).toBe("steps.preview.outputs.present == 'true'");
    expect(guard.run).toContain("require('./package.json').scripts.preview");
  });

  test("plan job: needs test, one run per environment from the environments list, cdktf diff, plan posted as a comment", () => {
    const plan = w.jobs.plan;
    expect(needsOf(plan)).toEqual(["test"]);
    expect(w.jobs.test.outputs!.environments).toBe("${{ steps.environments.outputs.matrix }}");
    expect(w.jobs.test.steps.some((s) => s.id === "environments")).toBe(true);
    expect(plan.strategy.matrix.environment).toBe("${{ fromJSON(needs.test.outputs.environments) }}");
    expect(plan.strategy["fail-fast"]).toBe(false);
    expect(runText(plan)).toContain('npx cdktf diff "${{ matrix.environment.name }}"');
    const comment = plan.steps.find((s) => s.uses?.startsWith("actions/github-script@"))!;
    expect(comment.with!.script).toMatch(/createComment/);
    expect(comment.with!.script).toMatch(/updateComment/);
    expect(plan.permissions).toMatchObject({ "pull-requests": "write", "id-token": "write" });
    expect(envOf(plan)).toBeUndefined();
  });

  test("the matrix the environments script prints has a name and secret prefix per environment file", () => {
    const r = spawnSync("npm", ["run", "--silent", "environments"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(0);
    const names = readdirSync(join(root, "environments")).filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json")).map((f) => f.replace(/\.json$/, "")).sort();
    expect(JSON.parse(r.stdout)).toEqual(names.map((name) => ({ name, secretPrefix: name.toUpperCase().replace(/-/g, "_") })));
  });
});

describe("deploy.yml", () => {
  const w = workflows["deploy.yml"];
  test("runs on push to main (and by hand)", () => {
    expect(w.on.push.branches).toEqual(["main"]);
    expect("workflow_dispatch" in w.on).toBe(true);
    expect("pull_request" in w.on).toBe(false);
  });

  test("test -> dev -> staging -> prod, each deploy job in its GitHub environment", () => {
    expect(Object.fromEntries(Object.entries(w.jobs).map(([k, j]) => [k, { needs: needsOf(j), environment: envOf(j) }]))).toEqual({
      test: { needs: [], environment: undefined },
      dev: { needs: ["test"], environment: "dev" },
      staging: { needs: ["dev"], environment: "staging" },
      prod: { needs: ["staging"], environment: "prod" },
    });
  });

  test.each(["dev", "staging", "prod"])("%s: remote state required, OIDC role, then cdktf deploy of that stack only", (env) => {
    const job = w.jobs[env];
    const run = runText(job);
    expect(run).toContain(`npm run --silent environments -- --require-remote-state ${env}`);
    expect(run).toContain(`npx cdktf deploy ${env} --auto-approve`);
    const aws = job.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!;
    expect(aws.with!["role-to-assume"]).toBe("${{ secrets.AWS_DEPLOY_ROLE_ARN }}");
    const idx = (pred: (s: Step) => boolean) => job.steps.findIndex(pred);
    expect(idx((s) => !!s.run?.includes("--require-remote-state"))).toBeLessThan(idx((s) => !!s.run?.includes("cdktf deploy")));
    expect(w.permissions).toMatchObject({ "id-token": "write", contents: "read" });
  });

  test("prod re-checks the staging -> prod promotion before deploying", () => {
    const steps = w.jobs.prod.steps;
    const check = steps.findIndex((s) => s.run === "npm run --silent promote:check -- staging prod");
    expect(check).toBeGreaterThanOrEqual(0);
    expect(check).toBeLessThan(steps.findIndex((s) => !!s.run?.includes("cdktf deploy")));
  });
});

describe("drift.yml", () => {
  const w = workflows["drift.yml"];
  test("scheduled (valid 5-field cron) and by hand", () => {
    expect(w.on.schedule).toHaveLength(1);
    expect(w.on.schedule[0].cron.split(" ")).toHaveLength(5);
    expect("workflow_dispatch" in w.on).toBe(true);
  });

  test("plans every environment with -detailed-exitcode; exit 2 opens an issue", () => {
    const job = w.jobs.drift;
    expect(needsOf(job)).toEqual(["environments"]);
    expect(job.strategy.matrix.environment).toBe("${{ fromJSON(needs.environments.outputs.matrix) }}");
    const plan = job.steps.find((s) => s.id === "plan")!;
    expect(plan.run).toContain("terraform plan -detailed-exitcode");
    expect(plan["working-directory"]).toBe("cdktf.out/stacks/${{ matrix.environment.name }}");
    const synth = job.steps.findIndex((s) => s.run === "npm run synth");
    expect(synth).toBeGreaterThanOrEqual(0);
    expect(synth).toBeLessThan(job.steps.indexOf(plan));
    const issue = job.steps.find((s) => s.uses?.startsWith("actions/github-script@"))!;
    expect(issue.if).toBe("steps.plan.outputs.exitcode == '2'");
    expect(issue.with!.script).toMatch(/issues\.create\(/);
    expect(job.permissions).toMatchObject({ issues: "write", "id-token": "write" });
  });
});

describe("every workflow", () => {
  test("only maintained actions, pinned to a major version (no archived hashicorp/terraform-cdk-action)", () => {
    const allowed = /^(actions\/checkout@v4|actions\/setup-node@v4|actions\/github-script@v7|hashicorp\/setup-terraform@v3|aws-actions\/configure-aws-credentials@v4)$/;
    const uses = allSteps.filter((s) => s.step.uses).map((s) => s.step.uses!);
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(allowed);
    for (const f of files) expect(readFileSync(join(dir, f), "utf8")).not.toContain("terraform-cdk-action");
  });

  test("every job that runs terraform sets it up without the wrapper (cdktf parses its output)", () => {
    for (const [, w] of Object.entries(workflows)) {
      for (const job of Object.values(w.jobs)) {
        if (!/cdktf (diff|deploy)|terraform (init|plan)/.test(runText(job))) continue;
        const setup = job.steps.find((s) => s.uses?.startsWith("hashicorp/setup-terraform@"));
        expect(setup?.with).toMatchObject({ terraform_wrapper: false });
      }
    }
  });

  test("every needs names an existing job, and the graph has no cycle", () => {
    for (const w of Object.values(workflows)) {
      const seen = new Set<string>();
      const visit = (job: string, path: string[]) => {
        expect(path).not.toContain(job);
        expect(Object.keys(w.jobs)).toContain(job);
        if (seen.has(job)) return;
        seen.add(job);
        for (const n of needsOf(w.jobs[job])) visit(n, [...path, job]);
      };
      for (const job of Object.keys(w.jobs)) visit(job, []);
    }
  });

  test("every npm script they run exists in package.json; npx cdktf comes from the cdktf-cli devDependency", () => {
    const scripts = allSteps.flatMap((s) => [...(s.step.run ?? "").matchAll(/npm run (?:--silent )?([\w:.-]+)/g)].map((m) => m[1]));
    expect(new Set(scripts)).toEqual(new Set(["synth", "preview", "promote:check", "environments"]));
    for (const name of scripts) expect(Object.keys(pkg.scripts)).toContain(name);
    expect(allSteps.some((s) => /\bnpx cdktf\b/.test(s.step.run ?? ""))).toBe(true);
    expect(pkg.devDependencies["cdktf-cli"]).toBeDefined();
    expect(pkg.scripts.test).toBeDefined();
  });

  test("every local file they reference exists (cdktf.out only after npm run synth)", () => {
    for (const { file, job, step } of allSteps) {
      const text = [step.run ?? "", step["working-directory"] ?? "", JSON.stringify(step.with ?? {}), JSON.stringify(step.env ?? {})].join("\n");
      for (const m of text.matchAll(/(?:^|[\s"'=])((?:\.\/)?(?:src|environments|blueprints|mappings|providers|\.ci|\.github|__tests__)\/[\w./-]+)/g)) {
        expect({ file, job, path: m[1], exists: existsSync(join(root, m[1])) }).toEqual({ file, job, path: m[1], exists: true });
      }
      if (/cdktf\.out\//.test(text)) {
        const steps = workflows[file].jobs[job].steps;
        const synth = steps.findIndex((s) => s.run === "npm run synth");
        expect({ file, job, synthBefore: synth >= 0 && synth < steps.indexOf(step) }).toEqual({ file, job, synthBefore: true });
      }
    }
  });

  test("secrets come from the repository's secrets, never from files; every stack secret is wired", () => {
    for (const { step } of allSteps) {
      for (const [k, v] of Object.entries(step.env ?? {})) {
        if (k.startsWith("TF_VAR_")) expect(v).toMatch(/^\$\{\{ secrets(\.|\[)/);
      }
      expect(step.run ?? "").not.toMatch(/TF_VAR_\w+=|\.tfvars|secrets?\.json|\.env\b/);
    }
    const wired = (job: Job) => job.steps.flatMap((s) => Object.keys(s.env ?? {})).filter((k) => k.startsWith("TF_VAR_")).sort();
    const expected = SECRET_NAMES.map((n) => `TF_VAR_${n}`).sort();
    expect(wired(workflows["pull-request.yml"].jobs.plan)).toEqual(expected);
    expect(wired(workflows["drift.yml"].jobs.drift)).toEqual(expected);
    for (const env of ["dev", "staging", "prod"]) expect(wired(workflows["deploy.yml"].jobs[env])).toEqual(expected);
    const prodVars = workflows["deploy.yml"].jobs.prod.steps.flatMap((s) => Object.values(s.env ?? {}));
    for (const v of prodVars.filter((x) => x.includes("secrets."))) expect(v).toMatch(/secrets\.PROD_/);
  });
});
