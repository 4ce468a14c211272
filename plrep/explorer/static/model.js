// The Model panel: a trained network's energy per simple (from a report plrep read), drawn on the
// interaction graph layer by layer. Each vertex is a <g class="model-vertex" data-id data-name
// data-energy data-share>: data-energy is the report's number (||P_L f||^2 summed over units and
// samples), data-share that number over the layer's total. Moving to layer l > 0 marks the
// simples that layer l-1's support cannot reach in one step, and the energy found there.
"use strict";

(function () {
  const { DATA, svg, html, clear, format, state, onChange, changed } = PLREP;
  const MODELS = DATA.models || [];
  const GROUPS = new Map(DATA.groups.map((group) => [group.spec, group]));
  const FLOOR = 1e-8; // the colour scale's bottom: shares below it are drawn white
  // A light-to-dark ramp (readable on white, monotone in lightness): share 1e-8 ... 1.
  const RAMP = [[255, 247, 236], [253, 212, 158], [252, 141, 89], [215, 48, 31], [127, 0, 0]];
  const STEP_WORDS = {
    sigma: "σ (one edge of the interaction graph)",
    linear: "equivariant linear (keeps each simple)",
    both: "σ with a skip connection (either)",
  };
  let canvas, info, legend, trace, summaryBox;

  function shade(share) {
    if (!(share >= FLOOR)) return "#ffffff";
    const t = Math.min(1, (Math.log10(share) - Math.log10(FLOOR)) / -Math.log10(FLOOR));
    const x = t * (RAMP.length - 1), i = Math.min(Math.floor(x), RAMP.length - 2), w = x - i;
    const c = RAMP[i].map((v, k) => Math.round(v * (1 - w) + RAMP[i + 1][k] * w));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  function model() {
    return MODELS.find((m) => m.label === state.report) || MODELS[0];
  }

  function shares(row) {
    const total = row.reduce((a, b) => a + b, 0);
    return { total, share: row.map((e) => (total > 0 ? e / total : 0)) };
  }

  // Vertices reachable from `support` in one step of the given kind.
  function reachable(support, edges, step) {
    const out = new Set(step === "sigma" ? [] : support);
    if (step !== "linear") for (const [s, t] of edges) if (support.has(s)) out.add(t);
    return out;
  }

  function stepOf(m, layer) {
    const chosen = (state.steps || "").split(",")[layer - 1];
    return STEP_WORDS[chosen] ? chosen : m.layers[layer].step || "sigma";
  }

  // The large products (C_p x C_p) have hundreds of simples: a grid of frequencies (k, l) reads
  // better than one long level of the layered drawing. Otherwise plrep's own layout.
  function positions(group) {
    const grid = group.vertices.length > 60 && group.vertices.every((v) => v.frequency && v.frequency.length === 2);
    if (!grid) return { grid: false, at: (v) => group.positions[String(v.id)] };
    const moduli = group.spec.split("x").map((part) => Number(part.slice(1)));
    const centred = (k, n) => (k > n / 2 ? k - n : k);
    return {
      grid: true,
      moduli,
      at: (v) => [0.5 * centred(v.frequency[1], moduli[1]), 0.5 * v.frequency[0]],
    };
  }

  function analyse(m, input, layer, edges) {
    const rows = m.energies[input];
    const { total, share } = shares(rows[layer]);
    const result = { total, share, energy: rows[layer], outside: null, reach: null, support: null };
    if (layer === 0) return result;
    const margin = Number(state.margin);
    const before = shares(rows[layer - 1]).share;
    result.support = new Set(before.map((s, j) => (s >= margin ? j : -1)).filter((j) => j >= 0));
    result.step = stepOf(m, layer);
    result.reach = reachable(result.support, edges, result.step);
    result.outside = share.reduce((sum, s, j) => sum + (result.reach.has(j) ? 0 : s), 0);
    return result;
  }

  function draw() {
    if (!MODELS.length) return;
    const m = model();
    const group = GROUPS.get(m.group);
    const graph = group.graphs[state.activation];
    const input = Math.min(Number(state.input) || 0, m.inputs.length - 1);
    const layer = Math.min(Number(state.layer) || 0, m.layers.length - 1);
    document.getElementById("model-layer").value = String(layer);
    document.getElementById("model-layer-name").textContent = `${layer}: ${m.layers[layer].name}`;
    const stepSelect = document.getElementById("model-step");
    stepSelect.disabled = layer === 0;
    if (layer > 0) stepSelect.value = stepOf(m, layer);
    clear(canvas);
    if (!graph) {
      info.textContent = `This page has no interaction graph of ${state.activation} on ${m.group} (only ${Object.keys(group.graphs).join(", ")}): pick one of those activations, or rebuild the page with that activation named in the report.`;
      summaryBox.dataset.outside = "";
      return;
    }
    const edges = graph.edges.map(([s, t]) => [s, t]);
    const result = analyse(m, input, layer, edges);
    const place = positions(group);
    const r = place.grid ? 0.22 : group.radius;
    const points = group.vertices.map((v) => place.at(v));
    const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
    const pad = r + 0.35;
    const box = [Math.min(...xs) - pad, -Math.max(...ys) - pad, Math.max(...xs) - Math.min(...xs) + 2 * pad, Math.max(...ys) - Math.min(...ys) + 2 * pad];
    canvas.setAttribute("viewBox", box.join(" "));
    const drawable = !place.grid && !graph.error;
    if (drawable) {
      const pairs = new Set(edges.map(([s, t]) => s + "," + t));
      const layerOfEdges = svg("g", { class: "edges" }, canvas);
      for (const [s, t] of edges) {
        const c = group.routes[`${s},${t},${pairs.has(t + "," + s) ? 1 : 0}`];
        if (!c) continue;
        const hot = result.support && result.support.has(s) && result.step !== "linear";
        svg("path", { class: "edge model-edge" + (hot ? " hot" : " faint"), d: `M${c[0]},${-c[1]} Q${c[2]},${-c[3]} ${c[4]},${-c[5]}` }, layerOfEdges);
      }
    }
    const names = new Map(group.vertices.map((v) => [v.id, v.name]));
    const vertexLayer = svg("g", { class: "vertices" }, canvas);
    const margin = Number(state.margin);
    group.vertices.forEach((vertex, index) => {
      const [x, y] = points[index];
      const share = result.share[vertex.id];
      const outside = result.reach && !result.reach.has(vertex.id);
      const classes = ["model-vertex"];
      if (result.reach && result.reach.has(vertex.id)) classes.push("reachable");
      if (outside && share >= margin) classes.push("outside");
      if (String(vertex.id) === state.mvertex) classes.push("chosen");
      const node = svg("g", {
        class: classes.join(" "), "data-id": vertex.id, "data-name": vertex.name,
        "data-energy": String(result.energy[vertex.id]), "data-share": String(share),
        transform: `translate(${x},${-y})`, tabindex: "0", role: "button",
        "aria-label": `${vertex.name}: share ${format(share)} of layer ${m.layers[layer].name}`,
      }, vertexLayer);
      if (place.grid) svg("rect", { x: -r, y: -r, width: 2 * r, height: 2 * r, fill: shade(share) }, node);
      else svg("circle", { r, fill: shade(share) }, node);
      if (!place.grid || group.vertices.length <= 400) {
        const text = svg("text", { "text-anchor": "middle", "dominant-baseline": "central", "font-size": place.grid ? 0.09 : 0.13 * Math.min(1, 2.6 / vertex.name.length), fill: share > 1e-2 ? "#fff" : "#222" }, node);
        text.textContent = vertex.name;
      }
      svg("title", {}, node).textContent = `${vertex.name}: energy ${format(result.energy[vertex.id], 4)}, ${format(share, 3)} of the layer` + (outside ? " (not reachable from the previous layer's support)" : "");
      const choose = () => { state.mvertex = state.mvertex === String(vertex.id) ? "" : String(vertex.id); changed("mvertex"); };
      node.addEventListener("click", choose);
      node.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); choose(); } });
    });
    if (place.grid) {
      const t1 = svg("text", { x: box[0] + 0.1, y: box[1] + 0.25, class: "grid-key", "font-size": 0.2 }, canvas);
      t1.textContent = `simples L(k,l) of ${m.group} at (l, k): one square per real simple (k, l) ~ (−k, −l)`;
    }
    drawLegend(result, m, layer, names, margin);
    drawTrace(trace, m, input, state.mvertex === "" || state.mvertex === undefined ? null : Number(state.mvertex));
  }

  function drawLegend(result, m, layer, names, margin) {
    clear(legend);
    legend.setAttribute("viewBox", "0 0 320 58");
    const steps = 8;
    for (let i = 0; i <= steps; i++) {
      const value = 10 ** (Math.log10(FLOOR) * (1 - i / steps));
      svg("rect", { x: 10 + 32 * i, y: 8, width: 32, height: 14, fill: shade(value), stroke: "#999", "stroke-width": 0.5 }, legend);
      if (i % 2 === 0) {
        const t = svg("text", { x: 26 + 32 * i, y: 36, class: "tick", "text-anchor": "middle" }, legend);
        t.textContent = i === 0 ? `≤1e${Math.log10(FLOOR)}` : `1e${Math.round(Math.log10(value))}`;
      }
    }
    const caption = svg("text", { x: 10, y: 52, class: "tick" }, legend);
    caption.textContent = "share of the layer's energy (log scale)";
    const lines = [`${m.label}: ${m.source || m.kind} over ${m.group}; input: ${m.inputs[Number(state.input) || 0]}.`];
    lines.push(`Layer ${layer} “${m.layers[layer].name}”: total energy ${format(result.total, 4)}; simples holding ≥ ${format(margin)} of it: ${result.share.filter((s) => s >= margin).length} of ${result.share.length}.`);
    const top = result.share.map((s, j) => [s, j]).sort((a, b) => b[0] - a[0]).slice(0, 5).filter(([s]) => s > 0);
    lines.push("Largest: " + top.map(([s, j]) => `${names.get(j)} ${format(s)}`).join(", ") + ".");
    if (layer > 0) {
      const prev = m.layers[layer - 1].name;
      const outsideList = result.share.map((s, j) => [s, j]).filter(([s, j]) => !result.reach.has(j) && s >= margin).sort((a, b) => b[0] - a[0]);
      lines.push(`Step “${prev}” → “${m.layers[layer].name}”: ${STEP_WORDS[result.step]}. Support of “${prev}” (≥ ${format(margin)}): ${result.support.size} simples; reachable in this step: ${result.reach.size}.`);
      lines.push(`Energy outside the reachable set: ${format(result.outside, 3)} of this layer` + (outsideList.length ? ` (ringed purple: ${outsideList.slice(0, 6).map(([s, j]) => `${names.get(j)} ${format(s)}`).join(", ")}${outsideList.length > 6 ? ", …" : ""}).` : " (no simple above the margin)."));
      lines.push("Theory: ~0 when each input of the previous layer lies in one simple; a sum of simples can make more (σ(u + v) ≠ σ(u) + σ(v)), which is what a nonzero value measures.");
    } else {
      lines.push("Move the layer slider: from layer 1 on, energy in simples the previous layer cannot reach is ringed purple.");
    }
    lines.push("Click a vertex: its energy through the layers (below).");
    info.textContent = lines.join("\n");
    summaryBox.dataset.outside = layer > 0 ? String(result.outside) : "";
    summaryBox.dataset.layer = String(layer);
    summaryBox.textContent = layer > 0 ? `energy outside the reachable set: ${format(result.outside, 3)} of layer “${m.layers[layer].name}”` : `layer “${m.layers[layer].name}”`;
  }

  // One simple's share of each layer's energy, layer by layer (log scale), for the chosen input.
  function drawTrace(target, m, input, vertexId) {
    clear(target);
    target.setAttribute("viewBox", "0 0 460 170");
    if (vertexId === null || !m || !(vertexId < m.energies[input][0].length)) {
      const t = svg("text", { x: 12, y: 24, class: "chart-title" }, target);
      t.textContent = m ? "Click a vertex to follow its energy through the layers." : "No report loaded.";
      return;
    }
    const group = GROUPS.get(m.group);
    const name = group.vertices.find((v) => v.id === vertexId).name;
    const values = m.energies[input].map((row) => shares(row).share[vertexId]);
    const left = 46, right = 420, top = 26, bottom = 130;
    const lo = Math.log10(FLOOR);
    const X = (i) => left + ((right - left) * i) / Math.max(values.length - 1, 1);
    const Y = (s) => bottom - ((bottom - top) * (Math.max(Math.log10(Math.max(s, 1e-300)), lo) - lo)) / -lo;
    svg("line", { x1: left, y1: bottom, x2: right, y2: bottom, class: "axis" }, target);
    for (const e of [0, -4, -8]) {
      const t = svg("text", { x: left - 4, y: Y(10 ** e) + 3, class: "tick", "text-anchor": "end" }, target);
      t.textContent = `1e${e}`;
      svg("line", { x1: left, y1: Y(10 ** e), x2: right, y2: Y(10 ** e), class: "gridline" }, target);
    }
    svg("path", { d: values.map((s, i) => `${i ? "L" : "M"}${X(i)},${Y(s)}`).join(" "), class: "trace-line" }, target);
    values.forEach((s, i) => {
      const dot = svg("circle", { cx: X(i), cy: Y(s), r: 3.5, class: "trace-dot", "data-layer": i, "data-share": String(s) }, target);
      svg("title", {}, dot).textContent = `${m.layers[i].name}: ${format(s, 4)}`;
      const t = svg("text", { x: X(i), y: bottom + 14, class: "tick", "text-anchor": "middle" }, target);
      t.textContent = m.layers[i].name.slice(0, 10);
    });
    const title = svg("text", { x: 12, y: 14, class: "chart-title" }, target);
    title.textContent = `${name}: share of each layer's energy (${m.label}, ${m.inputs[input]})`;
  }

  function setup(hash) {
    if (!MODELS.length) {
      document.getElementById("tab-model").hidden = true;
      return;
    }
    canvas = document.getElementById("model-graph");
    info = document.getElementById("model-info");
    legend = document.getElementById("model-legend");
    trace = document.getElementById("model-trace");
    summaryBox = document.getElementById("model-summary");
    const reportSelect = document.getElementById("model-report");
    for (const m of MODELS) html("option", { value: m.label }, reportSelect, `${m.label} (${m.group})`);
    if (hash.report !== undefined && !MODELS.some((m) => m.label === hash.report)) PLREP.notice(`The URL asks for report “${hash.report}”, which this page does not hold; showing “${MODELS[0].label}”.`);
    state.report = MODELS.some((m) => m.label === hash.report) ? hash.report : MODELS[0].label;
    reportSelect.value = state.report;
    const margins = DATA.model_margins;
    const marginSelect = document.getElementById("model-margin");
    for (const value of margins) html("option", { value: String(value) }, marginSelect, format(value));
    state.margin = margins.includes(Number(hash.margin)) ? String(Number(hash.margin)) : String(DATA.model_margin);
    marginSelect.value = state.margin;
    const inputSelect = document.getElementById("model-input");
    const slider = document.getElementById("model-layer");
    const stepSelect = document.getElementById("model-step");
    for (const [value, words] of Object.entries(STEP_WORDS)) html("option", { value }, stepSelect, words);
    function fill(keep) {
      const m = model();
      clear(inputSelect);
      m.inputs.forEach((name, i) => html("option", { value: String(i) }, inputSelect, name));
      slider.max = String(m.layers.length - 1);
      const layer = Number(keep.layer), input = Number(keep.input);
      state.layer = Number.isInteger(layer) && layer >= 0 && layer < m.layers.length ? String(layer) : String(Math.min(1, m.layers.length - 1));
      state.input = Number.isInteger(input) && input >= 0 && input < m.inputs.length ? String(input) : "0";
      state.steps = /^[a-z,]*$/.test(keep.steps || "") ? keep.steps || "" : "";
      inputSelect.value = state.input;
    }
    fill(hash);
    state.mvertex = /^\d+$/.test(hash.mvertex || "") ? hash.mvertex : "";
    reportSelect.addEventListener("change", () => { state.report = reportSelect.value; state.mvertex = ""; fill({}); changed("report"); });
    inputSelect.addEventListener("change", () => { state.input = inputSelect.value; changed("model"); });
    slider.addEventListener("input", () => { state.layer = slider.value; changed("model"); });
    marginSelect.addEventListener("change", () => { state.margin = marginSelect.value; changed("model"); });
    stepSelect.addEventListener("change", () => {
      const m = model();
      const list = m.layers.slice(1).map((_, i) => stepOf(m, i + 1));
      list[Number(state.layer) - 1] = stepSelect.value;
      state.steps = list.join(",");
      changed("model");
    });
    onChange((what) => { if (["report", "model", "activation", "mvertex"].includes(what)) draw(); });
    draw();
  }

  // For the graphs panel's linked view: the loaded report over `spec`, if there is one.
  function traceFor(target, spec, vertexId) {
    const m = MODELS.find((x) => x.label === state.report && x.group === spec) || MODELS.find((x) => x.group === spec);
    if (!m) return false;
    drawTrace(target, m, m === model() ? Math.min(Number(state.input) || 0, m.inputs.length - 1) : 0, vertexId);
    return true;
  }

  PLREP.model = { setup, traceFor, reachable, shade };
})();
