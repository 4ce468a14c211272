// The graphs panel: an interaction graph drawn as SVG from plrep's own layout and edge curves.
// Each edge is a <path class="edge" data-source data-target>, each vertex a <g class="vertex"
// data-id data-name>; ids are those of `plrep graph ... --format json`.
"use strict";

(function () {
  const { DATA, svg, html, clear, format, state, onChange, changed } = PLREP;
  const GROUPS = new Map(DATA.groups.map((group) => [group.spec, group]));
  const LAYER_COLOURS = ["#d95f02", "#e6ab02", "#66a61e", "#7570b3", "#1b9e77", "#a6761d", "#666666"];
  const LAYER_NAMES = ["orange", "2 yellow", "3 green", "4 violet", "5 teal", "6 brown", "7+ grey"];
  const FAMILIES = [
    ["C", "cyclic C_n"], ["x", "products C_n × C_m"], ["D", "dihedral D_n"], ["S", "symmetric S_n"], ["A", "alternating A_n"], ["Q", "quaternion Q_8"],
  ];

  function familyLabel(spec) {
    if (spec.includes("x")) return "products C_n × C_m";
    const found = FAMILIES.find(([letter]) => spec[0].toUpperCase() === letter);
    return found ? found[1] : "other";
  }

  function label(vertex, kind) {
    return kind === "id" ? String(vertex.id) : kind === "order" ? String(vertex.order) : kind === "dim" ? String(vertex.dim) : vertex.name;
  }

  function describe(vertex, group) {
    const parts = [`dim ${vertex.dim}`, `image order ${vertex.order}`];
    parts.push(vertex.kernel === 1 ? "faithful (trivial kernel)" : `kernel of size ${vertex.kernel} = ${group.order} / ${vertex.order}`);
    if (vertex.partition) parts.unshift(`partition (${vertex.partition.join(",")})`);
    if (vertex.frequency && vertex.frequency.length > 1) parts.unshift(`frequency (${vertex.frequency.join(",")})`);
    if (vertex.type && vertex.type !== "real") parts.push(vertex.type);
    return `${vertex.name}: ` + parts.join(", ");
  }

  // What a vertex reaches after exactly k layers, k = 1, 2, ... until the sets repeat.
  function layers(start, edges) {
    const next = new Map();
    for (const [s, t] of edges) {
      if (!next.has(s)) next.set(s, []);
      next.get(s).push(t);
    }
    const steps = [];
    const seen = new Set();
    let current = new Set([start]);
    for (let k = 1; k <= 64; k++) {
      const reached = new Set();
      for (const v of current) for (const t of next.get(v) || []) reached.add(t);
      const key = [...reached].sort((a, b) => a - b).join(",");
      if (seen.has(key)) break;
      seen.add(key);
      steps.push(reached);
      current = reached;
      if (reached.size === 0) break;
    }
    return steps;
  }

  let groupSelect, labelSelect, canvas, info, legend;
  const views = { all: null, fit: null, clipped: false, current: null };

  function setView(box) {
    views.current = box.slice();
    canvas.setAttribute("viewBox", box.join(" "));
  }

  function toDrawing(event) {
    const rect = canvas.getBoundingClientRect();
    const [x, y, w, h] = views.current;
    // preserveAspectRatio "xMidYMid meet": one scale, the drawing centred in the element.
    const scale = Math.min(rect.width / w, rect.height / h);
    return [x + w / 2 + (event.clientX - rect.left - rect.width / 2) / scale, y + h / 2 + (event.clientY - rect.top - rect.height / 2) / scale, scale];
  }

  function setupZoom() {
    canvas.addEventListener("wheel", (event) => {
      event.preventDefault();
      const [px, py] = toDrawing(event);
      const factor = Math.exp(Math.max(-0.5, Math.min(0.5, event.deltaY * 0.0015)));
      const [x, y, w, h] = views.current;
      setView([px - (px - x) * factor, py - (py - y) * factor, w * factor, h * factor]);
    }, { passive: false });
    let drag = null;
    canvas.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, view: views.current.slice(), scale: toDrawing(event)[2] };
    });
    window.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const [x, y, w, h] = drag.view;
      setView([x - (event.clientX - drag.x) / drag.scale, y - (event.clientY - drag.y) / drag.scale, w, h]);
    });
    window.addEventListener("pointerup", () => { drag = null; });
    document.getElementById("graph-fit").addEventListener("click", () => setView(views.fit));
    document.getElementById("graph-all").addEventListener("click", () => setView(views.all));
  }

  function draw() {
    const group = GROUPS.get(state.group);
    const graph = group.graphs[state.activation];
    const names = new Map(group.vertices.map((v) => [v.id, v.name]));
    clear(canvas);
    clear(legend);
    const r = group.radius;
    const points = Object.values(group.positions);
    const edges = graph.edges.map(([s, t]) => [s, t]);
    const pairs = new Set(edges.map(([s, t]) => s + "," + t));
    const curves = graph.error ? [] : edges.map(([s, t]) => group.routes[`${s},${t},${pairs.has(t + "," + s) ? 1 : 0}`]);
    for (const c of curves) points.push([c[0], c[1]], [c[2], c[3]], [c[4], c[5]]);
    const margin = r + 0.25;
    const box = (list) => {
      const xs = list.map((p) => p[0]), ys = list.map((p) => p[1]);
      return [Math.min(...xs) - margin, Math.max(...xs) + margin, Math.min(...ys) - margin, Math.max(...ys) + margin];
    };
    // The whole drawing, and a view of the vertices with some room: big groups have a few very
    // bent edges whose curves would shrink everything else; the wheel zooms, dragging pans.
    const all = box(points);
    const core = box(Object.values(group.positions));
    const grow = 0.3 * Math.max(core[1] - core[0], core[3] - core[2]);
    const fitted = [Math.max(all[0], core[0] - grow), Math.min(all[1], core[1] + grow), Math.max(all[2], core[2] - grow), Math.min(all[3], core[3] + grow)];
    views.all = [all[0], -all[3], all[1] - all[0], all[3] - all[2]];
    views.fit = [fitted[0], -fitted[3], fitted[1] - fitted[0], fitted[3] - fitted[2]];
    views.clipped = fitted.some((v, i) => v !== all[i]);
    setView(views.fit);
    document.getElementById("graph-all").disabled = !views.clipped;
    const defs = svg("defs", {}, canvas);
    for (const [id, colour] of [["arrow", "#555"], ["arrow-hot", "#d95f02"]]) {
      const marker = svg("marker", { id, viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "0.11", markerHeight: "0.11", markerUnits: "userSpaceOnUse", orient: "auto" }, defs);
      svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colour }, marker);
    }
    const edgeLayer = svg("g", { class: "edges" }, canvas);
    const hitLayer = svg("g", { class: "edge-hits" }, canvas);
    const vertexLayer = svg("g", { class: "vertices" }, canvas);
    const edgeNodes = [];
    graph.edges.forEach(([s, t, strength], index) => {
      const c = curves[index];
      if (!c) return;
      const d = `M${c[0]},${-c[1]} Q${c[2]},${-c[3]} ${c[4]},${-c[5]}`;
      const path = svg("path", { class: "edge", d, "data-source": s, "data-target": t, "data-strength": strength, "marker-end": "url(#arrow)" }, edgeLayer);
      const hit = svg("path", { class: "edge-hit", d, "data-edge": index }, hitLayer);
      const text = `${names.get(s)} → ${names.get(t)}: strength ${format(strength)} (‖P_target σ(v)‖ / ‖σ(v)‖, largest over generic samples)`;
      svg("title", {}, hit).textContent = text;
      hit.addEventListener("mouseenter", () => { path.classList.add("hot"); path.setAttribute("marker-end", "url(#arrow-hot)"); info.textContent = text; });
      hit.addEventListener("mouseleave", () => { path.classList.remove("hot"); path.setAttribute("marker-end", "url(#arrow)"); });
      edgeNodes.push(path);
    });
    const vertexNodes = new Map();
    for (const vertex of group.vertices) {
      const [x, y] = group.positions[String(vertex.id)];
      // Focusable (Tab), with Enter or Space as a click: the graph is usable without a mouse.
      const node = svg("g", { class: "vertex", "data-id": vertex.id, "data-name": vertex.name, transform: `translate(${x},${-y})`, tabindex: "0", role: "button", "aria-label": describe(vertex, group) }, vertexLayer);
      svg("circle", { r }, node);
      const text = label(vertex, state.label);
      const size = 0.13 * Math.min(1, 2.6 / Math.max(text.length, 1));
      const t = svg("text", { "text-anchor": "middle", "dominant-baseline": "central", "font-size": size }, node);
      t.textContent = text;
      svg("title", {}, node).textContent = describe(vertex, group);
      node.addEventListener("mouseenter", () => hover(vertex, group, edges, vertexNodes, edgeNodes));
      node.addEventListener("mouseleave", () => {
        const pinned = group.vertices.find((v) => String(v.id) === state.focus);
        if (pinned) hover(pinned, group, edges, vertexNodes, edgeNodes);
        else unhover(vertexNodes, edgeNodes, group, graph);
      });
      // A click pins the highlight (and puts it in the URL: focus=ID); a second click releases it.
      const pin = () => {
        state.focus = state.focus === String(vertex.id) ? "" : String(vertex.id);
        PLREP.writeHash();
        linked(group);
      };
      node.addEventListener("click", pin);
      node.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pin(); } });
      node.addEventListener("focus", () => hover(vertex, group, edges, vertexNodes, edgeNodes));
      vertexNodes.set(vertex.id, node);
      html("li", {}, legend, describe(vertex, group));
    }
    summary(group, graph, names);
    const pinned = group.vertices.find((v) => String(v.id) === state.focus);
    if (pinned) hover(pinned, group, edges, vertexNodes, edgeNodes);
    linked(group);
  }

  // The pinned vertex's linked views: its spectrum row (which harmonics of sigma(a sin x + b),
  // at the Spectra panel's a and b, land in which simple) and, with a report over this group,
  // its energy through the report's layers.
  function linked(group) {
    const box = document.getElementById("graph-linked");
    const vertex = group.vertices.find((v) => String(v.id) === state.focus);
    box.hidden = !vertex;
    if (!vertex) return;
    document.getElementById("linked-title").textContent = `Selected: ${vertex.name}`;
    if (!PLREP.spectra.ready()) return; // the first draw, before the spectra panel: main.js calls back
    const row = PLREP.spectra.row(vertex, group);
    const rowBox = document.getElementById("spectrum-row");
    rowBox.textContent = row.text;
    rowBox.dataset.targets = JSON.stringify(row.targets);
    const trace = document.getElementById("graph-trace");
    trace.style.display = PLREP.model.traceFor(trace, group.spec, vertex.id) ? "" : "none"; // an SVG has no .hidden
  }

  function summary(group, graph, names) {
    const lines = [`${group.spec} (order ${group.order}), ${state.activation}: ${group.vertices.length} simples, ${graph.edges.length} edges.`];
    if (graph.error) lines.push(`Not drawn: ${graph.error}.`);
    if (graph.uncertain) lines.push("Uncertain (neither edge nor non-edge): " + graph.uncertain.map(([s, t, v]) => `${names.get(s)} → ${names.get(t)} (${format(v)})`).join(", "));
    lines.push("Hover a vertex: what it reaches after 1, 2, … layers (click to pin it). Hover an edge: its strength.");
    lines.push("Wheel: zoom; drag: pan." + (views.clipped ? " Some long edges run outside this view: “show all”." : ""));
    info.textContent = lines.join("\n");
  }

  function hover(vertex, group, edges, vertexNodes, edgeNodes) {
    const names = new Map(group.vertices.map((v) => [v.id, v.name]));
    const steps = layers(vertex.id, edges);
    const first = new Map();
    steps.forEach((reached, k) => { for (const v of reached) if (!first.has(v)) first.set(v, k); });
    for (const [id, node] of vertexNodes) {
      node.classList.toggle("dim", id !== vertex.id && !first.has(id));
      node.classList.toggle("source", id === vertex.id);
      const circle = node.querySelector("circle");
      circle.style.fill = first.has(id) && id !== vertex.id ? LAYER_COLOURS[Math.min(first.get(id), LAYER_COLOURS.length - 1)] : "";
    }
    for (const path of edgeNodes) {
      const out = Number(path.dataset.source) === vertex.id;
      path.classList.toggle("hot", out);
      path.classList.toggle("faint", !out);
      path.setAttribute("marker-end", out ? "url(#arrow-hot)" : "url(#arrow)");
    }
    const lines = [describe(vertex, group)];
    steps.forEach((reached, k) => {
      const list = [...reached].sort((a, b) => a - b).map((v) => names.get(v)).join(", ");
      lines.push(`after ${k + 1} layer${k ? "s" : ""}: {${list}}`);
    });
    if (steps.length) lines.push("Colours: the first layer that reaches a vertex (1 " + LAYER_NAMES.slice(0, steps.length).join(", ") + "); the sets repeat from here on.");
    info.textContent = lines.join("\n");
  }

  function unhover(vertexNodes, edgeNodes, group, graph) {
    for (const node of vertexNodes.values()) {
      node.classList.remove("dim", "source");
      node.querySelector("circle").style.fill = "";
    }
    for (const path of edgeNodes) {
      path.classList.remove("hot", "faint");
      path.setAttribute("marker-end", "url(#arrow)");
    }
    summary(group, graph, new Map(group.vertices.map((v) => [v.id, v.name])));
  }

  function setup(hash) {
    if (!DATA.groups.length) return;
    groupSelect = document.getElementById("group");
    labelSelect = document.getElementById("label");
    canvas = document.getElementById("graph");
    info = document.getElementById("graph-info");
    legend = document.getElementById("graph-legend");
    const families = new Map();
    for (const group of DATA.groups) {
      const family = familyLabel(group.spec);
      if (!families.has(family)) families.set(family, html("optgroup", { label: family }, groupSelect));
      html("option", { value: group.spec }, families.get(family), group.spec);
    }
    state.group = GROUPS.has(hash.group) ? hash.group : GROUPS.has("C12") ? "C12" : DATA.groups[0].spec;
    if (hash.group !== undefined && !GROUPS.has(hash.group)) PLREP.notice(`The URL asks for group “${hash.group}”, which this page does not have; showing ${state.group}.`);
    if (hash.label !== undefined && !["id", "name", "order", "dim"].includes(hash.label)) PLREP.notice(`The URL asks for labels “${hash.label}”, which are not id, name, order or dim; showing names.`);
    state.label = ["id", "name", "order", "dim"].includes(hash.label) ? hash.label : "name";
    state.focus = /^\d+$/.test(hash.focus || "") ? hash.focus : "";
    groupSelect.value = state.group;
    labelSelect.value = state.label;
    groupSelect.addEventListener("change", () => { state.group = groupSelect.value; state.focus = ""; changed("group"); });
    labelSelect.addEventListener("change", () => { state.label = labelSelect.value; changed("label"); });
    setupZoom();
    onChange((what) => {
      if (["group", "label", "activation"].includes(what)) draw();
      else if (["spectrum", "model", "report"].includes(what)) linked(GROUPS.get(state.group));
    });
    draw();
  }

  PLREP.graphs = { setup, layers, refreshLinked: () => linked(GROUPS.get(state.group)) };
})();
