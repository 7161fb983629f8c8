// Values from the stream and the stats API, made safe to show: every field
// may be missing, of the wrong type or hostile (docs/stream-api.md#versioning).

export const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : 0)
export const has = (value) => typeof value === 'number' && Number.isFinite(value)
export const str = (value) => (value == null ? '' : String(value))
export const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value)

export const objects = (value) => (Array.isArray(value) ? value.filter(isObject) : [])

export function pairs(value) {
  if (!Array.isArray(value)) return []
  return value
    .filter((pair) => Array.isArray(pair) && pair.length >= 2)
    .map(([key, count]) => [str(key), num(count)])
}

const UNITS = [
  ['', 1],
  ['k', 1e3],
  ['M', 1e6],
  ['B', 1e9],
]

/** 950 → "950", 1234 → "1.2k", 45678 → "46k", 2500000 → "2.5M". */
export function formatCount(value) {
  const n = Math.round(num(value))
  for (let i = 0; i < UNITS.length; i++) {
    const [suffix, size] = UNITS[i]
    const scaled = n / size
    const text =
      i === 0
        ? String(n)
        : Math.abs(scaled) < 10
          ? scaled.toFixed(1).replace(/\.0$/, '')
          : String(Math.round(scaled))
    if (Math.abs(parseFloat(text)) < 1000 || i === UNITS.length - 1) return text + suffix
  }
  return String(n)
}

export function formatDuration(seconds) {
  const s = Math.round(num(seconds))
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`
}

export const formatPercent = (fraction) => `${Math.round(num(fraction) * 100)}%`
export const formatDecimal = (value) => String(Math.round(num(value) * 100) / 100)
export const exact = (value) => Math.round(num(value)).toLocaleString()

/** A relative change as the stats API gives it: 0.234 → "+23%", -0.1 → "−10%", null → "—". */
export function formatChange(change) {
  if (!has(change)) return '—'
  const percent = Math.round(change * 100)
  return percent === 0 ? '0%' : `${percent > 0 ? '+' : '−'}${Math.abs(percent)}%`
}

// Out-of-range timestamps make an Invalid Date, which toISOString() throws on.
export const validDate = (ms) => {
  const date = new Date(num(ms))
  return Number.isNaN(date.getTime()) ? null : date
}

export function formatClock(ms) {
  const date = validDate(ms)
  return date ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : ''
}

export const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1)

let regionNames = null
export function countryName(code) {
  if (!/^[A-Z]{2}$/.test(code)) return code
  try {
    regionNames ??= new Intl.DisplayNames([], { type: 'region' })
    return regionNames.of(code) || code
  } catch {
    return code
  }
}

export function safeHttpUrl(text) {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/** Today as a UTC date, YYYY-MM-DD: the stats API's days start at 00:00 UTC. */
export const utcDay = (ms = Date.now()) => new Date(ms).toISOString().slice(0, 10)
