// activity-tracker browser snippet (t.js). Design, size budget, wire keys and
// the data-* configuration are in ../ARCHITECTURE.md. Written for the
// minifier: browser globals used more than once get a local alias, and each
// wire key is spelled once where possible.

const doc = document
const nav = navigator
const loc = location
const script = doc.currentScript
const cfg = script.dataset
// Capture phase on window: sees clicks whose propagation the page stops, and
// document events (visibilitychange) on their way down.
const on = (type, fn) => addEventListener(type, fn, 1)

const site = cfg.site || loc.hostname
const endpoint = (cfg.api || new URL(script.src).origin) + '/api/collect'
const hashRoutes = 'hash' in cfg
const manual = 'manual' in cfg
const downloads = RegExp('\\.(' + (cfg.downloads || 'pdf|xlsx?|docx?|pptx?|csv|zip|gz|dmg|exe|apk|mp[34]') + ')$', 'i')
const STORE = 'activity_tracker_q'

// Off for local development, automated browsers and visitors asking not to be
// tracked, unless the site opts in.
const off =
  (!('trackLocalhost' in cfg) && /^(localhost|127\.|\[::1\]$|$)/.test(loc.hostname)) ||
  (nav.webdriver && !('trackAutomation' in cfg)) ||
  (cfg.respectDnt != 'false' && (nav.doNotTrack == 1 || nav.globalPrivacyControl))

// 32 decimal digits (~100 random bits): the event id is the dedupe key end to end.
const uid = () => crypto.getRandomValues(new Uint8Array(32)).join('').slice(0, 32)

// Truncates a string to its wire limit (the collector ignores empty strings).
const cut = (value, max) => value?.slice(0, max)

let storage, sid
try {
  storage = localStorage
  const tab = sessionStorage
  sid = tab.activity_tracker_sid ||= uid()
} catch (e) {}

// ---- delivery: batch, send, retry ---------------------------------------

let queue = []
let attempt = 0

// The retry store in localStorage: adds `events` to the stored ones, or with
// none takes all of them out. Returns what was stored: at most the newest 100
// (the collector rejects events too old to count). Where storage is blocked,
// failed events are not retried.
const swap = (events, old = []) => {
  try {
    old = JSON.parse(storage[STORE] || '[]')
    storage[STORE] = JSON.stringify(events ? [...old, ...events].slice(-100) : [])
  } catch (e) {}
  return old
}

// Each failure schedules one resend of the whole store; one that finds the
// store already emptied by another sends nothing.
const retry = (events, after) => {
  swap(events)
  setTimeout(() => send(swap()), after * 1e3 || 500 << attempt++ % 10)
}

// A string body goes out as text/plain;charset=UTF-8: no CORS preflight.
const send = (events, beacon, body = JSON.stringify({ site, events })) =>
  events[0] &&
  (beacon
    ? nav.sendBeacon(endpoint, body) || retry(events)
    : fetch(endpoint, { method: 'POST', body, keepalive: true }).then(
        ({ status, headers }) => (status == 429 || status > 499 ? retry(events, headers.get('Retry-After')) : (attempt = 0)),
        () => retry(events),
      ))

const flush = (beacon) => send(queue.splice(0), beacon)

// ---- events ---------------------------------------------------------------

let page // url of the current page view
let pageKey // what must change for an automatic SPA page view
let engagedSince = 0
let engagedMs = 0
let scrollDepth = 0

const pageUrl = () => (hashRoutes ? loc.href : loc.href.split('#')[0])
const routeKey = () => loc.pathname + (hashRoutes ? loc.hash : '')

const event = (type, fields) => {
  if (off || storage?.activity_tracker_ignore == 'true') return
  // Whichever timer fires first takes the batch.
  queue.push({ id: uid(), type, ts: Date.now(), url: page || pageUrl(), sid, wd: nav.webdriver || undefined, ...fields }) > 9 ? flush() : setTimeout(flush, 1e3)
}

const custom = (name, props) => event('custom', { name: cut(name, 128), props })

// Engaged time counts only while the page has focus, which a hidden page never has.
const tick = () => {
  const t = Date.now()
  engagedMs += engagedSince && t - engagedSince
  engagedSince = doc.hasFocus() && t
}

// Never over 100: the scrolling element's scrollTop + clientHeight ≤ scrollHeight.
const scrolled = () => {
  const e = doc.scrollingElement
  scrollDepth = Math.max(scrollDepth, (((e.scrollTop + e.clientHeight) / e.scrollHeight) * 100) | 0)
}

const engagement = () => {
  tick()
  scrolled()
  engagedMs && event('engagement', { ms: engagedMs, scroll: scrollDepth })
  engagedMs = 0
}

const pageview = (url) => {
  engagement()
  url = cut(url ? new URL(url, loc).href : pageUrl(), 2048)
  event('pageview', {
    url,
    ref: cut(page || doc.referrer, 2048), // SPA: the previous page, as a multi-page site's referrer would be
    title: cut(doc.title, 512),
    status: +cfg.status || undefined,
  })
  page = url
  pageKey = routeKey()
  scrollDepth = 0
}

const route = () => manual || routeKey() == pageKey || pageview()

// One event per click, for the nearest element that is tagged, a link or a
// button. A link that navigates away is delivered by the hidden page's beacon.
const click = ({ target }) => {
  const el = target.closest?.('[data-event],a,button,[role=button]')
  const name = el?.dataset.event
  if (name) {
    const props = {}
    for (const attr of el.attributes) {
      const key = attr.name.split('data-event-')[1]
      if (key) props[key] = cut(attr.value, 512)
    }
    custom(name, props)
  } else if (el) {
    const href = el.href
    // Only links carry an href; a label never includes what was typed into inputs.
    event((href && (downloads.test(el.pathname) ? 'download' : el.host && el.host != loc.host && 'outbound')) || 'click', {
      name: cut(el.ariaLabel || el.innerText || el.id, 64),
      target: cut(href, 2048),
    })
  }
}

// ---- public API and start-up ----------------------------------------------

const stub = self.activityTracker
const api = (self.activityTracker = { track: custom, pageview })

if (!off) {
  for (const method of ['pushState', 'replaceState']) {
    const original = history[method]
    history[method] = (...args) => {
      original.apply(history, args)
      route()
    }
  }
  on('popstate', route)
  // Hidden is the last event a leaving page reliably gets (pagehide is not
  // needed). Engaged time resumes with the next focus event.
  on('visibilitychange', () => {
    if (doc.hidden) {
      engagement()
      engagedSince = 0
      flush(1)
    }
  })
  on('focus', tick)
  on('blur', tick)
  on('scroll', scrolled)
  on('click', click)
  manual || pageview()
  send(swap())
}
stub?.q?.map(([method, args]) => api[method](...args))
