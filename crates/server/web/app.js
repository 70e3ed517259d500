// faultline's page: plain JavaScript over the JSON API, no framework and no network beyond
// this server. Everything that comes from an article (titles, names, text, URLs) is put in
// the page as text (textContent, attribute values, SVG <title>), never parsed as HTML; a URL
// from an article becomes a link only when it is http or https. The state of the view and
// its filters lives in the URL's fragment (#incidents?type=ASSAULT&actor=ARM), so a view
// can be shared and the back button works.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const FILTERS = ["actor", "country", "type", "since", "until", "status", "include_background", "q"];
const LIST_VIEWS = ["incidents", "timeline", "map", "actors"];
// One colour per PLOVER type, in the order /api/status lists the types.
const PALETTE = ["#1f77b4", "#2ca02c", "#17becf", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
  "#0b7a75", "#6b4c9a", "#3b6e22", "#a05d00", "#5b5b99", "#b5651d", "#c2185b", "#d62728"];

const state = { types: [], filters: new URLSearchParams(), rows: [], page: 1, sort: null, world: null };

// ---- small DOM helpers: text only, never HTML ----

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  return fill(node, attrs, children);
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  return fill(node, attrs, children);
}

function fill(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A URL from an article, usable as a link only when it is http(s). */
function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url.trim()) ? url.trim() : null;
}

function setStatus(message) {
  document.getElementById("status").textContent = message;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch (_) { /* not JSON */ }
  if (!response.ok) throw new Error(body && body.error ? body.error : `${response.status} ${response.statusText}`);
  return body;
}

// ---- labels ----

function figure(value) { return value === null || value === undefined ? null : String(value); }

/** An incident's casualty figure over its reports ("12–99 over 2 reports"), or "–" when no report gives one. */
function overReports(casualties) {
  if (!casualties.reports) return "–";
  const reports = casualties.reports === 1 ? "1 report" : `${casualties.reports} reports`;
  return `${rangeLabel(casualties.total)} over ${reports}`;
}

function rangeLabel(range) {
  if (!range) return "–";
  const low = figure(range.low), best = figure(range.best), high = figure(range.high);
  if (low && high && low !== high) return best && best !== low && best !== high ? `${low}–${high} (${best})` : `${low}–${high}`;
  return best || low || (high ? `≤${high}` : "–");
}

function actorNames(actors) { return (actors || []).map((a) => a.name).join(", "); }

function dyadLabel(source, target) {
  return `${source.length ? source.join(", ") : "—"} → ${target.length ? target.join(", ") : "—"}`;
}

/** Actor names as the GeoJSON export gives them: a list, one string or nothing. */
function nameList(value) { return Array.isArray(value) ? value : value ? [value] : []; }

function typeLabel(type, mode) { return mode ? `${type}/${mode}` : type; }

function placeLabel(place) {
  if (!place) return "–";
  return [place.name, place.admin1, place.country].filter(Boolean).join(", ");
}

function typeColour(type) {
  const index = state.types.indexOf(type);
  return PALETTE[(index < 0 ? 0 : index) % PALETTE.length];
}

function dateValue(date) {
  if (!date) return null;
  const [y, m, d] = date.split("-");
  const time = Date.UTC(Number(y), m ? Number(m) - 1 : 0, d ? Number(d) : 1);
  return Number.isFinite(time) ? time : null;
}

function isoDay(time) { return new Date(time).toISOString().slice(0, 10); }

// ---- routing and filters ----

function parseHash() {
  const hash = location.hash.replace(/^#/, "");
  const [path, query] = hash.split("?");
  const [view, ...rest] = (path || "incidents").split("/");
  return { view: view || "incidents", arg: rest.length ? decodeURIComponent(rest.join("/")) : null, query: new URLSearchParams(query || "") };
}

function filterQuery(extra) {
  const query = new URLSearchParams();
  for (const name of FILTERS) for (const value of state.filters.getAll(name)) if (value) query.append(name, value);
  for (const [name, value] of Object.entries(extra || {})) query.set(name, value);
  return query.toString();
}

function go(view, filters) {
  if (filters) state.filters = filters;
  const query = filterQuery();
  location.hash = `#${view}${query ? "?" + query : ""}`;
}

function readForm() {
  const form = document.getElementById("filters");
  const filters = new URLSearchParams();
  for (const name of FILTERS) {
    const input = form.elements[name];
    if (input.type === "checkbox") { if (input.checked) filters.set(name, "true"); }
    else if (input.value.trim()) filters.set(name, input.value.trim());
  }
  return filters;
}

function writeForm() {
  const form = document.getElementById("filters");
  for (const name of FILTERS) {
    const input = form.elements[name];
    if (input.type === "checkbox") input.checked = state.filters.get(name) === "true";
    else input.value = state.filters.getAll(name).join(",");
  }
}

function currentListView() {
  const { view } = parseHash();
  return LIST_VIEWS.includes(view) ? view : "incidents";
}

async function route() {
  const { view, arg, query } = parseHash();
  if (LIST_VIEWS.includes(view)) state.filters = query;
  writeForm();
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${view}`;
  for (const link of document.querySelectorAll("nav a[data-view]")) {
    const q = filterQuery();
    link.setAttribute("href", `#${link.dataset.view}${q ? "?" + q : ""}`);
    if (link.dataset.view === view) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
  }
  setStatus("Loading…");
  try {
    if (view === "incidents") await showIncidents();
    else if (view === "timeline") await showTimeline();
    else if (view === "map") await showMap();
    else if (view === "actors") await showActors();
    else if (view === "incident") await showIncident(arg);
    else if (view === "article") await showArticle(arg);
    else { setStatus(`No view called ${view}.`); return; }
  } catch (error) {
    setStatus(`Could not load: ${error.message}`);
  }
}

// ---- incidents table ----

function sortValue(row, key) {
  switch (key) {
    case "date": return row.date || "";
    case "type": return typeLabel(row.type, row.mode);
    case "actors": return dyadLabel(row.source.map((a) => a.name), row.target.map((a) => a.name));
    case "place": return placeLabel(row.place);
    case "dead": { const t = row.fatalities.total; return t ? (t.best ?? t.low ?? t.high ?? 0) : -1; }
    case "sources": return row.sources;
    case "status": return row.status;
    default: return "";
  }
}

function renderRows() {
  const body = document.querySelector("#incidents-table tbody");
  let rows = state.rows.slice();
  if (state.sort) {
    const { key, dir } = state.sort;
    rows.sort((a, b) => {
      const x = sortValue(a, key), y = sortValue(b, key);
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
  }
  body.replaceChildren(...rows.map((row) => el("tr", { "data-id": row.id },
    el("td", { class: "date" }, el("a", { href: `#incident/${encodeURIComponent(row.id)}`, text: row.date || "undated" })),
    el("td", { text: typeLabel(row.type, row.mode) }),
    el("td", { text: dyadLabel(row.source.map((a) => a.name), row.target.map((a) => a.name)) }),
    el("td", { text: placeLabel(row.place) }),
    el("td", { class: "num", text: rangeLabel(row.fatalities.total) }),
    el("td", { class: "num", text: row.sources }),
    el("td", { text: row.status }))));
  for (const th of document.querySelectorAll("#incidents-table th")) {
    const key = th.querySelector("button").dataset.sort;
    if (state.sort && state.sort.key === key) th.setAttribute("aria-sort", state.sort.dir > 0 ? "ascending" : "descending");
    else th.removeAttribute("aria-sort");
  }
}

async function loadPage(page) {
  const result = await api(`/api/incidents?${filterQuery({ page, per_page: 100 })}`);
  state.page = page;
  state.rows = page === 1 ? result.items : state.rows.concat(result.items);
  document.getElementById("more").hidden = !result.has_more;
  renderRows();
  // The first view is drawn: the load benchmark reads this mark.
  if (!performance.getEntriesByName("faultline:first-view").length) performance.mark("faultline:first-view");
  setStatus(`${state.rows.length}${result.has_more ? "+" : ""} incidents${state.rows.length ? "" : " match the filters"}.`);
}

async function showIncidents() {
  const query = filterQuery();
  for (const format of ["csv", "jsonl", "geojson"]) {
    document.getElementById(`dl-${format}`).setAttribute("href", `/api/incidents/export?format=${format}${query ? "&" + query : ""}`);
  }
  await loadPage(1);
  showFacets(query);
}

async function showFacets(query) {
  const panel = document.getElementById("facets");
  panel.replaceChildren(el("p", { class: "hint", text: "Counting…" }));
  try {
    const facets = await api(`/api/incidents/facets${query ? "?" + query : ""}`);
    const group = (title, name, values) => values.length ? [
      el("h3", { text: title }),
      el("ul", {}, values.slice(0, 12).map((v) => el("li", {}, el("button", {
        type: "button",
        "aria-label": `${title} ${v.label || v.value}: ${v.count} incidents; filter`,
        onclick: () => { const f = new URLSearchParams(state.filters); f.set(name, v.value); go("incidents", f); },
      }, el("span", { text: v.label || v.value }), el("span", { class: "count", text: v.count }))))),
    ] : [];
    panel.replaceChildren(
      el("p", { text: `${facets.total} incidents` }),
      ...group("Type", "type", facets.type),
      ...group("Status", "status", facets.status),
      ...group("Country", "country", facets.country),
      ...group("Actor", "actor", facets.actor));
  } catch (error) {
    panel.replaceChildren(el("p", { class: "hint", text: `Facets unavailable: ${error.message}` }));
  }
}

// ---- timeline ----

const DAY = 86400000;

/**
 * The timeline's x scale over `times` (ms), drawn from `left` across `width`. News comes
 * in bursts: a few days of reports, then months of nothing. A single linear scale over
 * two years draws each burst as one column at an edge, so the dates are cut into
 * stretches wherever two consecutive ones lie more than a month and a tenth of the whole
 * range apart; each stretch gets a share of the width by its length (at least a quarter
 * of the longest's) and the empty time between stretches is left out, marked by a break.
 * Returns x(time), its inverse time(px) for the brush, ticks and the breaks' positions.
 */
function timeScale(times, left, width) {
  const sorted = [...new Set(times)].sort((a, b) => a - b);
  const range = sorted[sorted.length - 1] - sorted[0];
  const stretches = [[sorted[0], sorted[0]]];
  for (const time of sorted.slice(1)) {
    const last = stretches[stretches.length - 1];
    if (time - last[1] > Math.max(30 * DAY, range / 10)) stretches.push([time, time]);
    else last[1] = time;
  }
  const gap = 28;
  const spans = stretches.map(([first, last]) => {
    const pad = Math.max(DAY, (last - first) * 0.05);
    return { first, last, from: first - pad, to: last + pad };
  });
  const longest = Math.max(...spans.map((s) => s.to - s.from));
  const weights = spans.map((s) => Math.max(s.to - s.from, longest / 4));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const usable = width - gap * (spans.length - 1);
  let at = left;
  spans.forEach((span, i) => {
    span.left = at;
    span.width = (weights[i] / total) * usable;
    at += span.width + gap;
  });
  const within = (span, time) => span.left + ((time - span.from) / (span.to - span.from)) * span.width;
  const x = (time) => {
    const span = spans.find((s) => time <= s.to) || spans[spans.length - 1];
    return within(span, Math.max(span.from, Math.min(span.to, time)));
  };
  const time = (px) => {
    const span = spans.find((s) => px <= s.left + s.width + gap / 2) || spans[spans.length - 1];
    const share = Math.max(0, Math.min(1, (px - span.left) / span.width));
    return span.from + share * (span.to - span.from);
  };
  // Ticks between a stretch's first and last date: on whole days in a short stretch, on
  // first days of months in a long one, at most one per 100 px of the stretch.
  const ticks = [];
  for (const span of spans) {
    const most = Math.max(1, Math.floor(span.width / 100));
    const days = (span.last - span.first) / DAY;
    if (days <= 90) {
      const step = Math.max(1, Math.ceil(days / most)) * DAY;
      for (let tick = span.first; tick <= span.last; tick += step) {
        ticks.push({ x: within(span, tick), label: isoDay(tick) });
      }
    } else {
      const start = new Date(span.first);
      const year = start.getUTCFullYear();
      const step = Math.ceil(days / 30.4 / most);
      for (let month = start.getUTCMonth() + 1; Date.UTC(year, month, 1) <= span.last; month += step) {
        const tick = Date.UTC(year, month, 1);
        ticks.push({ x: within(span, tick), label: isoDay(tick).slice(0, 7) });
      }
    }
  }
  const breaks = spans.slice(1).map((span) => span.left - gap / 2);
  return { x, time, ticks, breaks };
}

async function showTimeline() {
  const items = await api(`/api/timeline${filterQuery() ? "?" + filterQuery() : ""}`);
  const chart = document.getElementById("timeline-chart");
  const dated = items.filter((item) => dateValue(item.date) !== null);
  if (!dated.length) { chart.replaceChildren(el("p", { text: "No dated incidents match the filters." })); setStatus(""); return; }
  const dyads = new Map();
  for (const item of dated) {
    const key = dyadLabel(item.source, item.target);
    if (!dyads.has(key)) dyads.set(key, []);
    dyads.get(key).push(item);
  }
  const rows = [...dyads.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, 30);
  const maxDead = Math.max(1, ...dated.map((i) => (i.fatalities ? (i.fatalities.high ?? i.fatalities.best ?? i.fatalities.low ?? 0) : 0)));
  const label = 260, width = 1100, rowHeight = 34, top = 24, plotWidth = width - label - 20;
  const height = top + rows.length * rowHeight + 30;
  const scale = timeScale(dated.map((item) => dateValue(item.date)), label, plotWidth);
  const x = scale.x;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "group", "aria-label": `Timeline of ${dated.length} incidents in ${rows.length} pairs of actors` });
  for (const tick of scale.ticks) {
    root.append(svg("line", { x1: tick.x, x2: tick.x, y1: top - 6, y2: height - 24, stroke: "#e2e6eb" }),
      svg("text", { x: tick.x, y: 12, "text-anchor": "middle", text: tick.label }),
      svg("text", { x: tick.x, y: height - 8, "text-anchor": "middle", text: tick.label }));
  }
  for (const at of scale.breaks) {
    root.append(svg("line", { class: "time-break", x1: at, x2: at, y1: top - 6, y2: height - 24 }, svg("title", { text: "time without incidents left out" })));
  }
  rows.forEach(([key, group], index) => {
    const y0 = top + index * rowHeight;
    root.append(svg("text", { x: 4, y: y0 + rowHeight / 2 + 4, text: key.length > 40 ? key.slice(0, 39) + "…" : key }, svg("title", { text: key })));
    root.append(svg("line", { x1: label, x2: width - 20, y1: y0 + rowHeight - 2, y2: y0 + rowHeight - 2, stroke: "#eef0f3" }));
    for (const item of group) {
      const cx = x(dateValue(item.date));
      const mid = y0 + rowHeight - 6;
      const scale = (v) => mid - Math.sqrt((v || 0) / maxDead) * (rowHeight - 10);
      const link = svg("a", { href: `#incident/${encodeURIComponent(item.id)}`, class: "mark", "data-id": item.id, "data-date": item.date, "data-x": cx.toFixed(1) });
      const f = item.fatalities;
      if (f && (f.low !== null || f.high !== null || f.best !== null)) {
        const low = f.low ?? f.best ?? f.high, high = f.high ?? f.best ?? f.low;
        link.append(svg("rect", { class: "band", x: cx - 3, width: 6, y: scale(high), height: Math.max(2, scale(low) - scale(high)), fill: typeColour(item.type) }));
        link.append(svg("circle", { cx, cy: scale(f.best ?? low), r: 3.5, fill: typeColour(item.type) }));
      } else {
        link.append(svg("circle", { cx, cy: mid, r: 3.5, fill: "#fff", stroke: typeColour(item.type), "stroke-width": 1.5 }));
      }
      link.append(svg("title", { text: `${item.date} ${typeLabel(item.type, item.mode)}: ${key}; dead ${rangeLabel(item.fatalities)}; ${item.sources} sources` }));
      root.append(link);
    }
  });
  // Brushing: drag across the plot to set since and until.
  const brush = svg("rect", { class: "brush", y: top - 6, height: height - top - 18, width: 0, x: 0, visibility: "hidden" });
  root.append(brush);
  let start = null;
  const toX = (event) => {
    const box = root.getBoundingClientRect();
    return Math.min(width - 20, Math.max(label, ((event.clientX - box.left) / box.width) * width));
  };
  root.addEventListener("pointerdown", (event) => {
    if (event.target.closest("a")) return;
    start = toX(event);
    brush.setAttribute("visibility", "visible");
    brush.setAttribute("x", start); brush.setAttribute("width", 0);
    root.setPointerCapture(event.pointerId);
  });
  root.addEventListener("pointermove", (event) => {
    if (start === null) return;
    const now = toX(event);
    brush.setAttribute("x", Math.min(start, now)); brush.setAttribute("width", Math.abs(now - start));
  });
  root.addEventListener("pointerup", (event) => {
    if (start === null) return;
    const end = toX(event);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    if (b - a < 4) { brush.setAttribute("visibility", "hidden"); return; }
    const filters = new URLSearchParams(state.filters);
    filters.set("since", isoDay(scale.time(a))); filters.set("until", isoDay(scale.time(b)));
    go("timeline", filters);
  });
  chart.replaceChildren(root);
  setStatus(`${dated.length} dated incidents in ${dyads.size} pairs of actors${dyads.size > rows.length ? ` (the ${rows.length} busiest shown)` : ""}.`);
}

// ---- map ----

/** Country outlines from TopoJSON (arcs delta-encoded and quantised), as lists of rings of [lon, lat]. */
function decodeTopology(topology) {
  const [sx, sy] = topology.transform.scale, [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (indices) => {
    const points = [];
    for (const index of indices) {
      const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  };
  return topology.objects.countries.geometries.map((geometry) => {
    const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
    return { id: geometry.id, name: geometry.properties ? geometry.properties.name : "", rings: polygons.flatMap((polygon) => polygon.map(ring)) };
  });
}

const project = ([lon, lat]) => [(lon + 180) * 4, (90 - lat) * 4];

function ringPath(ring) {
  let path = "", previous = null;
  for (const point of ring) {
    const [x, y] = project(point);
    path += (previous === null || Math.abs(point[0] - previous) > 180 ? "M" : "L") + x.toFixed(1) + " " + y.toFixed(1);
    previous = point[0];
  }
  return path + "Z";
}

async function showMap() {
  if (!state.world) state.world = decodeTopology(await api("/static/countries-110m.json"));
  const query = filterQuery();
  const collection = await api(`/api/incidents/export?format=geojson${query ? "&" + query : ""}`);
  const features = collection.features;
  const chart = document.getElementById("map-chart");
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of features) {
    const [x, y] = project(feature.geometry.coordinates);
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  if (!features.length) { x0 = 0; y0 = 0; x1 = 1440; y1 = 720; }
  const aspect = 2;
  let w = Math.max(x1 - x0, 60) * 1.4, h = Math.max(y1 - y0, 30) * 1.4;
  if (w / h > aspect) h = w / aspect; else w = h * aspect;
  const view = [(x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - h / 2, w, h];
  const root = svg("svg", { viewBox: view.join(" "), role: "group", "aria-label": `Map of ${features.length} incidents with coordinates` });
  const countries = svg("g", { "aria-hidden": "true" });
  for (const country of state.world) {
    countries.append(svg("path", { class: "country", d: country.rings.map(ringPath).join(""), "data-name": country.name }, svg("title", { text: country.name })));
  }
  root.append(countries);
  // Cluster markers closer than about 26 screen pixels (the chart is drawn ~1100 px wide).
  const unit = w / 1100, cell = 26 * unit;
  const cells = new Map();
  for (const feature of features) {
    const [x, y] = project(feature.geometry.coordinates);
    const key = `${Math.floor(x / cell)}:${Math.floor(y / cell)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push({ feature, x, y });
  }
  const markers = svg("g", {});
  for (const members of cells.values()) {
    if (members.length > 3) {
      const cx = members.reduce((s, m) => s + m.x, 0) / members.length, cy = members.reduce((s, m) => s + m.y, 0) / members.length;
      const countries = [...new Set(members.map((m) => m.feature.properties.country).filter(Boolean))];
      const group = svg("a", { class: "cluster", href: "#", "data-count": members.length, "data-countries": countries.join(" "),
        onclick: (event) => { event.preventDefault(); showCluster(members); } },
      svg("circle", { cx, cy, r: (10 + Math.sqrt(members.length) * 2) * unit }),
      svg("text", { x: cx, y: cy, "font-size": 11 * unit, text: members.length }),
      svg("title", { text: `${members.length} incidents here; select to list them` }));
      markers.append(group);
      continue;
    }
    for (const { feature, x, y } of members) {
      const p = feature.properties;
      const dead = p.fatalities || 0;
      const link = svg("a", { href: `#incident/${encodeURIComponent(p.incident_id)}`, class: "marker-link", "data-country": p.country || "", "data-id": p.incident_id },
        svg("circle", { class: "marker", cx: x, cy: y, r: Math.min(4 + 2.5 * Math.sqrt(dead), 30) * unit, fill: typeColour(p.type) }),
        svg("title", { text: `${p.date || "undated"} ${typeLabel(p.type, p.mode)} at ${p.place}${p.country ? ", " + p.country : ""}: ${dyadLabel(nameList(p.source), nameList(p.target))}; dead ${dead}` }));
      markers.append(link);
    }
  }
  root.append(markers);
  chart.replaceChildren(root);
  const types = [...new Set(features.map((f) => f.properties.type))].sort();
  document.getElementById("map-legend").replaceChildren(...types.map((type) => el("span", { style: null, "data-type": type, text: type })));
  for (const span of document.querySelectorAll("#map-legend span")) span.style.setProperty("--swatch", typeColour(span.dataset.type));
  setStatus(`${features.length} incidents with coordinates on the map.`);
}

function showCluster(members) {
  const chart = document.getElementById("map-chart");
  const list = el("ul", { class: "cluster-list" }, members.map(({ feature }) => {
    const p = feature.properties;
    return el("li", {}, el("a", { href: `#incident/${encodeURIComponent(p.incident_id)}`, text: `${p.date || "undated"} ${typeLabel(p.type, p.mode)} at ${p.place}` }));
  }));
  const old = chart.querySelector(".cluster-list");
  if (old) old.remove();
  chart.append(list);
  list.querySelector("a").focus();
}

// ---- actor network ----

async function showActors() {
  const network = await api("/api/actors");
  const chart = document.getElementById("actors-chart");
  const degree = new Map();
  for (const pair of network.pairs) {
    degree.set(pair.a, (degree.get(pair.a) || 0) + pair.incidents);
    degree.set(pair.b, (degree.get(pair.b) || 0) + pair.incidents);
  }
  const chosen = [...degree.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([id]) => id);
  const byId = new Map(network.actors.map((actor) => [actor.id, actor]));
  const nodes = chosen.map((id, i) => ({ id, name: (byId.get(id) || {}).name || id, weight: degree.get(id),
    x: 500 + 300 * Math.cos((2 * Math.PI * i) / chosen.length), y: 320 + 250 * Math.sin((2 * Math.PI * i) / chosen.length), vx: 0, vy: 0 }));
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const edges = network.pairs.filter((p) => index.has(p.a) && index.has(p.b)).map((p) => ({ ...p, s: index.get(p.a), t: index.get(p.b), kind: "pair" }));
  for (const actor of network.actors) {
    for (const relation of actor.relations || []) {
      if (relation.role === "source" && index.has(actor.id) && index.has(relation.other)) {
        edges.push({ s: index.get(actor.id), t: index.get(relation.other), kind: relation.kind, a_name: actor.name, b_name: relation.other_name });
      }
    }
  }
  // A simple force layout: springs along edges, repulsion between all nodes, a pull to the centre.
  for (let step = 0; step < 300; step += 1) {
    const cooling = 1 - step / 300;
    for (let i = 0; i < nodes.length; i += 1) {
      for (let j = i + 1; j < nodes.length; j += 1) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const d2 = Math.max(dx * dx + dy * dy, 25);
        const force = 2500 / d2;
        const d = Math.sqrt(d2);
        dx /= d; dy /= d;
        a.vx += dx * force; a.vy += dy * force; b.vx -= dx * force; b.vy -= dy * force;
      }
    }
    for (const edge of edges) {
      const a = nodes[edge.s], b = nodes[edge.t];
      const dx = b.x - a.x, dy = b.y - a.y;
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      const force = (d - 120) * 0.02;
      a.vx += (dx / d) * force; a.vy += (dy / d) * force; b.vx -= (dx / d) * force; b.vy -= (dy / d) * force;
    }
    for (const node of nodes) {
      node.vx += (500 - node.x) * 0.005; node.vy += (320 - node.y) * 0.005;
      node.x += Math.max(-20, Math.min(20, node.vx)) * cooling; node.y += Math.max(-20, Math.min(20, node.vy)) * cooling;
      node.vx *= 0.5; node.vy *= 0.5;
    }
  }
  // Fit the layout into a fixed frame, so labels keep their size whatever the spread.
  const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (const node of nodes) {
    node.x = 40 + ((node.x - minX) / Math.max(maxX - minX, 1)) * 760;
    node.y = 30 + ((node.y - minY) / Math.max(maxY - minY, 1)) * 520;
  }
  const root = svg("svg", { viewBox: "0 0 1000 580", role: "group", "aria-label": `Network of ${nodes.length} actors and ${edges.length} links` });
  for (const edge of edges) {
    const a = nodes[edge.s], b = nodes[edge.t];
    const colour = edge.kind === "pair" ? (edge.score < 0 ? `rgba(200,30,30,${0.35 + Math.min(0.6, -edge.score / 10)})` : `rgba(30,90,200,${0.35 + Math.min(0.6, edge.score / 10)})`)
      : edge.kind === "opposes" ? "#c81e1e" : "#1e5ac8";
    root.append(svg("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: colour,
      "stroke-width": edge.kind === "pair" ? 1 + Math.log2(1 + edge.incidents) * 1.5 : 1.2, "stroke-dasharray": edge.kind === "pair" ? null : "4 3" },
    svg("title", { text: edge.kind === "pair" ? `${edge.a_name} – ${edge.b_name}: ${edge.incidents} incidents, score ${edge.score.toFixed(2)}` : `${edge.a_name} ${edge.kind} ${edge.b_name}` })));
  }
  for (const node of nodes) {
    root.append(svg("a", { class: "node", href: `#incidents?actor=${encodeURIComponent(node.id)}`, "data-id": node.id },
      svg("circle", { cx: node.x, cy: node.y, r: 5 + Math.sqrt(node.weight) * 2 }),
      svg("text", { x: node.x + 8 + Math.sqrt(node.weight) * 2, y: node.y + 4, text: node.name }),
      svg("title", { text: `${node.name} (${node.id}): ${node.weight} incidents with others; select to list them` })));
  }
  chart.replaceChildren(root);
  const pairs = network.pairs.slice().sort((a, b) => b.incidents - a.incidents).slice(0, 100);
  document.querySelector("#pairs-table tbody").replaceChildren(...pairs.map((pair) => el("tr", {},
    el("td", {}, el("a", { href: `#incidents?actor=${encodeURIComponent(pair.a)}`, text: pair.a_name })),
    el("td", {}, el("a", { href: `#incidents?actor=${encodeURIComponent(pair.b)}`, text: pair.b_name })),
    el("td", { class: "num", text: pair.incidents }), el("td", { class: "num", text: pair.cooperative }),
    el("td", { class: "num", text: pair.conflictual }), el("td", { class: "num", text: pair.score.toFixed(2) }))));
  setStatus(`${network.actors.length} actors, ${network.pairs.length} pairs${nodes.length < degree.size ? `; the ${nodes.length} most involved drawn` : ""}.`);
}

// ---- incident view ----

function definitionList(target, entries) {
  target.replaceChildren(...entries.filter(([, value]) => value !== null && value !== undefined && value !== "")
    .flatMap(([term, value]) => [el("dt", { text: term }), el("dd", {}, value)]));
}

function casualtiesLabel(casualties) {
  if (!casualties) return "–";
  const sides = (casualties.by_side || []).map((side) => `${side.country || "?"} ${rangeLabel(side)}`);
  return `${rangeLabel(casualties.total)}${sides.length ? ` (${sides.join(", ")})` : ""}`;
}

function reportName(stored) {
  return `${stored.article.outlet || "unknown outlet"}${stored.article.published ? ", " + stored.article.published.slice(0, 10) : ""}`;
}

async function showIncident(id) {
  const { incident, events } = await api(`/api/incidents/${encodeURIComponent(id)}`);
  document.getElementById("h-incident").textContent = `Incident ${incident.id}`;
  definitionList(document.getElementById("incident-summary"), [
    ["Type", typeLabel(incident.type, incident.mode)],
    ["Actors", `${actorNames(incident.source) || "—"} → ${actorNames(incident.target) || "—"}`],
    ["Place", placeLabel(incident.place)],
    ["Date", incident.date || "undated"],
    ["Killed", overReports(incident.fatalities)],
    ["Injured", overReports(incident.injuries)],
    ["Status", incident.status],
    ["Reported", `${incident.first_reported || "?"} … ${incident.last_reported || "?"} ${incident.outlets.length ? ` by ${incident.outlets.join(", ")}` : ""} (${incident.sources} sources, ${incident.articles.length} articles)`],
  ]);
  document.getElementById("incident-events").replaceChildren(...events.map((stored) => {
    const e = stored.event;
    const url = safeUrl(stored.article.url);
    return el("article", { class: "card", "data-event": e.id },
      el("h4", { text: reportName(stored) }),
      el("p", { class: "meta" }, el("a", { href: `#article/${encodeURIComponent(stored.article.id)}`, text: stored.article.title || "untitled article" }),
        url ? [" · ", el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", text: "original" })] : null),
      el("p", {}, el("strong", { text: typeLabel(e.type, e.mode) }), ` ${actorNames(e.source) || "—"} → ${actorNames(e.target) || "—"}`),
      el("p", { class: "meta", text: `${placeLabel(e.place)} · ${e.time && e.time.value ? e.time.value : "no date"} · ${e.status}${e.background ? " · recalled" : ""}` }),
      ...e.evidence.map((span) => el("blockquote", { text: span.text })));
  }));
  document.querySelector("#incident-casualties tbody").replaceChildren(...events.map((stored) => el("tr", {},
    el("td", {}, el("a", { href: `#article/${encodeURIComponent(stored.article.id)}`, text: reportName(stored) })),
    el("td", { text: casualtiesLabel(stored.event.fatalities) }),
    el("td", { text: casualtiesLabel(stored.event.injuries) }),
    el("td", { text: (stored.event.fatalities.by_side || []).map((s) => s.country || "?").join(", ") || "–" }))));
  const claimed = events.filter((s) => s.event.claimed_by.length || s.event.status === "claimed" || s.event.status === "asserted");
  const denied = events.filter((s) => s.event.denied_by.length || s.event.status === "denied" || s.event.status === "disputed");
  const column = (title, list, who) => el("div", {}, el("h4", { text: title }),
    list.length ? el("ul", {}, list.map((s) => el("li", {}, `${reportName(s)}: ${s.event.status}`,
      who(s.event).length ? ` by ${actorNames(who(s.event))}` : "", el("blockquote", { text: (s.event.evidence[0] || {}).text || s.event.trigger }))))
      : el("p", { class: "hint", text: "none" }));
  document.getElementById("incident-claims").replaceChildren(
    column("Asserted or claimed", claimed, (e) => e.claimed_by.length ? e.claimed_by : e.reported_by),
    column("Denied or disputed", denied, (e) => e.denied_by));
  document.getElementById("incident-merges").replaceChildren(...incident.absorbed.map((a) => el("li", {},
    el("p", {}, el("a", { href: `#article/${encodeURIComponent(a.article)}`, text: `${a.outlet || "unknown outlet"}, ${a.published || "undated"}` }),
      ` ${a.type}${a.background ? " (recalled)" : ""}: `,
      a.linked_to ? `linked to ${a.linked_to}, score ${a.evidence.score.toFixed(2)}` : "the first report, which the others were linked to"),
    a.evidence ? el("ul", {}, a.evidence.signals.map((s) => el("li", { class: s.weight < 0 ? "signal-neg" : "signal-pos" },
      `${s.weight >= 0 ? "+" : ""}${s.weight.toFixed(2)} ${s.kind}: ${s.detail}`))) : null)));
  setStatus(`Incident ${incident.id}: ${events.length} events from ${incident.articles.length} articles.`);
  document.getElementById("h-incident").focus();
}

// ---- article view ----

const KINDS = [
  ["entity", "entities"], ["place", "places"], ["time", "times"], ["number", "numbers"],
  ["quote", "quotes"], ["trigger", "event triggers"], ["evidence", "event evidence"],
];

/** UTF-16 index of every UTF-8 byte offset at a character boundary of `text`. */
function byteIndex(text) {
  const map = new Map();
  let bytes = 0, i = 0;
  for (const char of text) {
    map.set(bytes, i);
    const code = char.codePointAt(0);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    i += char.length;
  }
  map.set(bytes, i);
  return map;
}

function annotations(view) {
  const spans = [];
  const add = (kind, start, end, label, extra) => spans.push({ kind, start, end, label, ...extra });
  for (const e of view.entities) add("entity", e.start, e.end, `${e.kind} ${e.name}${e.country ? ", " + e.country : ""}`);
  for (const p of view.places) add("place", p.start, p.end, `place ${p.name}${p.country ? ", " + p.country : ""}`);
  for (const t of view.times) add("time", t.start, t.end, `time ${t.value || "unresolved"}`);
  for (const n of view.numbers) add("number", n.start, n.end, `number ${rangeLabel(n)}${n.noun ? " " + n.noun : ""}`);
  for (const q of view.quotes) add("quote", q.start, q.end, `quote${q.speaker ? " by " + q.speaker.name : ""}`);
  view.events.forEach((event, index) => {
    for (const span of event.evidence) {
      add("evidence", span.start, span.end, `evidence of ${typeLabel(event.type, event.mode)}`, { event: index });
      // A trigger of several words found apart is written "shelled / killing".
      for (const word of (event.trigger || "").split(" / ").filter(Boolean)) {
        const at = span.text.indexOf(word);
        if (at < 0) continue;
        const start = span.start + new TextEncoder().encode(span.text.slice(0, at)).length;
        add("trigger", start, start + new TextEncoder().encode(word).length, `trigger of ${event.type}`, { event: index });
      }
    }
  });
  return spans;
}

function renderText(text, spans) {
  const index = byteIndex(text);
  const usable = spans.filter((s) => index.has(s.start) && index.has(s.end) && s.end > s.start);
  const cuts = [...new Set([0, ...usable.flatMap((s) => [index.get(s.start), index.get(s.end)]), text.length])].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const piece = text.slice(from, to);
    const covering = usable.filter((s) => index.get(s.start) <= from && index.get(s.end) >= to);
    if (!covering.length) { nodes.push(document.createTextNode(piece)); continue; }
    const kinds = [...new Set(covering.map((s) => s.kind))];
    const events = [...new Set(covering.filter((s) => s.event !== undefined).map((s) => s.event))];
    nodes.push(el("mark", { class: kinds.map((k) => `k-${k}`).join(" "), "data-kinds": kinds.join(" "),
      "data-events": events.length ? events.join(" ") : null, title: covering.map((s) => s.label).join("; "), text: piece }));
  }
  return nodes;
}

async function showArticle(id) {
  const view = await api(`/api/articles/${encodeURIComponent(id)}`);
  const article = view.article;
  document.getElementById("h-article").textContent = article.title || "Untitled article";
  const url = safeUrl(article.url);
  definitionList(document.getElementById("article-meta"), [
    ["Outlet", article.outlet], ["Published", article.published], ["Dateline", article.dateline], ["Author", article.author],
    ["Source", url ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", text: url }) : article.url],
    ["Id", article.id],
  ]);
  const container = document.getElementById("article-text");
  container.className = `article-text ${KINDS.map(([k]) => `show-${k}`).join(" ")}`;
  container.replaceChildren(...renderText(article.text, annotations(view)));
  const counts = { entity: view.entities.length, place: view.places.length, time: view.times.length, number: view.numbers.length, quote: view.quotes.length, trigger: view.events.length, evidence: view.events.length };
  document.getElementById("layer-toggles").replaceChildren(el("legend", { text: "Highlight" }), ...KINDS.map(([kind, label]) => {
    const box = el("input", { type: "checkbox", checked: true, "data-kind": kind, onchange: (event) => container.classList.toggle(`show-${kind}`, event.target.checked) });
    const wrapper = el("label", { class: "check" }, box, ` ${label} (${counts[kind]})`);
    wrapper.style.setProperty("--swatch", `var(--${kind})`);
    return wrapper;
  }));
  const removed = document.getElementById("article-removed");
  removed.replaceChildren(...(view.removed_text.length ? view.removed_text.map((span) => el("p", {},
    el("span", { class: "reason", text: `${span.reason}: ` }), span.text)) : [el("p", { text: "Nothing was removed." })]));
  const toggle = document.getElementById("show-removed");
  toggle.checked = false; removed.hidden = true;
  toggle.onchange = () => { removed.hidden = !toggle.checked; };
  document.getElementById("article-events").replaceChildren(...view.events.map((e, index) => el("li", {},
    el("strong", { text: `${typeLabel(e.type, e.mode)}: ${actorNames(e.source) || "—"} → ${actorNames(e.target) || "—"}` }),
    el("dl", {}, ...[
      ["place", placeLabel(e.place)], ["time", e.time ? `${e.time.value || "unresolved"} (${e.time.source})` : "–"],
      ["killed", casualtiesLabel(e.fatalities)], ["injured", casualtiesLabel(e.injuries)],
      ["status", e.status], ["claimed by", actorNames(e.claimed_by)], ["denied by", actorNames(e.denied_by)],
      ["reported by", actorNames(e.reported_by)], ["modality", e.modality],
      ["background", e.background ? `yes${e.background_reason ? ": " + e.background_reason : ""}` : "no"],
      ["trigger", e.trigger], ["rule", e.rule], ["confidence", e.confidence.toFixed(2)],
    ].filter(([, v]) => v).flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })])),
    ...e.evidence.map((span) => el("blockquote", { text: span.text })),
    el("button", { type: "button", onclick: () => focusEvidence(index), text: "Show in the text" }))));
  setStatus(`Article ${article.id}: ${view.events.length} events, ${view.entities.length} entities, ${view.places.length} places.`);
  document.getElementById("h-article").focus();
}

function focusEvidence(index) {
  for (const mark of document.querySelectorAll("#article-text mark.focused")) mark.classList.remove("focused");
  const marks = [...document.querySelectorAll("#article-text mark[data-events]")].filter((m) => m.dataset.events.split(" ").includes(String(index)));
  for (const mark of marks) mark.classList.add("focused");
  if (marks.length) marks[0].scrollIntoView({ block: "center" });
}

// ---- start ----

async function start() {
  try {
    const status = await api("/api/status");
    state.types = status.event_types;
    const select = document.querySelector("#filters select[name=type]");
    select.append(...state.types.map((type) => el("option", { value: type, text: type })));
  } catch (error) {
    setStatus(`The server does not answer: ${error.message}`);
  }
  document.getElementById("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    go(currentListView(), readForm());
  });
  document.getElementById("clear").addEventListener("click", (event) => {
    event.preventDefault();
    go(currentListView(), new URLSearchParams());
  });
  document.getElementById("more").addEventListener("click", () => loadPage(state.page + 1).catch((e) => setStatus(e.message)));
  for (const button of document.querySelectorAll("#incidents-table th button")) {
    button.addEventListener("click", () => {
      const key = button.dataset.sort;
      // Figures sort largest first, words from A.
      const first = key === "dead" || key === "sources" || key === "date" ? -1 : 1;
      state.sort = { key, dir: state.sort && state.sort.key === key ? -state.sort.dir : first };
      renderRows();
    });
  }
  window.addEventListener("hashchange", route);
  await route();
}

document.addEventListener("DOMContentLoaded", start);
