// zhiku knowledge views: highlight the passage behind a tag, entity or resource; edit tags;
// draw the entity graph (a small force layout) and the trends chart, both plain SVG.
// Document strings are only ever set with textContent; links carry ids and numbers only.
"use strict";

(() => {
  const SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  async function failure(response) {
    try {
      const body = await response.json();
      return body.error ? body.error.message : response.statusText;
    } catch (_) {
      return response.status + " " + response.statusText;
    }
  }

  function dataIsland(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // ---- Document page: show a span in the clean text without reloading ----

  function highlight(start, end) {
    const box = document.getElementById("clean-text");
    if (!box) return false;
    const text = box.textContent;
    if (!(start >= 0 && start < end && end <= text.length)) return false;
    const mark = document.createElement("mark");
    mark.id = "cited";
    mark.className = "cited";
    mark.tabIndex = -1;
    mark.textContent = text.slice(start, end);
    box.replaceChildren(document.createTextNode(text.slice(0, start)), mark, document.createTextNode(text.slice(end)));
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
    return true;
  }

  function setupDocument() {
    const panel = document.getElementById("knowledge");
    if (!panel) return;
    const docId = panel.dataset.docId;
    panel.addEventListener("click", (event) => {
      const link = event.target.closest("a.span-link");
      if (!link) return;
      const start = Number(link.dataset.start);
      const end = Number(link.dataset.end);
      if (highlight(start, end)) {
        event.preventDefault();
        history.replaceState(null, "", "?start=" + start + "&end=" + end + "#cited");
      }
    });
    for (const button of panel.querySelectorAll("button.tag-remove")) {
      button.addEventListener("click", async () => {
        const url = "/api/documents/" + encodeURIComponent(docId) + "/tags/" + encodeURIComponent(button.dataset.tagId);
        const response = await fetch(url, { method: "DELETE" });
        if (!response.ok) { alert(await failure(response)); return; }
        button.closest("li").remove();
      });
    }
    const form = document.getElementById("tag-form");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const label = form.elements.label.value.trim();
      if (!label) return;
      const response = await fetch("/api/documents/" + encodeURIComponent(docId) + "/tags", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ label }),
      });
      if (!response.ok) { document.getElementById("tag-status").textContent = await failure(response); return; }
      location.reload();
    });
  }

  // ---- Graph page: a force-directed layout, a few hundred iterations, then static ----

  const TYPE_COLOURS = { person: "#c2410c", org: "#2f5bd3", project: "#15803d", model: "#7c3aed", product: "#0e7490" };

  // A force layout (a few hundred steps, then static), stretched afterwards to fill the box
  // with `pad` left around it for labels.
  function layout(nodes, edges, width, height, pad) {
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    const pos = nodes.map((_, i) => {
      const angle = (2 * Math.PI * i) / Math.max(nodes.length, 1);
      const r = i === 0 ? 0 : Math.min(width, height) * 0.35;
      return { x: width / 2 + r * Math.cos(angle), y: height / 2 + r * Math.sin(angle) };
    });
    const links = edges.filter((e) => index.has(e.source) && index.has(e.target))
      .map((e) => ({ a: index.get(e.source), b: index.get(e.target), w: e.weight }));
    const ideal = Math.sqrt((width * height) / Math.max(nodes.length, 1)) * 0.9;
    for (let step = 0; step < 300; step++) {
      const cool = 1 - step / 300;
      const force = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < pos.length; i++) {
        for (let j = i + 1; j < pos.length; j++) {
          const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          const d2 = Math.max(dx * dx + dy * dy, 1);
          const push = (0.5 * ideal * ideal) / d2;
          force[i].x += dx * push; force[i].y += dy * push;
          force[j].x -= dx * push; force[j].y -= dy * push;
        }
      }
      for (const { a, b, w } of links) {
        const dx = pos[b].x - pos[a].x, dy = pos[b].y - pos[a].y;
        const d = Math.max(Math.hypot(dx, dy), 1);
        const pull = ((d - ideal) / d) * 0.06 * Math.min(1 + w, 3);
        force[a].x += dx * pull; force[a].y += dy * pull;
        force[b].x -= dx * pull; force[b].y -= dy * pull;
      }
      for (let i = 0; i < pos.length; i++) {
        // a little gravity keeps unconnected groups near each other
        force[i].x += (width / 2 - pos[i].x) * 0.02;
        force[i].y += (height / 2 - pos[i].y) * 0.02;
        const len = Math.max(Math.hypot(force[i].x, force[i].y), 1e-6);
        const move = Math.min(len, 25 * cool + 1);
        pos[i].x += (force[i].x / len) * move;
        pos[i].y += (force[i].y / len) * move;
      }
    }
    // stretch to the box (each axis on its own), keeping room for labels at the edges
    const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    for (const p of pos) {
      p.x = x1 - x0 < 1 ? width / 2 : pad.x + ((p.x - x0) / (x1 - x0)) * (width - 2 * pad.x);
      p.y = y1 - y0 < 1 ? height / 2 : pad.y + ((p.y - y0) / (y1 - y0)) * (height - 2 * pad.y);
    }
    return { pos, links };
  }

  // The links worth drawing in a dense graph: each node's `k` strongest, and every link of
  // the centre; the rest stay in the table below the graph (and behind "show all links").
  function backbone(nodes, edges, centre, k) {
    const strongest = new Map(nodes.map((n) => [n.id, []]));
    for (const e of edges) for (const id of [e.source, e.target]) if (strongest.has(id)) strongest.get(id).push(e);
    const kept = new Set();
    for (const [id, list] of strongest) {
      list.sort((a, b) => b.weight - a.weight || b.documents - a.documents);
      for (const e of id === centre ? list : list.slice(0, k)) kept.add(e);
    }
    return edges.filter((e) => kept.has(e));
  }

  // Labels are placed right, left, above or below their node, wherever they overlap no label
  // or node placed before (bigger nodes first); a label with no free place shows on hover/focus.
  function placeLabels(items) {
    const taken = items.map((it) => ({ x1: it.x - it.r, y1: it.y - it.r, x2: it.x + it.r, y2: it.y + it.r }));
    const overlaps = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
    const order = items.map((_, i) => i).sort((a, b) => items[b].r - items[a].r);
    for (const i of order) {
      const it = items[i];
      const box = it.text.getBBox();
      const w = box.width, h = box.height;
      const spots = [
        [it.x + it.r + 3, it.y + h / 3, "start"], [it.x - it.r - 3, it.y + h / 3, "end"],
        [it.x, it.y - it.r - 4, "middle"], [it.x, it.y + it.r + h, "middle"],
        [it.x + it.r, it.y - it.r - 2, "start"], [it.x - it.r, it.y - it.r - 2, "end"],
        [it.x + it.r, it.y + it.r + h - 2, "start"], [it.x - it.r, it.y + it.r + h - 2, "end"],
      ];
      let placed = false;
      for (const [x, y, anchor] of spots) {
        const x1 = anchor === "start" ? x : anchor === "end" ? x - w : x - w / 2;
        const rect = { x1, y1: y - h, x2: x1 + w, y2: y + 2 };
        if (rect.x1 < 0 || rect.x2 > it.width || rect.y1 < 0 || rect.y2 > it.height) continue;
        if (taken.some((t, j) => j !== i && overlaps(rect, t))) continue;
        it.text.setAttribute("x", x);
        it.text.setAttribute("y", y);
        it.text.setAttribute("text-anchor", anchor);
        taken.push(rect);
        placed = true;
        break;
      }
      if (!placed) it.text.classList.add("label-hidden");
    }
  }

  function visibleGraph(data, centre) {
    const controls = document.getElementById("graph-controls");
    const types = controls
      ? new Set([...controls.querySelectorAll("input[name=type]:checked")].map((b) => b.value))
      : null;
    const minDegree = controls ? Number(document.getElementById("min-degree").value) : 0;
    let nodes = data.nodes.filter((n) => n.id === centre || !types || types.has(n.type));
    let ids = new Set(nodes.map((n) => n.id));
    let edges = data.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    const degree = new Map();
    for (const e of edges) for (const id of [e.source, e.target]) degree.set(id, (degree.get(id) || 0) + 1);
    nodes = nodes.filter((n) => n.id === centre || (degree.get(n.id) || 0) >= minDegree);
    ids = new Set(nodes.map((n) => n.id));
    edges = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    const all = document.getElementById("all-links");
    const total = edges.length;
    if (!(all && all.checked) && edges.length > 2 * nodes.length) edges = backbone(nodes, edges, centre, 3);
    return { nodes, edges, total };
  }

  function drawGraph(box, data, centre) {
    const { nodes, edges, total } = visibleGraph(data, centre);
    const shown = document.getElementById("links-shown");
    if (shown) shown.textContent = shown.dataset.template.replace("{shown}", edges.length).replace("{total}", total);
    const width = Math.max(box.clientWidth, 280);
    const narrow = width < 600;  // a phone: portrait box, smaller nodes
    const height = narrow ? Math.round(width * 1.3) : Math.max(360, Math.min(620, Math.round(width * 0.55)));
    const { pos, links } = layout(nodes, edges, width, height, { x: narrow ? 44 : 90, y: 24 });
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", height, role: "group" });
    const lines = links.map(({ a, b, w }) => {
      const line = svg("line", {
        x1: pos[a].x, y1: pos[a].y, x2: pos[b].x, y2: pos[b].y,
        stroke: "#b9c3dc", "stroke-width": Math.min(1 + 2 * w, 5),
      });
      root.appendChild(line);
      return line;
    });
    const most = Math.max(...nodes.map((n) => n.documents), 1);
    const items = [];
    const links2 = links.map(({ a, b }) => [nodes[a].id, nodes[b].id]);
    const groups = nodes.map((node, i) => {
      const link = svg("a", { href: "/graph?entity=" + encodeURIComponent(node.id), class: "graph-node", "data-id": node.id });
      const radius = (narrow ? 4 : 5) + (narrow ? 6 : 9) * Math.sqrt(node.documents / most);
      link.appendChild(svg("circle", {
        cx: pos[i].x, cy: pos[i].y, r: radius, fill: TYPE_COLOURS[node.type] || "#6b7385",
        stroke: node.id === centre ? "#1d2330" : "#fff", "stroke-width": node.id === centre ? 3 : 1.5,
      }));
      const text = svg("text", { x: pos[i].x + radius + 3, y: pos[i].y + 4, "font-size": narrow ? 11 : 12 }, node.name);
      link.appendChild(text);
      link.appendChild(svg("title", {}, `${node.name} (${node.id}) · ${node.documents}`));
      root.appendChild(link);
      items.push({ x: pos[i].x, y: pos[i].y, r: radius, text, width, height });
      return link;
    });
    box.replaceChildren(root);
    placeLabels(items);
    // a first click focuses a node (its neighbours stay bright); a second click opens it
    let focused = null;
    root.addEventListener("click", (event) => {
      const link = event.target.closest("a.graph-node");
      if (!link || link.dataset.id === focused) return;
      event.preventDefault();
      focused = link.dataset.id;
      const near = new Set([focused]);
      for (const [a, b] of links2) { if (a === focused) near.add(b); if (b === focused) near.add(a); }
      groups.forEach((g) => g.classList.toggle("dim", !near.has(g.dataset.id)));
      lines.forEach((line, k) => line.classList.toggle("dim", !(links2[k][0] === focused || links2[k][1] === focused)));
    });
  }

  function setupGraph() {
    const box = document.getElementById("graph-view");
    const data = dataIsland("graph-data");
    if (!box || !data || !data.nodes.length) return;
    const centre = box.dataset.centre;
    const draw = () => drawGraph(box, data, centre);
    const controls = document.getElementById("graph-controls");
    if (controls) {
      controls.addEventListener("submit", (event) => event.preventDefault());
      controls.addEventListener("input", () => {
        document.getElementById("min-degree-value").textContent = document.getElementById("min-degree").value;
        draw();
      });
    }
    draw();
  }

  // ---- Trends page: one line per tag or entity over time ----
  // The x axis is time to scale: a period sits at its start date, every period between the first
  // and the last is drawn (zero when nothing was published), so a gap of months reads as a gap.

  const LINE_COLOURS = ["#2f5bd3", "#c2410c", "#15803d", "#7c3aed", "#0e7490", "#b91c1c", "#a16207", "#475569"];
  const DAY_MS = 86400000;

  // The start of a period ("2024-05-03", "2024-W05", "2024-05", "2024") in ms since the epoch (UTC).
  function periodStart(period) {
    let m = /^(\d{4})-W(\d{2})$/.exec(period);
    if (m) {
      const jan4 = Date.UTC(Number(m[1]), 0, 4);
      const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
      return monday + (Number(m[2]) - 1) * 7 * DAY_MS;
    }
    m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(period);
    if (!m) return NaN;
    return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1);
  }

  function periodName(t, bucket) {
    const d = new Date(t);
    const y = d.getUTCFullYear(), mo = String(d.getUTCMonth() + 1).padStart(2, "0");
    if (bucket === "year") return String(y);
    if (bucket === "month") return `${y}-${mo}`;
    if (bucket === "day") return `${y}-${mo}-${String(d.getUTCDate()).padStart(2, "0")}`;
    // ISO week: the year and week of this Monday's Thursday
    const thursday = new Date(t + 3 * DAY_MS);
    const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
    const week = 1 + Math.floor((thursday.getTime() - jan1) / (7 * DAY_MS));
    return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
  }

  function nextStart(t, bucket) {
    const d = new Date(t);
    if (bucket === "year") return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
    if (bucket === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return t + (bucket === "week" ? 7 : 1) * DAY_MS;
  }

  // Every period from the first to the last with data (at most `cap`; beyond, only those with data).
  function allPeriods(seen, bucket, cap) {
    const sorted = [...seen].sort();
    const first = periodStart(sorted[0]), last = periodStart(sorted[sorted.length - 1]);
    const every = [];
    for (let t = first; t <= last && every.length <= cap; t = nextStart(t, bucket)) every.push(periodName(t, bucket));
    return every.length <= cap ? every : sorted;
  }

  function setupClearQueries() {
    const clear = document.getElementById("clear-queries");
    if (!clear) return;
    clear.addEventListener("click", async () => {
      if (!confirm(clear.dataset.confirm || clear.textContent)) return;
      const response = await fetch("/api/queries", { method: "DELETE" });
      if (!response.ok) { alert(await failure(response)); return; }
      location.reload();
    });
  }

  // A tag's label is "中文 / English": the strip shows the UI language's half.
  function shortLabel(label) {
    const halves = label.split(" / ");
    if (halves.length !== 2) return label;
    return document.documentElement.lang.startsWith("zh") ? halves[0] : halves[1];
  }

  function fitText(node, room) {
    const full = node.firstChild.textContent;
    let keep = full.length;
    while (keep > 1 && node.getComputedTextLength() > room) {
      keep -= 1;
      node.firstChild.textContent = full.slice(0, keep) + "…";
    }
  }

  // One strip per tag or entity on a shared, to-scale time axis: a bar per period spanning the
  // period's days, its height the documents in it (one scale for all strips, so strips compare);
  // an empty stretch of the strip is a period without articles. Dated by added date: hollow,
  // dashed bars.
  function drawTrends(box, data) {
    const bucket = data.bucket;
    const seen = new Set(data.series.flatMap((s) => s.points.map((p) => p.period)));
    const periods = allPeriods(seen, bucket, 2000);
    const times = periods.map(periodStart);
    const most = Math.max(...data.series.flatMap((s) => s.points.map((p) => p.documents)), 1);
    const width = Math.max(box.clientWidth, 280);
    const left = 8, right = 8, pad = 8, label = 16, strip = 30, gap = 10, axis = 30;
    const height = pad + data.series.length * (label + strip + gap) + axis;
    let t0 = times[0], t1 = nextStart(times[times.length - 1], bucket);
    if (periods.length === 1) {  // one period: show it between its neighbours, not as the whole axis
      const span = t1 - t0;
      t0 -= span;
      t1 += span;
    }
    const plot = width - left - right;
    const x = (t) => left + ((t - t0) / (t1 - t0)) * plot;
    const dashed = data.date === "added";
    const root = svg("svg", {
      viewBox: `0 0 ${width} ${height}`, width: "100%", height, role: "img",
      "aria-label": document.querySelector("h1").textContent, "data-start": t0, "data-end": t1,
    });
    data.series.forEach((series, s) => {
      const colour = LINE_COLOURS[s % LINE_COLOURS.length];
      const top = pad + s * (label + strip + gap);
      const base = top + label + strip;
      const per = new Map(series.points.map((p) => [p.period, p.documents]));
      const total = series.points.reduce((sum, p) => sum + p.documents, 0);
      const name = svg("text", { x: left, y: top + 12, "font-size": 12, fill: "#1d2330", class: "strip-label" }, `${shortLabel(series.label)} · ${total}`);
      name.appendChild(svg("title", {}, series.label));
      root.appendChild(name);
      root.appendChild(svg("line", { x1: left, x2: width - right, y1: base + 0.5, y2: base + 0.5, stroke: "#d5dae6" }));
      periods.forEach((p, i) => {
        const n = per.get(p);
        if (!n) return;
        const x1 = x(times[i]), x2 = x(i + 1 < times.length ? times[i + 1] : t1);
        const h = Math.max(2, (n / most) * strip);
        const bar = svg("rect", {
          x: x1 + 0.5, y: base - h, width: Math.max(2, x2 - x1 - 1), height: h,
          fill: dashed ? "#fff" : colour, stroke: colour, "stroke-width": dashed ? 1.5 : 0,
          class: "trend-bar", "data-period": p, "data-key": series.key, "data-documents": n,
        });
        if (dashed) bar.setAttribute("stroke-dasharray", "3 2");
        bar.appendChild(svg("title", {}, `${series.label} · ${p}: ${n}`));
        root.appendChild(bar);
      });
    });
    box.replaceChildren(root);
    for (const name of root.querySelectorAll("text.strip-label")) fitText(name, plot);
    timeLabels(root, periods, times, x, { y: height - axis + 18, left: 2, right: width - 2 });
  }

  // Period labels on the time axis: the last period always, then every step-th going back, as
  // many as fit without touching; a label at an edge is anchored to stay inside the chart.
  function timeLabels(root, periods, times, x, edge) {
    const probe = svg("text", { "font-size": 11 }, periods[periods.length - 1]);
    root.appendChild(probe);
    const widest = probe.getBBox().width + 10;
    probe.remove();
    const room = Math.max(edge.right - edge.left, 1);
    const fit = Math.max(1, Math.floor(room / widest));
    const step = Math.max(1, Math.ceil(periods.length / fit));
    for (let i = periods.length - 1; i >= 0; i -= step) {
      const label = svg("text", {
        x: x(times[i]), y: edge.y, "text-anchor": "middle", "font-size": 11, fill: "#6b7385",
        class: "time-label", "data-period": periods[i],
      }, periods[i]);
      root.appendChild(label);
      const box = label.getBBox();
      if (box.x + box.width > edge.right) { label.setAttribute("text-anchor", "end"); label.setAttribute("x", edge.right); }
      else if (box.x < edge.left) { label.setAttribute("text-anchor", "start"); label.setAttribute("x", edge.left); }
      root.appendChild(svg("line", { x1: x(times[i]), x2: x(times[i]), y1: edge.y - 18, y2: edge.y - 12, stroke: "#9aa3b5" }));
    }
  }

  function setupTrends() {
    setupClearQueries();
    const box = document.getElementById("trend-chart");
    const data = dataIsland("trends-data");
    if (!box || !data || !data.series.length) return;
    drawTrends(box, data);
    let wide = box.clientWidth;
    window.addEventListener("resize", () => {
      if (box.clientWidth !== wide) { wide = box.clientWidth; drawTrends(box, data); }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const page = document.body.dataset.page;
    if (page === "document") setupDocument();
    if (page === "graph") setupGraph();
    if (page === "trends") setupTrends();
  });
})();
