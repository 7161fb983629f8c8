// Which numbers a dashboard view shows, and where they come from.
//
// Realtime, today, 7 days and 30 days without filters are the stream's
// snapshot itself (docs/stream-api.md). Everything else — yesterday, a custom
// range, a filter, the comparison with the previous period — comes from
// GET /api/stats (docs/stats-api.md), fetched again whenever a snapshot
// arrives, since a snapshot means the numbers moved.

import { capitalize, isObject, num, objects, pairs, str, utcDay } from './values.js'

const STREAM_PERIODS = ['realtime', 'today', '7d', '30d']
export const PERIODS = [
  ['realtime', 'Realtime'],
  ['today', 'Today'],
  ['yesterday', 'Yesterday'],
  ['7d', '7 days'],
  ['30d', '30 days'],
  ['custom', 'Custom'],
]
const HEADINGS = {
  realtime: 'Realtime',
  today: 'Today',
  yesterday: 'Yesterday',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
}
const DAY_MS = 86400000
const CUSTOM_DAYS = 7 // the range "Custom" starts with, ending today

// Filters, as the stats API takes them: page==/pricing;source==search.
export const FILTER_DIMENSIONS = ['page', 'source']
// The server splits at a ";" followed by "name==", so a value holding one cannot be sent.
const FILTER_SPLIT = /;(?=[a-z_]+==)/
export const canFilter = (value) => value !== '' && !/;[a-z_]+==/.test(value)

export function parseFilters(text) {
  const filters = {}
  for (const part of str(text).split(FILTER_SPLIT)) {
    const at = part.indexOf('==')
    const dimension = part.slice(0, at)
    const value = part.slice(at + 2)
    if (at > 0 && FILTER_DIMENSIONS.includes(dimension) && value && !(dimension in filters)) {
      filters[dimension] = value
    }
  }
  return filters
}

export const formatFilters = (filters) =>
  FILTER_DIMENSIONS.filter((dimension) => filters[dimension])
    .map((dimension) => `${dimension}==${filters[dimension]}`)
    .join(';')

/** The view an element's attributes ask for. */
export function viewState(element) {
  const from = element.getAttribute('from') || ''
  const to = element.getAttribute('to') || ''
  return {
    period: element.getAttribute('period') || (from || to ? 'custom' : 'today'),
    from,
    to,
    filters: parseFilters(element.getAttribute('filters')),
    compare: element.hasAttribute('compare'),
  }
}

/** The last CUSTOM_DAYS UTC days, as from/to. */
export function defaultRange(now = Date.now()) {
  return { from: utcDay(now - (CUSTOM_DAYS - 1) * DAY_MS), to: utcDay(now) }
}

export const maxDay = (now = Date.now()) => utcDay(now + DAY_MS) // the API takes `to` up to tomorrow

export const streamPeriod = (state) => (STREAM_PERIODS.includes(state.period) ? state.period : '')
export const isFiltered = (state) => Object.keys(state.filters).length > 0
/** A page filter selects events, not visits: the API refuses visit metrics and visit properties. */
export const isEventLevel = (state) => 'page' in state.filters
export const breakdownsFromStats = (state) => !streamPeriod(state) || isFiltered(state)
export const headlineFromStats = (state) => breakdownsFromStats(state) || state.compare

export function periodHeading(view) {
  const period = str(view.period)
  if (period === 'custom') {
    const [from, to] = [str(view.from), str(view.to)]
    return from === to ? from : `${from} – ${to}`
  }
  return HEADINGS[period] || (period ? capitalize(period) : 'Totals')
}

export const filterLabel = (dimension, value) =>
  `${capitalize(dimension)}: ${dimension === 'source' ? capitalize(value) : value}`

// ---------------------------------------------------------------- queries

export function apiUrl(base, path, params) {
  const url = new URL(path, base)
  for (const [name, value] of Object.entries(params)) {
    if (value) url.searchParams.set(name, value)
  }
  return url.href
}

/** The query of the view's period and filters, without site and token. */
export function statsQuery(state) {
  const range = state.period === 'custom' ? { from: state.from, to: state.to } : { period: state.period }
  return { ...range, filters: formatFilters(state.filters) }
}

// The count each dimension is ranked by (docs/stats-api.md#breakdowns).
const RANKED_BY = { page: 'pageviews', type: 'events', goal: 'events', outbound: 'events', download: 'events' }

/**
 * The /api/stats requests a view needs: one for the headline (totals, series
 * and comparison) when a headline panel is shown, and one per breakdown panel.
 * Every answer carries totals and a series, so a breakdown request asks for
 * the cheapest: its own count, one bucket per day.
 */
export function statsRequests(state, specs) {
  const query = statsQuery(state)
  const requests = []
  if (headlineFromStats(state) && specs.some((spec) => spec.kind === 'headline')) {
    requests.push({ params: { ...query, compare: state.compare ? 'previous' : '' } })
  }
  if (breakdownsFromStats(state)) {
    for (const { dim, key } of specs.filter((spec) => spec.dim)) {
      const metrics = RANKED_BY[dim] || 'visits'
      requests.push({ dim, key, params: { ...query, breakdown: dim, metrics, interval: 'day' } })
    }
  }
  return requests
}

// ----------------------------------------------------------------- answers

const totalsOf = (value) =>
  isObject(value) ? { ...value, visit_duration_s: value.visit_duration } : {}

/** The panels' data from the answers to statsRequests(), in the shape of a snapshot. */
export function statsView(requests, answers) {
  const view = { source: 'stats' }
  requests.forEach(({ dim, key }, index) => {
    const answer = isObject(answers[index]) ? answers[index] : {}
    if (!dim) {
      const compare = isObject(answer.compare) ? answer.compare : null
      Object.assign(view, {
        period: str(answer.period),
        from: str(answer.from),
        to: str(answer.to),
        interval: str(answer.interval),
        totals: totalsOf(answer.totals),
        series: objects(answer.series),
        previous: compare && objects(compare.series),
        previousTotals: compare && totalsOf(compare.totals),
        change: compare && (isObject(compare.change) ? compare.change : {}),
      })
      return
    }
    const breakdown = isObject(answer.breakdown) ? answer.breakdown : {}
    const metric = str(breakdown.metric)
    const rows = objects(breakdown.results)
    view[key] =
      dim === 'goal'
        ? rows.map((row) => ({ name: row.value, count: row[metric], visitors: row.visitors, props: row.props }))
        : pairs(rows.map((row) => [row.value, num(row[metric])]))
  })
  return view
}

/** A snapshot as the panels that can also show /api/stats answers read it. */
export const streamView = (snapshot) => ({
  ...snapshot,
  source: 'stream',
  interval: 'minute',
  previous: null,
  change: null,
})

// ------------------------------------------------------------------ fetching

/** "reason (HTTP status)" from an error answer of the API. */
export async function errorMessage(response) {
  let reason = ''
  try {
    const body = await response.json()
    reason = isObject(body) ? str(body.error) : ''
  } catch {
    // Not JSON: the status alone has to do.
  }
  const fallback = {
    401: 'a token is required',
    403: 'the token was refused',
    404: 'not found',
  }[response.status]
  return `${reason || fallback || 'request refused'} (HTTP ${response.status})`
}

class RequestError extends Error {}

async function fetchJson(url, signal) {
  let response
  try {
    response = await fetch(url, { cache: 'no-store', credentials: 'omit', signal })
  } catch (error) {
    if (error.name === 'AbortError') throw error
    throw new RequestError('the server did not answer')
  }
  if (!response.ok) throw new RequestError(await errorMessage(response))
  return response.json()
}

// Refreshes start at least this long apart, and at least 4 times as long as
// the last one took: a busy site sends up to 10 snapshots a second.
const MIN_REFRESH_MS = 2000

/**
 * Fetches a list of URLs as one result, again on refresh(). Refreshes never
 * overlap: one asked for during a fetch runs after it. Setting new URLs
 * cancels what is in flight, so an old answer never lands on a new view.
 */
export class StatsFeed {
  constructor(handlers) {
    this.handlers = handlers
    this.urls = []
    this.generation = 0
    this.controller = null
    this.busy = false
    this.pending = false
    this.timer = 0
    this.lastStart = 0
    this.gap = MIN_REFRESH_MS
  }

  set(urls) {
    this.stop()
    this.urls = urls
    if (urls.length) this.run()
  }

  stop() {
    this.generation++
    this.controller?.abort()
    clearTimeout(this.timer)
    Object.assign(this, { urls: [], controller: null, busy: false, pending: false, timer: 0 })
  }

  refresh() {
    if (!this.urls.length) return
    if (this.busy || this.timer) {
      this.pending = true
      return
    }
    const wait = this.lastStart + this.gap - performance.now()
    if (wait <= 0) this.run()
    else
      this.timer = setTimeout(() => {
        this.timer = 0
        this.run()
      }, wait)
  }

  async run() {
    const generation = this.generation
    const controller = new AbortController()
    Object.assign(this, { controller, busy: true, pending: false })
    const started = (this.lastStart = performance.now())
    try {
      const answers = await Promise.all(this.urls.map((url) => fetchJson(url, controller.signal)))
      if (generation === this.generation) this.handlers.result(answers)
    } catch (error) {
      const message = error instanceof RequestError ? error.message : String(error)
      if (generation === this.generation) this.handlers.error(message)
    }
    if (generation !== this.generation) return
    this.busy = false
    this.gap = Math.max(MIN_REFRESH_MS, 4 * (performance.now() - started))
    if (this.pending) this.refresh()
  }
}
