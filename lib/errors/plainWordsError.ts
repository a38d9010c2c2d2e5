/**
 * An error already in the words a person reads: its own title and message. describeError shows it as it is, so a
 * module that fails in plain words (the relayer's client, the SDK's writes) need not be known to lib/errors.
 */
export class PlainWordsError extends Error {
  constructor(
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = "PlainWordsError";
  }
}
