import { describeError } from "@/lib/errors/describeError";
import { Notice } from "./Notice";

/** A failed read or write, in plain words. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { title, message } = describeError(error);
  return (
    <Notice tone="error" title={title}>
      {message}
    </Notice>
  );
}
