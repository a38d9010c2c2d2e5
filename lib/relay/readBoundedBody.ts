export type BoundedBody = { ok: true; text: string } | { ok: false; bytesRead: number };

/**
 * The request's body as text, read as a stream and abandoned as soon as it passes `maxBytes`: a chunked body has
 * no Content-Length to refuse up front, and `request.text()` would hold all of it (64 MiB, say) before anyone
 * could look at its size. A declared length over the bound is refused without reading a byte.
 */
export async function readBoundedBody(request: Request, maxBytes: number): Promise<BoundedBody> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, bytesRead: 0 };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytesRead = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytesRead += value.byteLength;
    if (bytesRead > maxBytes) {
      // Stop pulling: the rest is never read, and the response closes the connection (see relayHttp.ts).
      await reader.cancel().catch(() => undefined);
      return { ok: false, bytesRead };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(bytesRead);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(body) };
}
