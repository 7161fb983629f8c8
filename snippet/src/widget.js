// <activity-dashboard>: the live dashboard web component, used both as the
// embeddable widget (any origin) and as the full /dashboard page.
//
// It reads the stream contract v1 described in docs/stream-api.md. Every
// string in a snapshot comes from untrusted visitors: it reaches the DOM only
// through text nodes and attribute values, never as markup, and a URL becomes
// a link only after it parsed as http(s).

import uPlot from 'uplot'
// Imported as text so the chart's CSS lands inside the shadow root.
import uPlotCss from 'uplot/dist/uPlot.min.css' with { type: 'text' }
import widgetCss from './widget.css' with { type: 'text' }

const TAG = 'activity-dashboard'

// The stream lives where widget.js was served from unless api="…" says
// otherwise; document.currentScript is only set while this file first runs.
const SCRIPT_ORIGIN = (() => {
  try {
    return new URL(document.currentScript.src).origin + '/'
  } catch {
    return new URL('/', location.href).href
  }
})()

const PERIODS = [
  ['realtime', 'Realtime'],
  ['today', 'Today'],
  ['7d', '7 days'],
  ['30d', '30 days'],
]
const PERIOD_HEADINGS = {
  realtime: 'Realtime',
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
}

const RETRY_MIN_MS = 1000
const RETRY_MAX_MS = 30000
// Statuses that retrying cannot fix: show the server's reason and stop.
const FATAL_STATUSES = new Set([400, 401, 403, 404])
const LIST_ROWS = 10
const FEED_ROWS = 20

// ---------------------------------------------------------------- values

const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : 0)
const has = (value) => typeof value === 'number' && Number.isFinite(value)
const str = (value) => (value == null ? '' : String(value))
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value)

const objects = (value) => (Array.isArray(value) ? value.filter(isObject) : [])

function pairs(value) {
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
function formatCount(value) {
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

function formatDuration(seconds) {
  const s = Math.round(num(seconds))
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`
}

const formatPercent = (fraction) => `${Math.round(num(fraction) * 100)}%`
const formatDecimal = (value) => String(Math.round(num(value) * 100) / 100)
const exact = (value) => Math.round(num(value)).toLocaleString()

// Out-of-range timestamps make an Invalid Date, which toISOString() throws on.
const validDate = (ms) => {
  const date = new Date(num(ms))
  return Number.isNaN(date.getTime()) ? null : date
}

function formatClock(ms) {
  const date = validDate(ms)
  return date ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : ''
}

const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1)

let regionNames = null
function countryName(code) {
  if (!/^[A-Z]{2}$/.test(code)) return code
  try {
    regionNames ??= new Intl.DisplayNames([], { type: 'region' })
    return regionNames.of(code) || code
  } catch {
    return code
  }
}

function safeHttpUrl(text) {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

// Count over the last 60 seconds, estimated from minute buckets as a sliding
// window: the current minute so far plus the part of the previous minute that
// is still inside the window. It neither dips at the start of each minute nor
// lags a whole minute behind.
function lastSixtySeconds(snapshot, field) {
  const series = objects(snapshot.series)
  const now = num(snapshot.ts)
  const last = series.length - 1
  if (last < 0) return 0
  const current = series[last]
  const elapsed = (now - num(current.t)) / 60000
  if (elapsed < 0 || elapsed >= 1) return num(current[field])
  const previous = last > 0 ? num(series[last - 1][field]) : 0
  return num(current[field]) + previous * (1 - elapsed)
}

// ------------------------------------------------------------------- DOM

/** Build an element; attribute values and string children become text, never markup. */
function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue
    el.setAttribute(name, value === true ? '' : String(value))
  }
  el.append(...children.flat().filter((child) => child != null && child !== false))
  return el
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text
}

function setTitle(node, text) {
  if (node.getAttribute('title') !== text) node.setAttribute('title', text)
}

function linkOrText(text, display = text) {
  const href = safeHttpUrl(text)
  if (!href) return h('span', { class: 'text', title: text }, display)
  return h('a', { class: 'text', href, target: '_blank', rel: 'noopener noreferrer', title: text }, display)
}

// ------------------------------------------------------------------ stream

/**
 * One subscription to /api/stream. EventSource resumes by itself (sending
 * Last-Event-ID) after a dropped connection; when it gives up (an HTTP error
 * closes it for good) we ask /api/snapshot why, since EventSource hides the
 * status, and reconnect with backoff, passing last_event_id explicitly.
 */
class SnapshotStream {
  constructor(base, params, handlers) {
    this.base = base
    this.params = params
    this.handlers = handlers
    this.lastEventId = ''
    this.failures = 0
    this.source = null
    this.timer = 0
    this.stopped = false
  }

  url(path, extra = {}) {
    const url = new URL(path, this.base)
    for (const [name, value] of Object.entries({ ...this.params, ...extra })) {
      if (value) url.searchParams.set(name, value)
    }
    return url.href
  }

  start() {
    this.stopped = false
    this.open()
  }

  stop() {
    this.stopped = true
    clearTimeout(this.timer)
    this.source?.close()
    this.source = null
  }

  open() {
    const source = new EventSource(this.url('api/stream', { last_event_id: this.lastEventId }))
    this.source = source
    this.handlers.status(this.failures ? 'reconnecting' : 'connecting')
    source.addEventListener('snapshot', (event) => {
      if (event.lastEventId) this.lastEventId = event.lastEventId
      let snapshot
      try {
        snapshot = JSON.parse(event.data)
      } catch {
        return
      }
      if (!isObject(snapshot)) return
      this.failures = 0
      this.handlers.status('live')
      this.handlers.snapshot(snapshot)
    })
    source.addEventListener('error', () => {
      if (this.source !== source) return
      if (source.readyState !== EventSource.CLOSED) {
        this.handlers.status('reconnecting')
        return
      }
      source.close()
      this.source = null
      this.recover()
    })
  }

  async recover() {
    this.handlers.status('reconnecting')
    const backoff = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.failures++)
    let delay = backoff * (0.8 + Math.random() * 0.4)
    try {
      const response = await fetch(this.url('api/snapshot'), { cache: 'no-store', credentials: 'omit' })
      if (this.stopped) return
      if (FATAL_STATUSES.has(response.status)) {
        this.handlers.fatal(await errorMessage(response))
        return
      }
      if (response.ok) {
        const snapshot = await response.json()
        if (isObject(snapshot) && !this.stopped) this.handlers.snapshot(snapshot)
      }
      const retryAfter = Number(response.headers.get('Retry-After'))
      if (retryAfter > 0) delay = Math.max(delay, retryAfter * 1000)
    } catch {
      // Server unreachable: keep backing off.
    }
    if (this.stopped) return
    this.timer = setTimeout(() => this.open(), delay)
  }
}

async function errorMessage(response) {
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

// ------------------------------------------------------------------ panels
//
// Each panel factory gets its <section> and returns {update(snapshot),
// retheme?(), destroy?()}. Panels update in place so that bars animate and
// screen readers only hear what changed.

function statsPanel(section, stats, liveIndex = -1) {
  const cells = stats.map((stat, index) => {
    const value = h('dd', { class: 'value' }, '—')
    const group = h('div', { class: 'stat' }, h('dt', {}, stat.label), value)
    if (index === liveIndex) {
      group.setAttribute('aria-live', 'polite')
      group.setAttribute('aria-atomic', 'true')
    }
    return { stat, value }
  })
  section.append(
    h(
      'dl',
      { class: 'stats' },
      cells.map(({ value }) => value.parentElement),
    ),
  )
  return {
    update(snapshot) {
      for (const { stat, value } of cells) {
        const raw = stat.value(snapshot)
        setText(value, raw === undefined ? '—' : stat.format(raw))
        setTitle(value, raw === undefined ? '' : stat.title ? stat.title(raw) : exact(raw))
      }
    },
  }
}

const total = (field) => (snapshot) => {
  const totals = isObject(snapshot.totals) ? snapshot.totals : {}
  return has(totals[field]) ? totals[field] : undefined
}

function livePanel(section) {
  return statsPanel(
    section,
    [
      { label: 'Current visitors', value: (s) => num(s.current_visitors), format: formatCount },
      { label: 'Events / min', value: (s) => lastSixtySeconds(s, 'events'), format: formatCount },
      { label: 'Pageviews / min', value: (s) => lastSixtySeconds(s, 'pageviews'), format: formatCount },
    ],
    0,
  )
}

function totalsPanel(section, heading) {
  const stats = statsPanel(section, [
    { label: 'Unique visitors', value: total('visitors'), format: formatCount },
    { label: 'Visits', value: total('visits'), format: formatCount },
    { label: 'Pageviews', value: total('pageviews'), format: formatCount },
    { label: 'Events', value: total('events'), format: formatCount },
    { label: 'Bounce rate', value: total('bounce_rate'), format: formatPercent, title: formatPercent },
    {
      label: 'Visit duration',
      value: total('visit_duration_s'),
      format: formatDuration,
      title: formatDuration,
    },
    { label: 'Pages / visit', value: total('pages_per_visit'), format: formatDecimal, title: formatDecimal },
  ])
  return {
    update(snapshot) {
      const period = str(snapshot.period)
      setText(heading, PERIOD_HEADINGS[period] || (period ? capitalize(period) : 'Totals'))
      stats.update(snapshot)
    },
  }
}

function engagementPanel(section) {
  const field = (name) => (snapshot) => {
    const engagement = isObject(snapshot.engagement) ? snapshot.engagement : {}
    return has(engagement[name]) ? engagement[name] : undefined
  }
  const perTime = (ms) => formatDuration(ms / 1000)
  const perScroll = (value) => `${Math.round(value)}%`
  return statsPanel(section, [
    { label: 'Time on page', value: field('avg_time_ms'), format: perTime, title: perTime },
    { label: 'Scroll depth', value: field('avg_scroll'), format: perScroll, title: perScroll },
  ])
}

function emptyNote() {
  return h('p', { class: 'empty' }, 'No data yet')
}

function table(headingId, columns) {
  const body = h('tbody')
  const el = h(
    'table',
    { 'aria-labelledby': headingId },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((name) => h('th', { scope: 'col' }, name)),
      ),
    ),
    body,
  )
  return { el, body }
}

function barsPanel(section, spec, headingId) {
  const { el, body } = table(headingId, spec.cols)
  const empty = emptyNote()
  section.append(el, empty)
  const label = spec.label || ((text) => text)
  return {
    update(snapshot) {
      const rows = pairs(snapshot[spec.key]).slice(0, LIST_ROWS)
      const max = Math.max(1, ...rows.map(([, count]) => count))
      el.hidden = rows.length === 0
      empty.hidden = rows.length > 0
      while (body.rows.length > rows.length) body.lastElementChild.remove()
      rows.forEach(([key, count], index) => {
        let row = body.rows[index]
        if (!row) {
          row = h(
            'tr',
            {},
            h('td', { class: 'label' }, h('span', { class: 'bar', 'aria-hidden': 'true' })),
            h('td', { class: 'count' }),
          )
          body.append(row)
        }
        const [labelCell, countCell] = row.cells
        if (row.dataset.key !== key) {
          row.dataset.key = key
          labelCell.querySelector('.text')?.remove()
          const display = label(key) || '(none)'
          labelCell.append(
            spec.link
              ? linkOrText(key, display.replace(/^https?:\/\//, ''))
              : h('span', { class: 'text', title: key }, display),
          )
        }
        labelCell.firstElementChild.style.width = `${((count / max) * 100).toFixed(1)}%`
        setText(countCell, formatCount(count))
        setTitle(countCell, exact(count))
      })
    },
  }
}

function goalsPanel(section, headingId) {
  const { el, body } = table(headingId, ['Goal', 'Visitors', 'Count'])
  const empty = emptyNote()
  section.append(el, empty)
  let signature = ''
  return {
    update(snapshot) {
      const goals = objects(snapshot.goals).slice(0, LIST_ROWS)
      el.hidden = goals.length === 0
      empty.hidden = goals.length > 0
      const next = JSON.stringify(goals)
      if (next === signature) return
      signature = next
      const rows = []
      for (const goal of goals) {
        rows.push(
          h(
            'tr',
            { class: 'goal' },
            h('td', { class: 'label' }, h('span', { class: 'text', title: str(goal.name) }, str(goal.name))),
            h('td', { class: 'count', title: exact(goal.visitors) }, formatCount(goal.visitors)),
            h('td', { class: 'count', title: exact(goal.count) }, formatCount(goal.count)),
          ),
        )
        const props = isObject(goal.props) ? Object.entries(goal.props) : []
        for (const [prop, values] of props.slice(0, 5)) {
          for (const [value, count] of pairs(values).slice(0, 3)) {
            const text = `${prop}: ${value}`
            rows.push(
              h(
                'tr',
                { class: 'prop' },
                h('td', { class: 'label' }, h('span', { class: 'text', title: text }, text)),
                h('td', { class: 'count', title: exact(count) }, formatCount(count)),
                h('td'),
              ),
            )
          }
        }
      }
      body.replaceChildren(...rows)
    },
  }
}

function latestPanel(section, headingId) {
  const { el, body } = table(headingId, ['Time', 'Event', 'Page', 'Details'])
  el.classList.add('feed')
  const empty = h('p', { class: 'empty' }, 'Waiting for events…')
  section.append(el, empty)
  let rowsById = new Map()
  let first = true
  return {
    update(snapshot) {
      const events = objects(snapshot.latest).slice(0, FEED_ROWS)
      el.hidden = events.length === 0
      empty.hidden = events.length > 0
      const next = new Map()
      const rows = events.map((event, index) => {
        const type = str(event.type)
        const path = str(event.path)
        const detail = str(event.name) || str(event.target) || str(event.title)
        const key = str(event.id) || `${index}:${num(event.ts)}:${type}:${path}`
        const signature = JSON.stringify([num(event.ts), type, path, detail, str(event.title)])
        let row = rowsById.get(key)
        if (!row || row.dataset.signature !== signature) {
          row = h(
            'tr',
            { class: first ? '' : 'fresh' },
            h(
              'td',
              { class: 'time' },
              h('time', { datetime: validDate(event.ts)?.toISOString() }, formatClock(event.ts)),
            ),
            h('td', {}, h('span', { class: 'badge', 'data-type': type, title: type }, type || 'event')),
            h('td', {}, h('span', { class: 'text', title: str(event.title) || path }, path)),
            h('td', { class: 'detail' }, h('span', { class: 'text', title: detail }, detail)),
          )
          row.dataset.signature = signature
        }
        next.set(key, row)
        return row
      })
      rowsById = next
      first = false
      body.replaceChildren(...rows)
    },
  }
}

const legendCount = (u, v) => (v == null ? '' : formatCount(v))
const Y_INCREMENTS = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1e3, 2e3, 2.5e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6,
]

function chartPanel(section, host, tall) {
  const box = h('div', { class: 'chart', role: 'img', 'aria-label': 'Per-minute chart, waiting for data' })
  section.append(box)
  const height = tall ? 240 : 180
  let plot = null
  let data = null

  function colors() {
    const style = getComputedStyle(host)
    const value = (name, fallback) => style.getPropertyValue(name).trim() || fallback
    return {
      events: value('--ad-accent', '#4f46e5'),
      fill: value('--ad-chart-fill', 'rgba(79,70,229,.14)'),
      pageviews: value('--ad-accent-2', '#0d9488'),
      axis: value('--ad-muted', '#6b7280'),
      grid: value('--ad-border', '#e5e7eb'),
    }
  }

  function create() {
    plot?.destroy()
    plot = null
    const width = Math.floor(box.clientWidth)
    if (!width || !data) return
    const c = colors()
    const font = "11px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
    const axis = { stroke: c.axis, font, ticks: { show: false } }
    plot = new uPlot(
      {
        width,
        height,
        padding: [12, 8, 0, 0],
        cursor: { drag: { x: false, y: false }, points: { size: 7 } },
        legend: { live: true },
        // The time column of the legend only means something under the cursor.
        hooks: { setLegend: [(u) => box.classList.toggle('idle', u.legend.idx == null)] },
        scales: { y: { range: (u, min, max) => [0, Math.max(4, max)] } },
        axes: [
          { ...axis, grid: { show: false }, space: 60 },
          {
            ...axis,
            size: 42,
            incrs: Y_INCREMENTS,
            grid: { stroke: c.grid, width: 1 },
            values: (u, splits) => splits.map(formatCount),
          },
        ],
        series: [
          {
            label: 'Time',
            value: (u, v) => {
              const date = v == null ? null : validDate(v * 1000)
              return date ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : ''
            },
          },
          {
            label: 'Events',
            stroke: c.events,
            fill: c.fill,
            width: 2,
            points: { show: false },
            value: legendCount,
          },
          {
            label: 'Pageviews',
            stroke: c.pageviews,
            width: 2,
            points: { show: false },
            value: legendCount,
          },
        ],
      },
      data,
      box,
    )
  }

  const resize = new ResizeObserver(() => {
    const width = Math.floor(box.clientWidth)
    if (!plot) create()
    else if (width && width !== plot.width) plot.setSize({ width, height })
  })
  resize.observe(box)

  return {
    update(snapshot) {
      const rows = objects(snapshot.series)
      data = [
        rows.map((row) => num(row.t) / 1000),
        rows.map((row) => num(row.events)),
        rows.map((row) => num(row.pageviews)),
      ]
      const events = data[1].reduce((a, b) => a + b, 0)
      const peak = Math.max(0, ...data[1])
      box.setAttribute(
        'aria-label',
        `Events per minute over the last ${rows.length} minutes: ${exact(events)} in total, at most ${exact(peak)} in one minute`,
      )
      if (plot) plot.setData(data)
      else create()
    },
    retheme: create,
    destroy() {
      resize.disconnect()
      plot?.destroy()
    },
  }
}

const PANELS = {
  live: { title: 'Right now', wide: true, make: (section) => livePanel(section) },
  totals: { title: 'Totals', wide: true, make: (section, ctx) => totalsPanel(section, ctx.heading) },
  chart: {
    title: 'Last 60 minutes',
    wide: true,
    make: (section, ctx) => chartPanel(section, ctx.host, ctx.full),
  },
  pages: { title: 'Top pages', key: 'top_pages', cols: ['Page', 'Views'] },
  entry: { title: 'Entry pages', key: 'entry_pages', cols: ['Page', 'Entrances'] },
  exit: { title: 'Exit pages', key: 'exit_pages', cols: ['Page', 'Exits'] },
  referrers: { title: 'Referrers', key: 'referrers', cols: ['Referrer', 'Visits'] },
  sources: { title: 'Sources', key: 'sources', cols: ['Source', 'Visits'], label: capitalize },
  utm_sources: { title: 'UTM sources', key: 'utm_sources', cols: ['Source', 'Visits'] },
  utm_mediums: { title: 'UTM mediums', key: 'utm_mediums', cols: ['Medium', 'Visits'] },
  utm_campaigns: { title: 'UTM campaigns', key: 'utm_campaigns', cols: ['Campaign', 'Visits'] },
  goals: { title: 'Goals', make: (section, ctx) => goalsPanel(section, ctx.headingId) },
  types: { title: 'Event types', key: 'event_types', cols: ['Type', 'Events'] },
  browsers: { title: 'Browsers', key: 'browsers', cols: ['Browser', 'Visits'] },
  os: { title: 'Operating systems', key: 'os', cols: ['OS', 'Visits'] },
  devices: { title: 'Devices', key: 'devices', cols: ['Device', 'Visits'], label: capitalize },
  countries: { title: 'Countries', key: 'countries', cols: ['Country', 'Visits'], label: countryName },
  outbound: { title: 'Outbound links', key: 'outbound', cols: ['Link', 'Clicks'], link: true },
  downloads: { title: 'Downloads', key: 'downloads', cols: ['File', 'Clicks'], link: true },
  engagement: { title: 'Engagement', make: (section) => engagementPanel(section) },
  latest: { title: 'Latest events', wide: true, make: (section, ctx) => latestPanel(section, ctx.headingId) },
}
const PANEL_ALIASES = { utm: ['utm_sources', 'utm_mediums', 'utm_campaigns'] }
const COMPACT_PANELS = ['live', 'chart', 'pages', 'referrers', 'types', 'latest']
const FULL_PANELS = Object.keys(PANELS)

function panelNames(attribute, full) {
  if (attribute == null || !attribute.trim()) return full ? FULL_PANELS : COMPACT_PANELS
  const names = attribute
    .toLowerCase()
    .split(/[\s,]+/)
    .flatMap((name) => PANEL_ALIASES[name] || [name])
    .filter((name) => Object.hasOwn(PANELS, name))
  return [...new Set(names)]
}

// ----------------------------------------------------------------- element

let sharedSheet = null
function adoptStyles(root) {
  const css = uPlotCss + widgetCss
  // A constructed sheet is parsed once for every widget on the page and is
  // not subject to the host page's style-src policy; <style> is the fallback.
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet()
      sharedSheet.replaceSync(css)
    }
    root.adoptedStyleSheets = [sharedSheet]
    return null
  }
  return h('style', {}, css)
}

const STATUS_LABELS = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  error: 'Error',
}

class ActivityDashboard extends HTMLElement {
  static get observedAttributes() {
    return ['site', 'api', 'token', 'period', 'panels', 'mode']
  }

  constructor() {
    super()
    this.attachShadow({ mode: 'open' })
    this._style = adoptStyles(this.shadowRoot)
    this._ready = false
    this._stream = null
    this._panels = []
    this._snapshot = null
    this._frame = 0
    this._statusState = 'connecting'
    this._alertText = ''
    this._colorScheme = null
    this._onColorScheme = () => this._panels.forEach((panel) => panel.retheme?.())
  }

  connectedCallback() {
    if (this.hasAttribute('from-location')) this._readLocation()
    this._ready = true
    this._build()
    this._connect()
    this._colorScheme = matchMedia('(prefers-color-scheme: dark)')
    this._colorScheme.addEventListener('change', this._onColorScheme)
  }

  disconnectedCallback() {
    this._ready = false
    this._stream?.stop()
    this._stream = null
    cancelAnimationFrame(this._frame)
    this._frame = 0
    this._destroyPanels()
    this._colorScheme?.removeEventListener('change', this._onColorScheme)
  }

  attributeChangedCallback(name, previous, value) {
    if (!this._ready || previous === value) return
    if (name === 'site') this._snapshot = null
    this._build()
    if (this._snapshot) this._render()
    if (name === 'panels' || name === 'mode') return
    this._connect()
    if (name === 'period' && this.hasAttribute('from-location')) this._writeLocation()
  }

  get _full() {
    return this.getAttribute('mode') === 'full'
  }

  // The /dashboard page has no inline script (strict CSP), so the element
  // takes site, token and period from the page's own query string.
  _readLocation() {
    const query = new URLSearchParams(location.search)
    for (const name of ['site', 'token', 'period']) {
      const value = query.get(name)
      if (value && !this.hasAttribute(name)) this.setAttribute(name, value)
    }
    const site = this.getAttribute('site')
    if (site) document.title = `${site} · Activity dashboard`
  }

  _writeLocation() {
    const url = new URL(location.href)
    url.searchParams.set('period', this.getAttribute('period') || '')
    history.replaceState(history.state, '', url)
  }

  _destroyPanels() {
    this._panels.forEach((panel) => panel.destroy?.())
    this._panels = []
  }

  _build() {
    this._destroyPanels()
    const full = this._full
    const site = this.getAttribute('site') || ''
    const headingTag = full ? 'h2' : 'h3'

    this._status = h(
      'span',
      { class: 'status', role: 'status' },
      h('span', { class: 'dot', 'aria-hidden': 'true' }),
      h('span', { class: 'label' }),
    )
    const head = h(
      'header',
      { class: 'head' },
      h(full ? 'h1' : 'h2', { class: 'site' }, site || 'No site'),
      this._status,
    )
    if (full) head.append(this._periodSelector())
    this._alert = h('p', { class: 'alert', role: 'alert', hidden: !this._alertText }, this._alertText)
    const grid = h('div', { class: 'grid' })

    for (const name of panelNames(this.getAttribute('panels'), full)) {
      const spec = PANELS[name]
      const headingId = `ad-${name}-heading`
      const heading = h(headingTag, { id: headingId }, spec.title)
      const section = h(
        'section',
        {
          class: `panel panel-${name}${spec.wide ? ' wide' : ''}`,
          part: 'panel',
          'data-panel': name,
          'aria-labelledby': headingId,
        },
        heading,
      )
      grid.append(section)
      const ctx = { host: this, full, heading, headingId }
      this._panels.push(spec.make ? spec.make(section, ctx) : barsPanel(section, spec, headingId))
    }

    const root = h(
      'div',
      { class: 'root', part: 'root' },
      h('div', { class: 'inner' }, head, this._alert, grid),
    )
    this.shadowRoot.replaceChildren(...[this._style, root].filter(Boolean))
    this._setStatus(this._statusState)
  }

  _periodSelector() {
    const current = this.getAttribute('period') || 'today'
    return h(
      'div',
      { class: 'periods', role: 'group', 'aria-label': 'Period' },
      PERIODS.map(([value, label]) => {
        const button = h('button', { type: 'button', 'aria-pressed': String(value === current) }, label)
        button.addEventListener('click', () => {
          if (this.getAttribute('period') === value) return
          this.setAttribute('period', value)
          this.dispatchEvent(
            new CustomEvent('periodchange', { detail: { period: value }, bubbles: true, composed: true }),
          )
        })
        return button
      }),
    )
  }

  _connect() {
    this._stream?.stop()
    this._stream = null
    const site = this.getAttribute('site')
    if (!site) {
      this._setStatus('error')
      this._showAlert('Set the site attribute, e.g. <activity-dashboard site="example.com">.')
      return
    }
    let base
    try {
      const api = this.getAttribute('api')
      base = api ? new URL(api.endsWith('/') ? api : `${api}/`, location.href).href : SCRIPT_ORIGIN
    } catch {
      this._setStatus('error')
      this._showAlert('The api attribute is not a valid URL.')
      return
    }
    const params = {
      site,
      token: this.getAttribute('token') || '',
      period: this.getAttribute('period') || '',
    }
    this._stream = new SnapshotStream(base, params, {
      status: (state) => this._setStatus(state),
      snapshot: (snapshot) => this._receive(snapshot),
      fatal: (message) => {
        this._setStatus('error')
        this._showAlert(`Cannot show this dashboard: ${message}.`)
      },
    })
    this._stream.start()
  }

  _setStatus(state) {
    this._statusState = state
    if (state !== 'error') this._showAlert('')
    this._status.dataset.state = state
    setText(this._status.lastElementChild, STATUS_LABELS[state])
    if (this._snapshot) setTitle(this._status, `Updated ${formatClock(this._snapshot.ts)}`)
  }

  _showAlert(message) {
    this._alertText = message
    setText(this._alert, message)
    this._alert.hidden = !message
  }

  _receive(snapshot) {
    this._snapshot = snapshot
    if (!this._frame) {
      // Coalesce bursts into one paint; a hidden tab renders when shown again.
      this._frame = requestAnimationFrame(() => {
        this._frame = 0
        this._render()
      })
    }
  }

  _render() {
    const snapshot = this._snapshot
    for (const panel of this._panels) panel.update(snapshot)
    setTitle(this._status, `Updated ${formatClock(snapshot.ts)}`)
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, ActivityDashboard)
