// The spectra panel: the "guitar string" of sigma(a sin x + b) from plrep's precomputed
// coefficients (plrep.activation_spectrum on the slider grid), with sigma itself drawn live.
"use strict";

(function () {
  const { DATA, svg, clear, format, state, sigma, onChange, changed } = PLREP;
  const COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"];
  const SHOWN = 4; // harmonics drawn as curves besides the constant
  let curves, stems, amplitude, bias, amplitudeText, biasText, readout;

  function coefficients() {
    const spectra = DATA.spectra;
    const grid = spectra.grids[state.activation];
    const i = Number(amplitude.value), j = Number(bias.value);
    return { a: grid.a[i][j], b: grid.b[i][j], amp: spectra.amplitudes[i], bias: spectra.biases[j], method: grid.method };
  }

  function nonzero(magnitudes) {
    const scale = Math.max(...magnitudes, 0);
    return magnitudes.map((m) => m > 1e-10 * Math.max(scale, 1e-300));
  }

  function draw() {
    const grid = DATA.spectra.grids[state.activation];
    if (grid.error) {
      clear(curves);
      clear(stems);
      readout.textContent = `${state.activation}: ${grid.error}`;
      return;
    }
    const c = coefficients();
    amplitudeText.textContent = String(c.amp);
    biasText.textContent = String(c.bias);
    const fn = sigma(state.activation);
    const K = c.a.length - 1;
    const magnitudes = c.a.map((a, k) => (k === 0 ? Math.abs(a) : Math.hypot(a, c.b[k])));
    const present = nonzero(magnitudes);
    // Left: f(x) = sigma(a sin x + b), the constant and the first nonzero harmonics.
    clear(curves);
    const width = 560, height = 320, left = 40, right = 10, top = 44, bottom = 290;
    curves.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const xs = Array.from({ length: 361 }, (_, i) => (2 * Math.PI * i) / 360);
    const f = xs.map((x) => fn(c.amp * Math.sin(x) + c.bias));
    const shown = [];
    for (let k = 0; k <= K && shown.length < SHOWN + 1; k++) if (present[k]) shown.push(k);
    const terms = shown.map((k) => xs.map((x) => (k === 0 ? c.a[0] : c.a[k] * Math.cos(k * x) + c.b[k] * Math.sin(k * x))));
    const all = [...f, ...terms.flat(), 0];
    let low = Math.min(...all), high = Math.max(...all);
    if (high - low < 1e-9) { low -= 1; high += 1; }
    const pad = 0.06 * (high - low);
    low -= pad; high += pad;
    const X = (x) => left + ((width - left - right) * x) / (2 * Math.PI);
    const Y = (y) => bottom - ((bottom - top) * (y - low)) / (high - low);
    svg("line", { x1: left, y1: Y(0), x2: width - right, y2: Y(0), class: "axis" }, curves);
    ["0", "π/2", "π", "3π/2", "2π"].forEach((label, i) => {
      const t = svg("text", { x: X((i * Math.PI) / 2), y: height - 12, class: "tick", "text-anchor": "middle" }, curves);
      t.textContent = label;
      svg("line", { x1: X((i * Math.PI) / 2), y1: bottom, x2: X((i * Math.PI) / 2), y2: bottom + 4, class: "axis" }, curves);
    });
    for (const value of [low + pad, 0, high - pad]) {
      const t = svg("text", { x: left - 4, y: Y(value) + 3, class: "tick", "text-anchor": "end" }, curves);
      t.textContent = format(value, 2);
    }
    const line = (ys) => ys.map((y, i) => `${i ? "L" : "M"}${X(xs[i]).toFixed(2)},${Y(y).toFixed(2)}`).join(" ");
    svg("path", { d: line(f), class: "f-curve" }, curves);
    terms.forEach((ys, index) => {
      svg("path", { d: line(ys), class: "harmonic", stroke: COLOURS[index % COLOURS.length], "data-k": shown[index] }, curves);
      const key = svg("text", { x: left + 100 * index, y: 32, fill: COLOURS[index % COLOURS.length], class: "key" }, curves);
      key.textContent = shown[index] === 0 ? "constant a₀" : `k = ${shown[index]}`;
    });
    const keyF = svg("text", { x: left, y: 14, class: "key" }, curves);
    keyF.textContent = `f = ${state.activation}(${c.amp} sin x + ${c.bias}) (black) and its harmonics:`;
    // Right: |c_k| on a log scale; harmonics that vanish are marked 0 on the base line.
    clear(stems);
    const sw = 420, sh = 320, sl = 50, sb = 280, st = 20;
    stems.setAttribute("viewBox", `0 0 ${sw} ${sh}`);
    const positive = magnitudes.filter((m, k) => present[k]);
    const hi = Math.log10(Math.max(...positive, 1e-12)) + 0.2;
    const lo = Math.min(Math.log10(Math.min(...positive, 1)) - 0.3, hi - 1);
    const SX = (k) => sl + ((sw - sl - 15) * k) / K;
    const SY = (m) => sb - ((sb - st) * (Math.log10(m) - lo)) / (hi - lo);
    svg("line", { x1: sl, y1: sb, x2: sw - 10, y2: sb, class: "axis" }, stems);
    svg("line", { x1: sl, y1: st, x2: sl, y2: sb, class: "axis" }, stems);
    for (let e = Math.ceil(lo); e <= Math.floor(hi); e++) {
      const t = svg("text", { x: sl - 5, y: SY(10 ** e) + 3, class: "tick", "text-anchor": "end" }, stems);
      t.textContent = `1e${e}`;
      svg("line", { x1: sl, y1: SY(10 ** e), x2: sw - 10, y2: SY(10 ** e), class: "gridline" }, stems);
    }
    magnitudes.forEach((m, k) => {
      const x = SX(k);
      const label = svg("text", { x, y: sb + 14, class: "tick", "text-anchor": "middle" }, stems);
      label.textContent = String(k);
      if (present[k]) {
        const stem = svg("line", { x1: x, y1: sb, x2: x, y2: SY(m), class: "stem", "data-k": k, "data-value": String(m) }, stems);
        svg("title", {}, stem).textContent = `|c_${k}| = ${format(m, 6)}`;
        svg("circle", { cx: x, cy: SY(m), r: 3.5, class: "stem-head" }, stems);
      } else {
        const zero = svg("text", { x, y: sb - 4, class: "zero", "text-anchor": "middle", "data-k": k, "data-value": "0" }, stems);
        zero.textContent = "0";
      }
    });
    const axis = svg("text", { x: sw / 2, y: sh - 4, class: "tick", "text-anchor": "middle" }, stems);
    axis.textContent = "harmonic k";
    const yAxis = svg("text", { x: 12, y: st - 6, class: "tick" }, stems);
    yAxis.textContent = "|c_k| (log scale)";
    const info = PLREP.ACTIVATIONS.get(state.activation);
    readout.textContent = `${state.activation}(${c.amp} sin x + ${c.bias}). Parity of σ: ${info.parity} (the rule holds at b = 0; a bias mixes them). Coefficients by plrep.activation_spectrum (${c.method}); ${present.filter(Boolean).length} of ${K + 1} harmonics nonzero.`;
  }

  // The spectrum row of a simple with a frequency f (C_n, C_n x C_m): sigma of v(x) = a sin(2 pi
  // f.x / n) + b has harmonics m = 0, 1, ..., and harmonic m lives in the simple of frequency m f
  // (mod n, up to sign). Which of them sigma makes at the sliders' (a, b), and where they land.
  function row(vertex, group) {
    const grid = DATA.spectra.grids[state.activation];
    if (!vertex.frequency) return { text: `${vertex.name} of ${group.spec}: σ of a vector in this simple is not one sinusoid a sin θ + b, so it has no harmonic row; the edges show where σ sends it.`, targets: [] };
    if (grid.error) return { text: `${state.activation}: ${grid.error}`, targets: [] };
    const moduli = group.spec.split("x").map((part) => Number(part.slice(1)));
    const key = (f) => f.map((k, i) => ((k % moduli[i]) + moduli[i]) % moduli[i]).join(",");
    const byFrequency = new Map();
    for (const v of group.vertices) {
      if (!v.frequency) continue;
      byFrequency.set(key(v.frequency), v);
      byFrequency.set(key(v.frequency.map((k) => -k)), v);
    }
    const c = coefficients();
    const magnitudes = c.a.map((a, k) => (k === 0 ? Math.abs(a) : Math.hypot(a, c.b[k])));
    const present = nonzero(magnitudes);
    const lines = [`${vertex.name} (frequency (${vertex.frequency.join(",")})): σ = ${state.activation} on v = ${c.amp} sin θ + ${c.bias}, θ = 2π f·x / n (the Spectra panel's a, b).`, "harmonic m → simple of frequency m f: |c_m|"];
    const targets = [];
    magnitudes.forEach((m, k) => {
      const target = byFrequency.get(key(vertex.frequency.map((f) => k * f)));
      const name = target ? target.name : "?";
      targets.push({ k, target: target ? target.id : null, magnitude: present[k] ? m : 0 });
      lines.push(`  m = ${String(k).padStart(2)} → ${name}: ${present[k] ? format(m, 4) : "0"}`);
    });
    return { text: lines.join("\n"), targets };
  }

  function setup(hash) {
    curves = document.getElementById("spectrum-curves");
    stems = document.getElementById("spectrum-stems");
    amplitude = document.getElementById("amplitude");
    bias = document.getElementById("bias");
    amplitudeText = document.getElementById("amplitude-value");
    biasText = document.getElementById("bias-value");
    readout = document.getElementById("spectrum-readout");
    const spectra = DATA.spectra;
    amplitude.max = String(spectra.amplitudes.length - 1);
    bias.max = String(spectra.biases.length - 1);
    const a = spectra.amplitudes.indexOf(Number(hash.amp)), b = spectra.biases.indexOf(Number(hash.bias));
    amplitude.value = String(a >= 0 ? a : Math.max(spectra.amplitudes.indexOf(1), 0));
    bias.value = String(b >= 0 ? b : Math.max(spectra.biases.indexOf(0), 0));
    const store = () => {
      state.amp = String(spectra.amplitudes[Number(amplitude.value)]);
      state.bias = String(spectra.biases[Number(bias.value)]);
    };
    store();
    amplitude.addEventListener("input", () => { store(); changed("spectrum"); });
    bias.addEventListener("input", () => { store(); changed("spectrum"); });
    onChange((what) => { if (["spectrum", "activation"].includes(what)) draw(); });
    draw();
  }

  PLREP.spectra = { setup, row, ready: () => amplitude !== undefined };
})();
