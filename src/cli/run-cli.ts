import { SynthRefused } from "../guardrails/synth-refused";
import { InputError, InputErrors } from "../util/json-file";

/**
 * Runs a CLI body; input problems are printed to stderr one per line (file: path: problem)
 * and exit 1, without a stack trace: they are the user's to fix, not a crash.
 */
export function runCli(body: () => void | Promise<void>): void {
  const fail = (err: unknown) => {
    if (err instanceof InputErrors) {
      for (const e of err.errors) process.stderr.write(`error: ${e.message}\n`);
      process.stderr.write(`${err.errors.length} problem(s) found; nothing was written.\n`);
    } else if (err instanceof SynthRefused) {
      for (const m of err.messages) process.stderr.write(`error: ${m}\n`);
      process.stderr.write(`${err.messages.length} guardrail error(s); nothing was written.\n`);
    } else if (err instanceof InputError) {
      process.stderr.write(`error: ${err.message}\nnothing was written.\n`);
    } else {
      process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exit(1);
  };
  try {
    const result = body();
    if (result instanceof Promise) result.catch(fail);
  } catch (err) {
    fail(err);
  }
}
