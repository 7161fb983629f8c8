// <activity-dashboard>: the live dashboard web component, used both as the
// embeddable widget (any origin) and as the full /dashboard page.
//
// It follows the stream contract v1 (docs/stream-api.md) and, for the views
// the stream does not cover, the stats API (docs/stats-api.md); view.js says
// which is which. Panels live in panels.js.

// Imported as text so the chart's CSS lands inside the shadow root.
import uPlotCss from 'uplot/dist/uPlot.min.css' with { type: 'text' }
import { h, makePanel, panelKind, PANELS, panelNames, setText, setTitle } from './panels.js'
import { formatClock, isObject } from './values.js'
import {
  apiUrl,
  breakdownsFromStats,
  defaultRange,
  errorMessage,
  FILTER_DIMENSIONS,
  filterLabel,
  formatFilters,
  headlineFromStats,
  isEventLevel,
  isFiltered,
  maxDay,
  PERIODS,
  StatsFeed,
  statsQuery,
  statsRequests,
  statsView,
  streamPeriod,
  streamView,
  viewState,
} from './view.js'
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

const RETRY_MIN_MS = 1000
const RETRY_MAX_MS = 30000
// Statuses that retrying cannot fix: show the server's reason and stop.
const FATAL_STATUSES = new Set([400, 401, 403, 404])

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
    return apiUrl(this.base, path, { ...this.params, ...extra })
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

// Attributes whose change rebuilds the whole element; the others (the view:
// period, range, filters, comparison) rebuild only the panels.
const LAYOUT_ATTRIBUTES = new Set(['site', 'api', 'token', 'panels', 'mode'])
const VIEW_ATTRIBUTES = ['period', 'from', 'to', 'filters', 'compare']

class ActivityDashboard extends HTMLElement {
  static get observedAttributes() {
    return [...LAYOUT_ATTRIBUTES, ...VIEW_ATTRIBUTES]
  }

  constructor() {
    super()
    this.attachShadow({ mode: 'open' })
    this._style = adoptStyles(this.shadowRoot)
    this._ready = false
    this._stream = null
    this._streamKey = ''
    this._panels = []
    this._shown = []
    this._state = null
    this._snapshot = null
    this._stats = null // the panels' data from /api/stats, once answered for this._state
    this._requests = []
    this._feed = new StatsFeed({
      result: (answers) => {
        this._stats = statsView(this._requests, answers)
        this._setAlert('view', '')
        this._render()
      },
      error: (message) => this._setAlert('view', `Cannot show this view: ${message}.`),
    })
    this._frame = 0
    this._queued = false
    this._relayout = false
    this._focusAfter = ''
    this._statusState = 'connecting'
    this._alerts = { stream: '', view: '' }
    this._colorScheme = null
    this._onColorScheme = () => this._panels.forEach(({ panel }) => panel.retheme?.())
  }

  connectedCallback() {
    if (this.hasAttribute('from-location')) this._readLocation()
    this._ready = true
    this._build()
    this._load()
    this._colorScheme = matchMedia('(prefers-color-scheme: dark)')
    this._colorScheme.addEventListener('change', this._onColorScheme)
  }

  disconnectedCallback() {
    this._ready = false
    this._stream?.stop()
    this._stream = null
    this._streamKey = ''
    this._feed.stop()
    cancelAnimationFrame(this._frame)
    this._frame = 0
    this._destroyPanels()
    this._colorScheme?.removeEventListener('change', this._onColorScheme)
  }

  attributeChangedCallback(name, previous, value) {
    if (!this._ready || previous === value) return
    if (name === 'site') this._snapshot = null
    if (LAYOUT_ATTRIBUTES.has(name)) this._relayout = true
    if (this._queued) return
    // Attributes set together (a custom range's period, from and to) make one update.
    this._queued = true
    queueMicrotask(() => this._update())
  }

  _update() {
    this._queued = false
    if (!this._ready) return
    if (this._relayout) this._build()
    else this._buildGrid()
    this._relayout = false
    this._load()
    if (this.hasAttribute('from-location')) this._writeLocation()
  }

  get _full() {
    return this.getAttribute('mode') === 'full'
  }

  get _base() {
    const api = this.getAttribute('api')
    try {
      return api ? new URL(api.endsWith('/') ? api : `${api}/`, location.href).href : SCRIPT_ORIGIN
    } catch {
      return null
    }
  }

  get _auth() {
    return { site: this.getAttribute('site') || '', token: this.getAttribute('token') || '' }
  }

  // The /dashboard page has no inline script (strict CSP), so the element
  // takes its attributes from the page's own query string, and writes the
  // view back there so that the address is a link to what is on screen.
  _readLocation() {
    const query = new URLSearchParams(location.search)
    for (const name of ['site', 'token', ...VIEW_ATTRIBUTES]) {
      const value = query.get(name)
      if (value && !this.hasAttribute(name)) this.setAttribute(name, value)
    }
    const site = this.getAttribute('site')
    if (site) document.title = `${site} · Activity dashboard`
  }

  _writeLocation() {
    const state = viewState(this)
    const custom = state.period === 'custom'
    const url = new URL(location.href)
    const values = {
      period: this.getAttribute('period') || '',
      from: custom ? state.from : '',
      to: custom ? state.to : '',
      filters: formatFilters(state.filters),
      compare: state.compare ? 'previous' : '',
    }
    for (const [name, value] of Object.entries(values)) {
      if (value) url.searchParams.set(name, value)
      else url.searchParams.delete(name)
    }
    if (url.href !== location.href) history.replaceState(history.state, '', url)
  }

  _destroyPanels() {
    this._panels.forEach(({ panel }) => panel.destroy?.())
    this._panels = []
  }

  _build() {
    const full = this._full
    const site = this.getAttribute('site') || ''

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
    this._controls = full ? this._makeControls() : null
    if (this._controls) head.append(this._controls.periods)
    this._chips = h('ul', { class: 'chips', 'aria-label': 'Filters', hidden: true })
    this._alert = h('p', { class: 'alert', role: 'alert', hidden: true })
    this._grid = h('div', { class: 'grid' })

    const root = h(
      'div',
      { class: 'root', part: 'root' },
      h('div', { class: 'inner' }, head, this._controls?.toolbar, this._chips, this._alert, this._grid),
    )
    this.shadowRoot.replaceChildren(...[this._style, root].filter(Boolean))
    this._setStatus(this._statusState)
    this._showAlerts()
    this._buildGrid()
  }

  /** The panels for the current view; their data comes with the next snapshot or stats answer. */
  _buildGrid() {
    this._destroyPanels()
    const state = (this._state = viewState(this))
    this._stats = null
    const full = this._full
    const headingTag = full ? 'h2' : 'h3'
    const eventLevel = isEventLevel(state)
    const fromStats = breakdownsFromStats(state)
    this._shown = panelNames(this.getAttribute('panels'), full).filter((name) => {
      const spec = PANELS[name]
      return !(spec.visit && eventLevel) && !(spec.snapshotOnly && fromStats)
    })
    const sections = this._shown.map((name) => {
      const spec = PANELS[name]
      const kind = panelKind(spec)
      const headingId = `ad-${name}-heading`
      // Real-time panels ignore filters: say so rather than look filtered.
      const note = kind === 'stream' && isFiltered(state) ? h('span', { class: 'note' }, ' · all traffic') : null
      const heading = h(headingTag, { id: headingId }, spec.title, note)
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
      const ctx = {
        host: this,
        full,
        heading,
        headingId,
        eventLevel,
        compare: state.compare,
        onFilter: full ? (dimension, value) => this._addFilter(dimension, value) : null,
      }
      this._panels.push({ kind, panel: makePanel(spec, section, ctx) })
      return section
    })
    this._grid.replaceChildren(...sections)
    this._syncControls(state)
    if (this._snapshot) this._render()
  }

  _makeControls() {
    const periods = h(
      'div',
      { class: 'periods', role: 'group', 'aria-label': 'Period' },
      PERIODS.map(([value, label]) => {
        const button = h('button', { type: 'button', 'data-period': value, 'aria-pressed': 'false' }, label)
        button.addEventListener('click', () => this._choosePeriod(value))
        return button
      }),
    )
    const from = h('input', { type: 'date', name: 'from', required: true })
    const to = h('input', { type: 'date', name: 'to', required: true })
    const range = h(
      'form',
      { class: 'range', 'aria-label': 'Custom range (UTC dates)', hidden: true },
      h('label', {}, h('span', {}, 'From'), from),
      h('label', {}, h('span', {}, 'To'), to),
      h('span', { class: 'hint', 'aria-hidden': 'true' }, 'UTC'),
      h('button', { type: 'submit' }, 'Apply'),
    )
    from.addEventListener('input', () => (to.min = from.value))
    to.addEventListener('input', () => (from.max = to.value || maxDay()))
    // Never submitted: the page's CSP has form-action 'none'.
    range.addEventListener('submit', (event) => {
      event.preventDefault()
      this._setPeriod('custom', { from: from.value, to: to.value })
    })
    const compare = h('input', { type: 'checkbox' })
    compare.addEventListener('change', () => {
      if (compare.checked) this.setAttribute('compare', 'previous')
      else this.removeAttribute('compare')
    })
    const csv = h('a', { class: 'csv', download: '' }, 'Export CSV')
    const toolbar = h(
      'div',
      { class: 'toolbar' },
      range,
      h('label', { class: 'compare' }, compare, 'Compare with previous period'),
      csv,
    )
    return { periods, range, from, to, compare, csv, toolbar }
  }

  _syncControls(state) {
    this._renderChips(state)
    const controls = this._controls
    if (!controls) return
    for (const button of controls.periods.children) {
      button.setAttribute('aria-pressed', String(button.dataset.period === state.period))
    }
    const custom = state.period === 'custom'
    controls.range.hidden = !custom
    if (custom) {
      const { from, to } = controls
      from.value = state.from
      to.value = state.to
      to.min = state.from
      to.max = maxDay()
      from.max = state.to || to.max
    }
    controls.compare.checked = state.compare
    const base = this._base
    if (base) controls.csv.href = apiUrl(base, 'api/stats', { ...this._auth, ...statsQuery(state), format: 'csv' })
    else controls.csv.removeAttribute('href')
  }

  _renderChips(state) {
    const chips = FILTER_DIMENSIONS.filter((dimension) => dimension in state.filters).map((dimension) => {
      const text = filterLabel(dimension, state.filters[dimension])
      const remove = h(
        'button',
        { type: 'button', class: 'remove', 'aria-label': `Remove filter ${text}`, title: 'Remove filter' },
        '×',
      )
      remove.addEventListener('click', () => this._removeFilter(dimension))
      const label = h('span', { class: 'text', title: text }, text)
      return h('li', { class: 'chip', 'data-filter': dimension }, label, remove)
    })
    this._chips.replaceChildren(...chips)
    this._chips.hidden = chips.length === 0
    // Keyboard users land where the filter they added or removed was.
    const focus = this._focusAfter
    this._focusAfter = ''
    if (!focus) return
    const chip = chips.find((li) => li.dataset.filter === focus) || chips[0]
    const target = chip?.querySelector('button') || this._controls?.periods.querySelector('[aria-pressed="true"]')
    target?.focus()
  }

  _choosePeriod(period) {
    if (period !== 'custom') {
      this._setPeriod(period)
      return
    }
    const state = viewState(this)
    this._setPeriod('custom', state.from && state.to ? state : defaultRange())
  }

  _setPeriod(period, range) {
    if (range) {
      this.setAttribute('from', range.from)
      this.setAttribute('to', range.to)
    } else if (this.getAttribute('period') === period) {
      return
    }
    this.setAttribute('period', period)
    const detail = range ? { period, from: range.from, to: range.to } : { period }
    this.dispatchEvent(new CustomEvent('periodchange', { detail, bubbles: true, composed: true }))
  }

  _addFilter(dimension, value) {
    const filters = { ...viewState(this).filters, [dimension]: value }
    const text = formatFilters(filters)
    if (text === this.getAttribute('filters')) return
    this._focusAfter = dimension
    this.setAttribute('filters', text)
  }

  _removeFilter(dimension) {
    const filters = { ...viewState(this).filters }
    delete filters[dimension]
    const text = formatFilters(filters)
    this._focusAfter = 'next'
    if (text) this.setAttribute('filters', text)
    else this.removeAttribute('filters')
  }

  /** Open the stream (unless the open one already fits) and ask /api/stats for what the stream does not cover. */
  _load() {
    this._connect()
    const base = this._base
    const auth = this._auth
    this._requests = base && auth.site ? statsRequests(this._state, this._shown.map((name) => PANELS[name])) : []
    this._setAlert('view', '')
    this._feed.set(this._requests.map((request) => apiUrl(base, 'api/stats', { ...auth, ...request.params })))
  }

  _connect() {
    const base = this._base
    // The stream's own default period is today: send only a period the page asked for.
    const params = { ...this._auth, period: streamPeriod(this._state) && (this.getAttribute('period') || '') }
    const key = JSON.stringify([base, params])
    if (key === this._streamKey) return
    this._streamKey = key
    this._stream?.stop()
    this._stream = null
    if (!params.site) {
      this._setStatus('error')
      this._setAlert('stream', 'Set the site attribute, e.g. <activity-dashboard site="example.com">.')
      return
    }
    if (!base) {
      this._setStatus('error')
      this._setAlert('stream', 'The api attribute is not a valid URL.')
      return
    }
    this._stream = new SnapshotStream(base, params, {
      status: (state) => this._setStatus(state),
      snapshot: (snapshot) => this._receive(snapshot),
      fatal: (message) => {
        this._setStatus('error')
        this._setAlert('stream', `Cannot show this dashboard: ${message}.`)
      },
    })
    this._stream.start()
  }

  _setStatus(state) {
    this._statusState = state
    if (state !== 'error') this._setAlert('stream', '')
    this._status.dataset.state = state
    setText(this._status.lastElementChild, STATUS_LABELS[state])
    if (this._snapshot) setTitle(this._status, `Updated ${formatClock(this._snapshot.ts)}`)
  }

  _setAlert(kind, message) {
    this._alerts[kind] = message
    this._showAlerts()
  }

  _showAlerts() {
    // A refused stream (say, a wrong token) is the reason the stats fail too: say it once.
    const text = this._alerts.stream || this._alerts.view
    setText(this._alert, text)
    this._alert.hidden = !text
  }

  _receive(snapshot) {
    this._snapshot = snapshot
    // A snapshot means the numbers moved: what came from /api/stats is stale too.
    this._feed.refresh()
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
    const state = this._state
    const stream = snapshot && streamView(snapshot)
    const data = {
      stream: snapshot,
      headline: headlineFromStats(state) ? this._stats : stream,
      breakdown: breakdownsFromStats(state) ? this._stats : stream,
    }
    for (const { kind, panel } of this._panels) {
      if (data[kind]) panel.update(data[kind])
    }
    if (snapshot) setTitle(this._status, `Updated ${formatClock(snapshot.ts)}`)
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, ActivityDashboard)
