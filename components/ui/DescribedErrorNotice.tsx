import { describeError } from "@/lib/errors/describeError";
import { Notice } from "./Notice";

/** A failed read or write, in plain words: the code ErrorNotice loads when an error first shows. */
export function DescribedErrorNotice({ error }: { error: unknown }) {
  const { title, message } = describeError(error);
  return (
    <Notice tone="error" title={title}>
      {message}
    </Notice>
  );
}
