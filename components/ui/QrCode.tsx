"use client";

import { useQuery } from "@tanstack/react-query";

/** A QR code of `value`, drawn in the browser. */
export function QrCode({ value, label, size = 160 }: { value: string; label: string; size?: number }) {
  const image = useQuery({
    queryKey: ["qr", value, size],
    // The encoder loads when a code is first drawn, not with the page.
    queryFn: async () => (await import("qrcode")).default.toDataURL(value, { width: size, margin: 1 }),
    staleTime: Infinity,
  });
  if (!image.data) return <div style={{ width: size, height: size }} className="animate-pulse rounded bg-slate-100" aria-hidden />;
  // eslint-disable-next-line @next/next/no-img-element -- a data URL made in the browser; next/image adds nothing
  return <img src={image.data} width={size} height={size} alt={label} className="rounded border border-slate-200" />;
}
