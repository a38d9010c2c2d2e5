import { CliError } from "./errors";

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3_600, d: 86_400, w: 604_800 };

/**
 * A moment given on the command line, in unix seconds: a duration from `nowSeconds` ("90m", "12h", "7d", "2w"), a
 * date or date and time ("2026-12-31", "2026-12-31T17:00", UTC unless it says otherwise), or unix seconds. Pure.
 */
export function parseWhen(text: string, nowSeconds: number, flag: string): bigint {
  const value = text.trim();
  const duration = /^(\d+)\s*([mhdw])$/i.exec(value);
  if (duration) return BigInt(nowSeconds + Number(duration[1]) * UNIT_SECONDS[duration[2].toLowerCase()]);
  if (/^\d{9,12}$/.test(value)) return BigInt(value);
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value) || value.length === 10 ? value : `${value.replace(" ", "T")}Z`;
    const ms = Date.parse(zoned);
    if (!Number.isNaN(ms)) return BigInt(Math.floor(ms / 1000));
  }
  throw new CliError(
    `Not a time: ${flag} "${text}". Write a duration (90m, 12h, 7d, 2w), a date (2026-12-31, 2026-12-31T17:00Z) or unix seconds.`,
  );
}
