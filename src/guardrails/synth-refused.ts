/** Synth was refused: every error annotation of every stack, one message each. */
export class SynthRefused extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join("\n"));
    this.name = "SynthRefused";
  }
}
