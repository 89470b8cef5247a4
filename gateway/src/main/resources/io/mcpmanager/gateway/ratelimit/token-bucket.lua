-- Token bucket with continuous refill, one hash per caller and policy.
-- KEYS[1]  bucket key
-- ARGV[1]  capacity (tokens)
-- ARGV[2]  tokens added per refill period
-- ARGV[3]  refill period in milliseconds
-- ARGV[4]  tokens requested
-- Returns { allowed (1|0), remaining tokens (floor), ms until the request could succeed, ms until full }.
-- Uses the server clock (TIME), which Redis 5+ replicates as effects.
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2]) / tonumber(ARGV[3])
local requested = tonumber(ARGV[4])

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local last = tonumber(state[2])
if tokens == nil or last == nil then
  tokens = capacity
  last = now
end

tokens = math.min(capacity, tokens + math.max(0, now - last) * rate)

local allowed = 0
local retry_ms = 0
if tokens >= requested then
  tokens = tokens - requested
  allowed = 1
else
  retry_ms = math.ceil((requested - tokens) / rate)
end

local full_ms = math.ceil((capacity - tokens) / rate)
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], full_ms + 1000)

return { allowed, math.floor(tokens), retry_ms, full_ms }
