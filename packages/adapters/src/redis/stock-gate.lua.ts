import { LuaScript } from './redis-connection.js';

// One counter per drop: roughly the units still available, as the gate believes. It is
// only ever lowered by what orders hold and raised by what they give back, and clamped to
// the database's answers; an order the database decides always tells the gate.

/**
 * KEYS: counter, probe marker. ARGV: quantity, probeMs.
 * → -1 unknown (seed it), 1 held (quantity taken off), 2 free (fewer left than asked: let
 * the database say how many), 3 probe (looks sold out, but one order in probeMs goes
 * through to check), 0 sold out.
 */
export const ENTER = new LuaScript(`
local v = redis.call('GET', KEYS[1])
if not v then return -1 end
v = tonumber(v)
local q = tonumber(ARGV[1])
if v >= q then
  redis.call('DECRBY', KEYS[1], q)
  return 1
end
if v > 0 then return 2 end
if redis.call('SET', KEYS[2], '1', 'PX', ARGV[2], 'NX') then return 3 end
return 0`);

/** KEYS: counter. ARGV: available (from the database), ttlMs. Sets it unless another instance did first. */
export const SEED = new LuaScript(`
return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') and 1 or 0`);

/**
 * KEYS: counter. ARGV: delta, cap (-1: none), exact (-1: none).
 * Adds `delta` (units given back, or taken by an order that went through unheld), never
 * above `cap` (what the database just said is left), or sets `exact` (a probe's answer).
 */
export const SETTLE = new LuaScript(`
local v = redis.call('GET', KEYS[1])
if not v then return -1 end
local exact = tonumber(ARGV[3])
if exact >= 0 then v = exact else
  v = tonumber(v) + tonumber(ARGV[1])
  local cap = tonumber(ARGV[2])
  if cap >= 0 and v > cap then v = cap end
end
if v < 0 then v = 0 end
redis.call('SET', KEYS[1], v, 'KEEPTTL')
return v`);
