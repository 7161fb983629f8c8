// The panels of <activity-dashboard>. Each factory gets its <section> and a
// context, and returns {update(data), retheme?(), destroy?()}. Panels update
// in place so that bars animate and screen readers only hear what changed.
//
// Every string shown comes from untrusted visitors: it reaches the DOM only
// through text nodes and attribute values, never as markup, and a URL
// becomes a link only after it parsed as http(s).

import uPlot from 'uplot'
import {
  capitalize,
  countryName,
  exact,
  formatChange,
  formatClock,
  formatCount,
  formatDecimal,
  formatDuration,
  formatPercent,
  has,
  isObject,
  num,
  objects,
  pairs,
  safeHttpUrl,
  str,
  validDate,
} from './values.js'
import { canFilter, filterLabel, periodHeading } from './view.js'

const LIST_ROWS = 10
const FEED_ROWS = 20

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
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue
    el.setAttribute(name, value === true ? '' : String(value))
  }
  el.append(...children.flat().filter((child) => child != null && child !== false))
  return el
}

export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text
}

export function setTitle(node, text) {
  if (node.getAttribute('title') !== text) node.setAttribute('title', text)
}

function linkOrText(text, display = text) {
  const href = safeHttpUrl(text)
  if (!href) return h('span', { class: 'text', title: text }, display)
  return h('a', { class: 'text', href, target: '_blank', rel: 'noopener noreferrer', title: text }, display)
}

// ------------------------------------------------------------------ panels

/**
 * Headline numbers. With `compare`, each stat whose spec names a `metric`
 * also shows its change against the previous period (view.change, keyed by
 * the stats API's metric names).
 */
function statsPanel(section, stats, { liveIndex = -1, compare = false } = {}) {
  const cells = stats.map((stat, index) => {
    const value = h('dd', { class: 'value' }, '—')
    const change = compare && stat.metric ? h('dd', { class: 'change' }, '—') : null
    const group = h('div', { class: 'stat' }, h('dt', {}, stat.label), value, change)
    if (index === liveIndex) {
      group.setAttribute('aria-live', 'polite')
      group.setAttribute('aria-atomic', 'true')
    }
    return { stat, value, change, group }
  })
  section.append(
    h(
      'dl',
      { class: 'stats' },
      cells.map(({ group }) => group),
    ),
  )
  const describe = (stat, raw) => (raw === undefined ? '' : stat.title ? stat.title(raw) : exact(raw))
  return {
    update(view) {
      for (const { stat, value, change } of cells) {
        const raw = stat.value(view.totals, view)
        setText(value, raw === undefined ? '—' : stat.format(raw))
        setTitle(value, describe(stat, raw))
        if (!change) continue
        const relative = isObject(view.change) ? view.change[stat.metric] : undefined
        const before = stat.value(view.previousTotals, view)
        setText(change, formatChange(relative))
        setTitle(change, before === undefined ? '' : `Previous period: ${describe(stat, before)}`)
        const trend = has(relative) && Math.round(relative * 100) !== 0 ? (relative > 0 ? 'up' : 'down') : ''
        change.dataset.trend = trend
        change.dataset.good = trend ? String((trend === 'up') !== Boolean(stat.lowerIsBetter)) : ''
      }
    },
  }
}

const total = (field) => (totals) => {
  const value = isObject(totals) ? totals[field] : undefined
  return has(value) ? value : undefined
}

function livePanel(section) {
  return statsPanel(
    section,
    [
      { label: 'Current visitors', value: (t, s) => num(s.current_visitors), format: formatCount },
      { label: 'Events / min', value: (t, s) => lastSixtySeconds(s, 'events'), format: formatCount },
      { label: 'Pageviews / min', value: (t, s) => lastSixtySeconds(s, 'pageviews'), format: formatCount },
    ],
    { liveIndex: 0 },
  )
}

// `metric`: the stats API's name; `visit`: refused under a page filter (docs/stats-api.md#filters).
const TOTALS = [
  { label: 'Unique visitors', metric: 'visitors', value: total('visitors'), format: formatCount },
  { label: 'Visits', metric: 'visits', visit: true, value: total('visits'), format: formatCount },
  { label: 'Pageviews', metric: 'pageviews', value: total('pageviews'), format: formatCount },
  { label: 'Events', metric: 'events', value: total('events'), format: formatCount },
  {
    label: 'Bounce rate',
    metric: 'bounce_rate',
    visit: true,
    lowerIsBetter: true,
    value: total('bounce_rate'),
    format: formatPercent,
    title: formatPercent,
  },
  {
    label: 'Visit duration',
    metric: 'visit_duration',
    visit: true,
    value: total('visit_duration_s'),
    format: formatDuration,
    title: formatDuration,
  },
  {
    label: 'Pages / visit',
    metric: 'pages_per_visit',
    visit: true,
    value: total('pages_per_visit'),
    format: formatDecimal,
    title: formatDecimal,
  },
]

function totalsPanel(section, ctx) {
  const shown = TOTALS.filter((stat) => !(stat.visit && ctx.eventLevel))
  const stats = statsPanel(section, shown, { compare: ctx.compare })
  return {
    update(view) {
      setText(ctx.heading, periodHeading(view))
      stats.update(view)
    },
  }
}

function engagementPanel(section) {
  const field = (name) => (totals, snapshot) => {
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

function barsPanel(section, spec, ctx) {
  const { el, body } = table(ctx.headingId, spec.cols)
  const empty = emptyNote()
  section.append(el, empty)
  const label = spec.label || ((text) => text)
  const dimension = ctx.onFilter && spec.filter

  function labelElement(key, display) {
    if (dimension && canFilter(key)) {
      const title = `Filter by ${filterLabel(dimension, key)}`
      const button = h('button', { type: 'button', class: 'text filter', title }, display)
      button.addEventListener('click', () => ctx.onFilter(dimension, key))
      return button
    }
    if (spec.link) return linkOrText(key, display.replace(/^https?:\/\//, ''))
    return h('span', { class: 'text', title: key }, display)
  }

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
          labelCell.append(labelElement(key, label(key) || '(none)'))
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
// The stats API's buckets are UTC hours and days; the stream's minutes read best in local time.
const BUCKET_FORMATS = {
  minute: { hour: '2-digit', minute: '2-digit' },
  hour: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' },
  day: { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' },
}
// A daily series is ticked at whole days (uPlot would also tick hours between them).
const DAY_S = 86400
const DAY_TICKS = {
  incrs: [1, 2, 7, 14, 28, 91, 182, 364].map((days) => days * DAY_S),
  values: (u, splits) => {
    const long = u.scales.x.max - u.scales.x.min > 180 * DAY_S
    const format = { month: 'short', day: 'numeric', timeZone: 'UTC', ...(long ? { year: '2-digit' } : {}) }
    return splits.map((split) => validDate(split * 1000)?.toLocaleDateString([], format) || '')
  },
}

/**
 * Events and page views over time: the stream's last 60 minutes, or the
 * series of a stats answer (per minute, hour or day), with the previous
 * period's values dashed behind them, matched bucket by bucket.
 */
function chartPanel(section, ctx) {
  const box = h('div', { class: 'chart', role: 'img', 'aria-label': 'Chart, waiting for data' })
  section.append(box)
  const height = ctx.full ? 240 : 180
  let plot = null
  let data = null
  let shape = { interval: 'minute', compared: false }

  function colors() {
    const style = getComputedStyle(ctx.host)
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
    const { interval, compared } = shape
    const line = (label, stroke, options) => ({
      label,
      stroke,
      width: 2,
      points: { show: false },
      value: legendCount,
      ...options,
    })
    const previous = { width: 1.5, dash: [5, 4] }
    const bucket = BUCKET_FORMATS[interval] || BUCKET_FORMATS.minute
    plot = new uPlot(
      {
        width,
        height,
        // Room on the right for the label of a last tick that sits on the edge (daily series).
        padding: [12, interval === 'minute' ? 8 : 20, 0, 0],
        cursor: { drag: { x: false, y: false }, points: { size: 7 } },
        legend: { live: true },
        // The time column of the legend only means something under the cursor.
        hooks: { setLegend: [(u) => box.classList.toggle('idle', u.legend.idx == null)] },
        ...(bucket.timeZone ? { tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC') } : {}),
        scales: { y: { range: (u, min, max) => [0, Math.max(4, max)] } },
        axes: [
          { ...axis, grid: { show: false }, space: 60, ...(interval === 'day' ? DAY_TICKS : {}) },
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
            value: (u, v) => (v == null ? '' : validDate(v * 1000)?.toLocaleString([], bucket) || ''),
          },
          line('Events', c.events, { fill: c.fill }),
          line('Pageviews', c.pageviews),
          ...(compared
            ? [
                line('Events, previous period', c.events, previous),
                line('Pageviews, previous period', c.pageviews, previous),
              ]
            : []),
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
    update(view) {
      const rows = objects(view.series)
      const before = Array.isArray(view.previous) ? objects(view.previous) : null
      const interval = Object.hasOwn(BUCKET_FORMATS, view.interval) ? view.interval : 'minute'
      const column = (list, field) => rows.map((row, index) => (index < list.length ? num(list[index][field]) : null))
      data = [
        rows.map((row) => num(row.t) / 1000),
        column(rows, 'events'),
        column(rows, 'pageviews'),
        ...(before ? [column(before, 'events'), column(before, 'pageviews')] : []),
      ]
      const sum = (values) => values.reduce((a, b) => a + (b || 0), 0)
      const peak = Math.max(0, ...data[1])
      setText(ctx.heading, view.source === 'stats' ? `${periodHeading(view)}, per ${interval}` : 'Last 60 minutes')
      box.setAttribute(
        'aria-label',
        `Events per ${interval} over ${rows.length} ${interval}s: ${exact(sum(data[1]))} in total, ` +
          `at most ${exact(peak)} in one ${interval}` +
          (before ? `; ${exact(sum(data[3]))} in the previous period` : ''),
      )
      const next = { interval, compared: Boolean(before) }
      if (plot && next.interval === shape.interval && next.compared === shape.compared) {
        plot.setData(data)
        return
      }
      shape = next
      create()
    },
    retheme: create,
    destroy() {
      resize.disconnect()
      plot?.destroy()
    },
  }
}

// kind: where a panel's data comes from — "stream": always the snapshot (real
// time in every period); "headline": the snapshot, or the stats API's totals
// and series; "breakdown": the snapshot, or a stats breakdown by `dim`.
// visit: refused by the stats API under a page filter. snapshotOnly: not in
// the stats API. filter: clicking a row filters the view by this dimension.
export const PANELS = {
  live: { title: 'Right now', kind: 'stream', wide: true, make: (section) => livePanel(section) },
  totals: { title: 'Totals', kind: 'headline', wide: true, make: totalsPanel },
  chart: { title: 'Last 60 minutes', kind: 'headline', wide: true, make: chartPanel },
  pages: { title: 'Top pages', key: 'top_pages', dim: 'page', filter: 'page', cols: ['Page', 'Views'] },
  entry: { title: 'Entry pages', key: 'entry_pages', dim: 'entry', visit: true, cols: ['Page', 'Entrances'] },
  exit: { title: 'Exit pages', key: 'exit_pages', dim: 'exit', visit: true, cols: ['Page', 'Exits'] },
  referrers: { title: 'Referrers', key: 'referrers', dim: 'referrer', visit: true, cols: ['Referrer', 'Visits'] },
  sources: {
    title: 'Sources',
    key: 'sources',
    dim: 'source',
    filter: 'source',
    visit: true,
    cols: ['Source', 'Visits'],
    label: capitalize,
  },
  utm_sources: { title: 'UTM sources', key: 'utm_sources', dim: 'utm_source', visit: true, cols: ['Source', 'Visits'] },
  utm_mediums: { title: 'UTM mediums', key: 'utm_mediums', dim: 'utm_medium', visit: true, cols: ['Medium', 'Visits'] },
  utm_campaigns: {
    title: 'UTM campaigns',
    key: 'utm_campaigns',
    dim: 'utm_campaign',
    visit: true,
    cols: ['Campaign', 'Visits'],
  },
  goals: { title: 'Goals', key: 'goals', dim: 'goal', make: (section, ctx) => goalsPanel(section, ctx.headingId) },
  types: { title: 'Event types', key: 'event_types', dim: 'type', cols: ['Type', 'Events'] },
  browsers: { title: 'Browsers', key: 'browsers', dim: 'browser', visit: true, cols: ['Browser', 'Visits'] },
  os: { title: 'Operating systems', key: 'os', dim: 'os', visit: true, cols: ['OS', 'Visits'] },
  devices: {
    title: 'Devices',
    key: 'devices',
    dim: 'device',
    visit: true,
    cols: ['Device', 'Visits'],
    label: capitalize,
  },
  countries: {
    title: 'Countries',
    key: 'countries',
    dim: 'country',
    visit: true,
    cols: ['Country', 'Visits'],
    label: countryName,
  },
  outbound: { title: 'Outbound links', key: 'outbound', dim: 'outbound', cols: ['Link', 'Clicks'], link: true },
  downloads: { title: 'Downloads', key: 'downloads', dim: 'download', cols: ['File', 'Clicks'], link: true },
  engagement: { title: 'Engagement', snapshotOnly: true, make: (section) => engagementPanel(section) },
  latest: {
    title: 'Latest events',
    kind: 'stream',
    wide: true,
    make: (section, ctx) => latestPanel(section, ctx.headingId),
  },
}

export const panelKind = (spec) => spec.kind || 'breakdown'

export const makePanel = (spec, section, ctx) => (spec.make ? spec.make(section, ctx) : barsPanel(section, spec, ctx))

const PANEL_ALIASES = { utm: ['utm_sources', 'utm_mediums', 'utm_campaigns'] }
const COMPACT_PANELS = ['live', 'chart', 'pages', 'referrers', 'types', 'latest']
const FULL_PANELS = Object.keys(PANELS)

export function panelNames(attribute, full) {
  if (attribute == null || !attribute.trim()) return full ? FULL_PANELS : COMPACT_PANELS
  const names = attribute
    .toLowerCase()
    .split(/[\s,]+/)
    .flatMap((name) => PANEL_ALIASES[name] || [name])
    .filter((name) => Object.hasOwn(PANELS, name))
  return [...new Set(names)]
}
