import { LuaScript } from './redis-connection.js';

// One hash per cached document: `doc` (JSON), `v` (version: changes when a write begins
// or ends), `f:<field>` (committed floors of raised counters), `r:<token>` (raises still
// in their transaction: "field|value|expiresAtMs"), `w:<token>` (writes in progress:
// expiresAtMs). A meta hash holds the incarnation (`epoch`, `born`) and the version clock:
// when Redis loses its data the epoch changes, so no fill begun before can land after.

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: meta, entry. ARGV: (unused), entry key prefix.
 * → {first} or {first, linked}: each {1, doc, floors} (a hit) or {0, fillToken or '', floors}.
 * A hit on an entry without markers costs one HGETALL (no clock, no meta): the common case.
 * An entry that names a `link` (the document it is shown with) brings that one along.
 */
export const READ = new LuaScript(`
local now, meta = nil, nil
local function clock()
  if not now then
    local t = redis.call('TIME')
    now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  end
  return now
end
-- A fill token names the incarnation and the version this read saw: a fill begun before
-- Redis lost its data never lands after (FILL checks the epoch). No grace after a loss: a
-- raise whose marker was lost still becomes a floor when it settles (SETTLE), and that
-- happens before its order is answered.
local function token(v)
  if not meta then
    meta = redis.call('HMGET', KEYS[1], 'epoch')
    if not meta[1] then
      local t = redis.call('TIME')
      meta[1] = t[1] .. '.' .. t[2]
      redis.call('HSET', KEYS[1], 'epoch', meta[1], 'born', clock())
    end
  end
  return meta[1] .. '|' .. v .. '|' .. clock()
end
local function look(key)
  local h = redis.call('HGETALL', key)
  local doc, v, link, stale, writing = false, '0', false, false, false
  local floors = {}
  for i = 1, #h, 2 do
    local f, x = h[i], h[i + 1]
    local kind = string.sub(f, 1, 2)
    if f == 'doc' then doc = x
    elseif f == 'v' then v = x
    elseif f == 'link' then link = x
    elseif kind == 'f:' then floors[#floors + 1] = string.sub(f, 3); floors[#floors + 1] = x
    elseif kind == 'r:' then
      local field, value, exp = string.match(x, '^(.*)|(%d+)|(%d+)$')
      if tonumber(exp) > clock() then floors[#floors + 1] = field; floors[#floors + 1] = value else stale = true end
    elseif kind == 'w:' and tonumber(x) > clock() then writing = true
    end
  end
  if doc and not stale then return {1, doc, floors}, link end
  if writing then return {0, '', floors}, false end
  return {0, token(v), floors}, false
end
local first, link = look(KEYS[2])
if link then return {first, (look(ARGV[2] .. link))} end
return {first}`);

/** KEYS: entry, meta. ARGV: fillToken, doc, ttlMs, link ('' for none). Stores only if nothing changed since the token. */
export const FILL = new LuaScript(`
local epoch, v, snap = string.match(ARGV[1], '^(.-)|(.-)|(%d+)$')
if redis.call('HGET', KEYS[2], 'epoch') ~= epoch then return 0 end
if (redis.call('HGET', KEYS[1], 'v') or '0') ~= v then return 0 end
snap = tonumber(snap)
local h = redis.call('HGETALL', KEYS[1])
for i = 1, #h, 2 do
  local f, x = h[i], h[i + 1]
  local kind = string.sub(f, 1, 2)
  -- Markers that had expired when this read began: what it loaded is newer than their writes.
  if (kind == 'r:' and tonumber(string.match(x, '|(%d+)$')) <= snap) or (kind == 'w:' and tonumber(x) <= snap) then
    redis.call('HDEL', KEYS[1], f)
  end
end
redis.call('HSET', KEYS[1], 'doc', ARGV[2])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'link', ARGV[4]) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`);

/** KEYS: entry. ARGV: token, field, value, pendingMs, ttlMs. */
export const RAISE = new LuaScript(`${NOW}
redis.call('HSET', KEYS[1], 'r:' .. ARGV[1], ARGV[2] .. '|' .. ARGV[3] .. '|' .. (now + tonumber(ARGV[4])))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`);

/**
 * KEYS: entry. ARGV: token, committed (1/0), field, value, ttlMs. A committed raise becomes a
 * floor, also when its marker is gone (Redis lost its data meanwhile): the floor is what
 * keeps a read that loaded before the commit from showing less than was sold.
 */
export const SETTLE = new LuaScript(`
redis.call('HDEL', KEYS[1], 'r:' .. ARGV[1])
if ARGV[2] ~= '1' then return 1 end
local cur = redis.call('HGET', KEYS[1], 'f:' .. ARGV[3])
if not cur or tonumber(cur) < tonumber(ARGV[4]) then redis.call('HSET', KEYS[1], 'f:' .. ARGV[3], ARGV[4]) end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`);

/** KEYS: entries…, meta. ARGV: token, pendingMs, ttlMs. Invalidates and marks each entry as being written. */
export const WRITE_BEGIN = new LuaScript(`${NOW}
local meta = KEYS[#KEYS]
for i = 1, #KEYS - 1 do
  local v = redis.call('HINCRBY', meta, 'clock', 1)
  redis.call('HSET', KEYS[i], 'v', v, 'w:' .. ARGV[1], now + tonumber(ARGV[2]))
  redis.call('HDEL', KEYS[i], 'doc')
  redis.call('PEXPIRE', KEYS[i], ARGV[3])
end
return 1`);

/** KEYS: entries…, meta. ARGV: token, ttlMs. The write is over: a new version, the marker gone. */
export const WRITE_END = new LuaScript(`
local meta = KEYS[#KEYS]
for i = 1, #KEYS - 1 do
  local v = redis.call('HINCRBY', meta, 'clock', 1)
  redis.call('HSET', KEYS[i], 'v', v)
  redis.call('HDEL', KEYS[i], 'w:' .. ARGV[1], 'doc')
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
end
return 1`);
