// The maps panel: sigma on a simple of C_n, projected to every simple (the authors' hover tool),
// and the S_n standard -> trivial map on a plane with sliders for the other coordinates.
// Everything here is computed live from the formulas; tests compare it with plrep.maps.
"use strict";

(function () {
  const { DATA, svg, html, clear, format, state, sigma, onChange, changed } = PLREP;
  const VIEW = 1.25; // the plane shows coordinates in [-VIEW, VIEW]^2

  // ---- C_n: the plane of L_k, sigma(v) and its projections -----------------------------
  function simples(n) {
    const list = [];
    for (let k = 0; k <= Math.floor(n / 2); k++) list.push({ id: k, name: "L" + k, dim: k === 0 || 2 * k === n ? 1 : 2 });
    return list;
  }
  function signal(n, k, point) {
    // v(x) = c_1 cos(2 pi k x / n) + c_2 sin(2 pi k x / n), as plrep.maps.fourier_basis.
    const v = [];
    for (let x = 0; x < n; x++) {
      const phase = (2 * Math.PI * ((k * x) % n)) / n;
      v.push(point[0] * Math.cos(phase) + (2 * k === n || k === 0 ? 0 : point[1] * Math.sin(phase)));
    }
    return v;
  }
  // ||P_j s|| for every simple L_j of C_n by a direct DFT: |F_j| sqrt(2 / n), or sqrt(1 / n) in dim 1.
  function projections(s) {
    const n = s.length;
    return simples(n).map(({ id, dim }) => {
      let re = 0, im = 0;
      for (let x = 0; x < n; x++) {
        const phase = (2 * Math.PI * ((id * x) % n)) / n;
        re += s[x] * Math.cos(phase);
        im -= s[x] * Math.sin(phase);
      }
      return Math.hypot(re, im) * Math.sqrt((dim === 1 ? 1 : 2) / n);
    });
  }

  let plane, bars, wave, readout, nSelect, sourceSelect;
  function toPlane(event) {
    const box = plane.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * 2 * VIEW - VIEW;
    const y = VIEW - ((event.clientY - box.top) / box.height) * 2 * VIEW;
    return [Number(x.toFixed(3)), Number(y.toFixed(3))];
  }

  function drawPlane() {
    const n = Number(state.n), k = Number(state.source);
    const dim = k === 0 || 2 * k === n ? 1 : 2;
    clear(plane);
    plane.setAttribute("viewBox", `${-VIEW} ${-VIEW} ${2 * VIEW} ${2 * VIEW}`);
    const grid = svg("g", { class: "grid" }, plane);
    for (let t = -1; t <= 1; t += 0.5) {
      svg("line", { x1: t, y1: -VIEW, x2: t, y2: VIEW, class: t === 0 ? "axis" : "" }, grid);
      if (dim === 2) svg("line", { x1: -VIEW, y1: t, x2: VIEW, y2: t, class: t === 0 ? "axis" : "" }, grid);
      const label = svg("text", { x: t + 0.02, y: VIEW - 0.04, class: "tick" }, grid);
      label.textContent = String(t);
    }
    if (dim === 2) svg("circle", { r: 1, class: "unit" }, grid);
    const kinks = svg("g", { class: "kinks" }, plane);
    const seen = new Set();
    for (const kink of PLREP.ACTIVATIONS.get(state.activation).kinks) {
      for (let x = 0; x < n; x++) {
        const phase = (2 * Math.PI * ((k * x) % n)) / n;
        const w = [Math.cos(phase), dim === 2 ? Math.sin(phase) : 0];
        const key = `${w[0].toFixed(6)},${w[1].toFixed(6)},${kink}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // sigma bends where c . w_x = kink: a line with normal w_x (a point on a line in dim 1).
        const base = [kink * w[0], kink * w[1]], along = [-w[1], w[0]];
        const far = dim === 2 ? 3 : 0;
        const ends = dim === 2 ? [base[0] - far * along[0], base[1] - far * along[1], base[0] + far * along[0], base[1] + far * along[1]] : [base[0], -0.15, base[0], 0.15];
        svg("line", { x1: ends[0], y1: -ends[1], x2: ends[2], y2: -ends[3], class: "kink" }, kinks);
      }
    }
    if (dim === 1) svg("line", { x1: -VIEW, y1: 0, x2: VIEW, y2: 0, class: "line-of-simple" }, plane);
    const point = currentPoint(dim);
    svg("circle", { cx: point[0], cy: -point[1], r: 0.035, class: "pointer", id: "map-pointer" }, plane);
    const caption = document.getElementById("plane-caption");
    caption.textContent = dim === 2
      ? `The plane of L${k} in R^${n}: v = c₁ cos(2π·${k}x/${n}) + c₂ sin(2π·${k}x/${n}). Red lines: the kinks of ${state.activation} (v(x) = kink for some x).`
      : `The line of L${k} in R^${n} (dimension 1): v = c₁ cos(2π·${k}x/${n}). Red marks: kinks of ${state.activation}.`;
  }

  // The plane coloured by the first coordinate c'_1 of P_target sigma(v) in the target's basis
  // (plrep.maps.simple_map): signed, so saddles and sign changes show, as in the paper's figures.
  function drawHeat() {
    const heat = document.getElementById("plane-heat");
    const context = heat.getContext("2d");
    const n = Number(state.n), k = Number(state.source), j = Number(state.target);
    const dim = k === 0 || 2 * k === n ? 1 : 2;
    context.fillStyle = "#fff";
    context.fillRect(0, 0, heat.width, heat.height);
    const key = document.getElementById("heat-caption");
    if (dim === 1) { key.textContent = ""; return; }
    const steps = 84, size = heat.width, fn = sigma(state.activation);
    const cosK = [], sinK = [], cosJ = [];
    for (let x = 0; x < n; x++) {
      cosK.push(Math.cos((2 * Math.PI * ((k * x) % n)) / n)); sinK.push(Math.sin((2 * Math.PI * ((k * x) % n)) / n));
      cosJ.push(Math.cos((2 * Math.PI * ((j * x) % n)) / n));
    }
    const normSquared = j === 0 || 2 * j === n ? n : n / 2; // |u_cos|^2
    const values = [];
    let largest = 0;
    for (let row = 0; row < steps; row++) for (let col = 0; col < steps; col++) {
      const c1 = -VIEW + (2 * VIEW * (col + 0.5)) / steps, c2 = VIEW - (2 * VIEW * (row + 0.5)) / steps;
      let re = 0;
      for (let x = 0; x < n; x++) re += fn(c1 * cosK[x] + c2 * sinK[x]) * cosJ[x];
      const value = re / normSquared;
      values.push(value);
      largest = Math.max(largest, Math.abs(value));
    }
    const image = context.createImageData(size, size);
    const cell = size / steps;
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
      const u = largest > 0 ? values[Math.min(Math.floor(y / cell), steps - 1) * steps + Math.min(Math.floor(x / cell), steps - 1)] / largest : 0;
      const [r, g, b] = colour(u);
      const at = 4 * (y * size + x);
      image.data[at] = r; image.data[at + 1] = g; image.data[at + 2] = b; image.data[at + 3] = 255;
    }
    context.putImageData(image, 0, 0);
    key.textContent = `Colour: the cos coordinate of P_L${j} σ(v) (c'₁ of plrep.maps.simple_map), red positive, blue negative, up to ±${format(largest)}; click a bar to choose the target simple.`;
  }

  function currentPoint(dim) {
    const parts = String(state.point || "0.8,0.35").split(",").map(Number);
    const point = [Number.isFinite(parts[0]) ? parts[0] : 0.8, Number.isFinite(parts[1]) ? parts[1] : 0.35];
    return dim === 1 ? [point[0], 0] : point;
  }

  function drawBars() {
    const n = Number(state.n), k = Number(state.source);
    const dim = k === 0 || 2 * k === n ? 1 : 2;
    const point = currentPoint(dim);
    const pointer = document.getElementById("map-pointer");
    if (pointer) { pointer.setAttribute("cx", point[0]); pointer.setAttribute("cy", -point[1]); }
    const v = signal(n, k, point);
    const fn = sigma(state.activation);
    const s = v.map(fn);
    const norms = projections(s);
    const total = Math.hypot(...s);
    const list = simples(n);
    clear(bars);
    const width = Math.max(360, 34 * list.length), height = 230, top = 40, bottom = 190;
    bars.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const scale = Math.max(...norms, 1e-300);
    const step = (width - 40) / list.length;
    svg("line", { x1: 30, y1: bottom, x2: width - 5, y2: bottom, class: "axis" }, bars);
    list.forEach((simple, j) => {
      const value = norms[j];
      const h = ((bottom - top) * value) / scale;
      const x = 35 + j * step;
      const rect = svg("rect", { class: "bar" + (j === k ? " own" : "") + (j === Number(state.target) ? " target" : ""), x, y: bottom - h, width: step * 0.7, height: Math.max(h, 0), "data-id": simple.id, "data-name": simple.name, "data-value": String(value) }, bars);
      svg("title", {}, rect).textContent = `‖P_${simple.name} σ(v)‖ = ${format(value, 6)} (click: colour the plane by it)`;
      rect.addEventListener("click", () => { state.target = String(simple.id); changed("target"); });
      const name = svg("text", { x: x + step * 0.35, y: bottom + 14, class: "bar-label", "text-anchor": "middle" }, bars);
      name.textContent = simple.name;
      const number = svg("text", { x: x + step * 0.35, y: bottom - h - 4, class: "bar-value", "text-anchor": "middle" }, bars);
      number.textContent = value < 1e-12 * scale ? "0" : format(value, 2);
    });
    const title = svg("text", { x: 30, y: 14, class: "chart-title" }, bars);
    title.textContent = `‖P_j σ(v)‖ for every simple L_j of C${n} (‖σ(v)‖ = ${format(total)})`;
    // The target's coordinates c' in its basis (u_cos, u_sin), as plrep.maps.simple_map returns them.
    const j = Number(state.target), targetDim = j === 0 || 2 * j === n ? 1 : 2;
    let along = 0, across = 0;
    for (let x = 0; x < n; x++) {
      const phase = (2 * Math.PI * ((j * x) % n)) / n;
      along += s[x] * Math.cos(phase);
      across += s[x] * Math.sin(phase);
    }
    const coordinates = targetDim === 1 ? [along / n] : [along / (n / 2), across / (n / 2)];
    const output = document.getElementById("target-value");
    output.dataset.value = JSON.stringify(coordinates);
    output.textContent = `P_L${j} σ(v) = ${coordinates.map((c) => format(c, 4)).join(" u_cos + ")}${targetDim === 2 ? " u_sin" : " u_cos"}`;
    readout.textContent = `c = (${point[0]}, ${point[1]}); σ = ${state.activation}. Move the pointer over the plane.`;
    drawWave(v, s);
  }

  function drawWave(v, s) {
    const n = v.length;
    clear(wave);
    const width = 360, height = 150, mid = 88;
    wave.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const scale = 56 / Math.max(...v.map(Math.abs), ...s.map(Math.abs), 1e-9);
    svg("line", { x1: 10, y1: mid, x2: width - 10, y2: mid, class: "axis" }, wave);
    const step = (width - 30) / n;
    for (let x = 0; x < n; x++) {
      const at = 20 + x * step;
      svg("line", { x1: at, y1: mid, x2: at, y2: mid - scale * v[x], class: "stem-v" }, wave);
      svg("line", { x1: at + step * 0.35, y1: mid, x2: at + step * 0.35, y2: mid - scale * s[x], class: "stem-s" }, wave);
    }
    const legend = svg("text", { x: 10, y: 12, class: "chart-title" }, wave);
    legend.textContent = "v(x) (grey) and σ(v(x)) (orange) for x in C_n";
  }

  function fillSources() {
    clear(sourceSelect);
    for (const simple of simples(Number(state.n))) html("option", { value: simple.id }, sourceSelect, `${simple.name} (dim ${simple.dim})`);
    if (Number(state.source) > Math.floor(Number(state.n) / 2)) state.source = "1";
    if (Number(state.target) > Math.floor(Number(state.n) / 2)) state.target = "0";
    sourceSelect.value = state.source;
  }

  // ---- S_n: standard -> trivial on the plane of the first two Helmert vectors -----------
  function helmert(n) {
    // h_k = (1, ..., 1, -k, 0, ..., 0) / sqrt(k (k + 1)), k = 1..n-1: an orthonormal basis of
    // {sum v = 0}; h_1, h_2 span plrep.maps.standard_plane(n).
    const rows = [];
    for (let k = 1; k < n; k++) {
      const row = new Array(n).fill(0);
      for (let i = 0; i < k; i++) row[i] = 1;
      row[k] = -k;
      rows.push(row.map((x) => x / Math.sqrt(k * (k + 1))));
    }
    return rows;
  }
  function standardToTrivial(n, a, b, rest, fn, basis) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let v = a * basis[0][i] + b * basis[1][i];
      for (let r = 0; r < rest.length; r++) v += rest[r] * basis[r + 2][i];
      total += fn(v);
    }
    return total / Math.sqrt(n);
  }

  const SN_VIEW = 1.5;
  let snCanvas, snOverlay, snSliders, snSelect, snValue;
  function restValues(n) {
    const parts = String(state.rest || "").split(",").map(Number);
    const rest = [];
    for (let r = 0; r < n - 3; r++) rest.push(Number.isFinite(parts[r]) ? parts[r] : 0);
    return rest;
  }
  function snPoint() {
    const parts = String(state.snpoint || "0.5,0.3").split(",").map(Number);
    return [Number.isFinite(parts[0]) ? parts[0] : 0.5, Number.isFinite(parts[1]) ? parts[1] : 0.3];
  }
  function colour(t) {
    // Diverging: blue (negative) - white - red (positive), t in [-1, 1].
    const u = Math.max(-1, Math.min(1, t));
    return u >= 0 ? [255, Math.round(255 * (1 - 0.75 * u)), Math.round(255 * (1 - 0.85 * u))] : [Math.round(255 * (1 + 0.85 * u)), Math.round(255 * (1 + 0.6 * u)), 255];
  }
  function fillSliders() {
    const n = Number(state.sn);
    clear(snSliders);
    const rest = restValues(n);
    state.rest = rest.join(",");
    rest.forEach((value, r) => {
      const row = html("label", { class: "slider" }, snSliders, `h${r + 3}: `);
      const input = html("input", { type: "range", min: "-1", max: "1", step: "0.05", value: String(value), "data-index": r }, row);
      const out = html("output", {}, row, String(value));
      input.addEventListener("input", () => {
        const values = restValues(n);
        values[r] = Number(input.value);
        out.textContent = input.value;
        state.rest = values.join(",");
        changed("rest");
      });
    });
    if (!rest.length) html("p", { class: "note" }, snSliders, `S${n}: the plane of h₁, h₂ is the whole standard representation (dimension ${n - 1}).`);
  }
  function drawSn() {
    const n = Number(state.sn);
    const basis = helmert(n), rest = restValues(n), fn = sigma(state.activation);
    const size = snCanvas.width, steps = 120;
    const values = [];
    let largest = 1e-12;
    for (let j = 0; j < steps; j++) for (let i = 0; i < steps; i++) {
      const a = -SN_VIEW + (2 * SN_VIEW * (i + 0.5)) / steps, b = SN_VIEW - (2 * SN_VIEW * (j + 0.5)) / steps;
      const t = standardToTrivial(n, a, b, rest, fn, basis);
      values.push(t);
      largest = Math.max(largest, Math.abs(t));
    }
    const context = snCanvas.getContext("2d");
    const image = context.createImageData(size, size);
    const cell = size / steps;
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
      const [r, g, b] = colour(values[Math.floor(y / cell) * steps + Math.floor(x / cell)] / largest);
      const at = 4 * (y * size + x);
      image.data[at] = r; image.data[at + 1] = g; image.data[at + 2] = b; image.data[at + 3] = 255;
    }
    context.putImageData(image, 0, 0);
    clear(snOverlay);
    snOverlay.setAttribute("viewBox", `${-SN_VIEW} ${-SN_VIEW} ${2 * SN_VIEW} ${2 * SN_VIEW}`);
    svg("line", { x1: -SN_VIEW, y1: 0, x2: SN_VIEW, y2: 0, class: "axis" }, snOverlay);
    svg("line", { x1: 0, y1: -SN_VIEW, x2: 0, y2: SN_VIEW, class: "axis" }, snOverlay);
    for (const kink of PLREP.ACTIVATIONS.get(state.activation).kinks) {
      for (let i = 0; i < n; i++) {
        // v_i = a h1_i + b h2_i + offset = kink: a line in the (a, b) plane, unless h1_i = h2_i = 0.
        const p = basis[0][i], q = basis[1][i];
        if (Math.hypot(p, q) < 1e-12) continue;
        let offset = 0;
        rest.forEach((r, k) => { offset += r * basis[k + 2][i]; });
        const c = (kink - offset) / (p * p + q * q);
        const base = [c * p, c * q], along = [-q, p].map((x) => (4 * x) / Math.hypot(p, q));
        svg("line", { x1: base[0] - along[0], y1: -(base[1] - along[1]), x2: base[0] + along[0], y2: -(base[1] + along[1]), class: "kink" }, snOverlay);
      }
    }
    const [a, b] = snPoint();
    svg("circle", { cx: a, cy: -b, r: 0.04, class: "pointer" }, snOverlay);
    const t = standardToTrivial(n, a, b, rest, fn, basis);
    snValue.dataset.value = String(t);
    snValue.textContent = `at (a, b) = (${a}, ${b}): trivial component t = ${format(t, 6)}; colour scale ±${format(largest)} (red positive, blue negative)`;
  }

  function setup(hash) {
    plane = document.getElementById("plane");
    bars = document.getElementById("bars");
    wave = document.getElementById("wave");
    readout = document.getElementById("map-readout");
    nSelect = document.getElementById("map-n");
    sourceSelect = document.getElementById("map-source");
    for (const n of DATA.maps.cyclic) html("option", { value: n }, nSelect, "C" + n);
    state.n = DATA.maps.cyclic.includes(Number(hash.n)) ? hash.n : String(DATA.maps.cyclic.includes(12) ? 12 : DATA.maps.cyclic[0]);
    state.source = /^\d+$/.test(hash.source || "") ? hash.source : "1";
    state.point = hash.point;
    state.target = /^\d+$/.test(hash.target || "") ? hash.target : "0";
    nSelect.value = state.n;
    fillSources();
    nSelect.addEventListener("change", () => { state.n = nSelect.value; fillSources(); changed("n"); });
    sourceSelect.addEventListener("change", () => { state.source = sourceSelect.value; changed("source"); });
    plane.addEventListener("pointermove", (event) => {
      const point = toPlane(event);
      state.point = point.join(",");
      changed("point");
    });
    snCanvas = document.getElementById("sn-canvas");
    snOverlay = document.getElementById("sn-overlay");
    snSliders = document.getElementById("sn-sliders");
    snSelect = document.getElementById("sn-n");
    snValue = document.getElementById("sn-value");
    for (const n of DATA.maps.symmetric) html("option", { value: n }, snSelect, "S" + n);
    state.sn = DATA.maps.symmetric.includes(Number(hash.sn)) ? hash.sn : String(DATA.maps.symmetric[1] || DATA.maps.symmetric[0]);
    state.rest = hash.rest;
    state.snpoint = hash.snpoint;
    snSelect.value = state.sn;
    fillSliders();
    snSelect.addEventListener("change", () => { state.sn = snSelect.value; state.rest = ""; fillSliders(); changed("sn"); });
    snOverlay.addEventListener("pointermove", (event) => {
      const box = snOverlay.getBoundingClientRect();
      const a = ((event.clientX - box.left) / box.width) * 2 * SN_VIEW - SN_VIEW;
      const b = SN_VIEW - ((event.clientY - box.top) / box.height) * 2 * SN_VIEW;
      state.snpoint = `${a.toFixed(3)},${b.toFixed(3)}`;
      changed("snpoint");
    });
    onChange((what) => {
      if (["n", "source", "activation"].includes(what)) { drawPlane(); drawHeat(); drawBars(); }
      if (what === "target") { drawHeat(); drawBars(); }
      if (what === "point") drawBars();
      if (["sn", "rest", "activation", "snpoint"].includes(what)) drawSn();
    });
    drawPlane();
    drawHeat();
    drawBars();
    drawSn();
  }

  PLREP.maps = { setup, projections, signal, helmert, standardToTrivial };
})();
