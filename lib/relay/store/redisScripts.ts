import { createHash } from "node:crypto";

/**
 * The Redis store's check-and-count steps, each one Lua script: Redis runs a script alone, start to end, so two
 * relayer instances can never both take the last rate slot or both reserve the last wei under the cap. Lua numbers
 * are doubles: amounts are whole gwei (exact up to 2^53 gwei, 9 million ether), and are passed on to Redis as the
 * strings the caller sent, never as Lua's rendering of a number.
 */
export interface LuaScript {
  lua: string;
  sha: string;
}

function script(lua: string): LuaScript {
  return { lua, sha: createHash("sha1").update(lua).digest("hex") };
}

/**
 * KEYS: one sorted set per bucket (member: a unique token, score: the time of the event).
 * ARGV: now (ms), window (ms), token, then each bucket's limit, then each bucket's count (events to add at once).
 * Returns {0, 0} when the events were counted in every bucket, or {i, ms}: bucket i (1-based) has no room for ms more.
 */
export const TAKE_RATE = script(`
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local n = #KEYS
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local limit = tonumber(ARGV[3 + i])
  local count = tonumber(ARGV[3 + n + i])
  local held = redis.call('ZCARD', key)
  if held + count > limit then
    local wait = window
    if count <= limit then
      local freeing = redis.call('ZRANGE', key, held + count - limit - 1, held + count - limit - 1, 'WITHSCORES')
      if freeing[2] then wait = tonumber(freeing[2]) + window - now end
    end
    return {i, wait}
  end
end
for i, key in ipairs(KEYS) do
  for j = 1, tonumber(ARGV[3 + n + i]) do
    redis.call('ZADD', key, now, ARGV[3] .. ':' .. j)
  end
  redis.call('PEXPIRE', key, window)
end
return {0, 0}
`);

/**
 * KEYS: one hash per bucket (field: slot number, value: gwei spent or reserved in it), then the reservation's key.
 * ARGV: the current slot, the oldest slot counted, time to live (ms), gwei, then each bucket's cap in gwei.
 * Returns 1 when reserved in every bucket, 0 when any would pass its cap (nothing reserved).
 */
export const RESERVE_SPEND = script(`
local n = #KEYS - 1
local slot = tonumber(ARGV[1])
local oldest = tonumber(ARGV[2])
local gwei = tonumber(ARGV[4])
for i = 1, n do
  local fields = redis.call('HGETALL', KEYS[i])
  local total = 0
  for j = 1, #fields, 2 do
    if tonumber(fields[j]) < oldest then
      redis.call('HDEL', KEYS[i], fields[j])
    else
      total = total + tonumber(fields[j + 1])
    end
  end
  if total + gwei > tonumber(ARGV[4 + i]) then return 0 end
end
for i = 1, n do
  redis.call('HINCRBY', KEYS[i], ARGV[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[i], ARGV[3])
end
redis.call('HSET', KEYS[n + 1], 'slot', ARGV[1], 'gwei', ARGV[4])
redis.call('PEXPIRE', KEYS[n + 1], ARGV[3])
return 1
`);

/**
 * KEYS: the reservation's key, then its buckets' hashes. ARGV: the gwei really spent, the oldest slot counted.
 * Moves each bucket's slot by (spent - reserved) and forgets the reservation; a second settle finds nothing.
 */
export const SETTLE_SPEND = script(`
local slot = redis.call('HGET', KEYS[1], 'slot')
if not slot then return 0 end
local held = redis.call('HGET', KEYS[1], 'gwei')
redis.call('DEL', KEYS[1])
if tonumber(slot) < tonumber(ARGV[2]) then return 0 end
local delta = tonumber(ARGV[1]) - tonumber(held)
for i = 2, #KEYS do
  if redis.call('HEXISTS', KEYS[i], slot) == 1 then redis.call('HINCRBY', KEYS[i], slot, delta) end
end
return 1
`);

/** KEYS: the bucket's hash. ARGV: the oldest slot counted. Returns the bucket's gwei in the window. */
export const SPENT = script(`
local fields = redis.call('HGETALL', KEYS[1])
local total = 0
for j = 1, #fields, 2 do
  if tonumber(fields[j]) >= tonumber(ARGV[1]) then total = total + tonumber(fields[j + 1]) end
end
return total
`);

/** KEYS: the value's key. ARGV: value, time to live (ms). Returns the value already there, or false after setting. */
export const PUT_IF_ABSENT = script(`
local held = redis.call('GET', KEYS[1])
if held then return held end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`);

/** KEYS: the value's key. ARGV: the value it must still hold. Deletes it only then (a lock released by its owner). */
export const DELETE_IF = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** KEYS: the value's key. ARGV: the value it must still hold, time to live (ms). Returns 1 when renewed. */
export const RENEW_IF = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);
