// plrep explorer: shared state, the URL hash, errors, SVG helpers and the activations.
// Plain JavaScript, no libraries, nothing fetched: the data is the JSON block plrep embedded.
"use strict";

const PLREP = (function () {
  const errors = [];
  function reportError(message) {
    errors.push(String(message));
    const box = document.getElementById("errors");
    if (box) {
      box.hidden = false;
      box.textContent = "Errors on this page:\n" + errors.join("\n");
      box.dataset.count = String(errors.length);
    }
  }
  window.addEventListener("error", (event) => reportError("error: " + event.message));
  window.addEventListener("unhandledrejection", (event) => reportError("unhandled rejection: " + event.reason));
  const originalConsoleError = console.error.bind(console);
  console.error = (...parts) => {
    reportError(parts.join(" "));
    originalConsoleError(...parts);
  };

  const DATA = JSON.parse(document.getElementById("plrep-data").textContent);
  const ACTIVATIONS = new Map(DATA.activations.map((info) => [info.name, info]));

  // ---- SVG and DOM helpers -------------------------------------------------------------
  const SVG_NS = "http://www.w3.org/2000/svg";
  function svg(tag, attributes, parent) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    if (parent) parent.appendChild(node);
    return node;
  }
  function html(tag, attributes, parent, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function format(value, digits = 3) {
    const size = Math.abs(value);
    if (size === 0) return "0";
    if (size >= 1e-3 && size < 1e5) return String(Number(value.toPrecision(digits)));
    return value.toExponential(digits - 1);
  }

  // ---- state in the URL hash -----------------------------------------------------------
  const state = {};
  function readHash() {
    const result = {};
    const raw = window.location.hash.replace(/^#/, "");
    let text = raw;
    try {
      text = decodeURIComponent(raw);
    } catch (error) {
      // A hand-edited URL with a stray "%": read it as it is.
    }
    for (const part of text.split("&")) {
      const at = part.indexOf("=");
      if (at > 0) result[part.slice(0, at)] = part.slice(at + 1);
    }
    return result;
  }
  function writeHash() {
    const text = Object.entries(state)
      .filter(([, value]) => value !== undefined && value !== "")
      .map(([key, value]) => key + "=" + value)
      .join("&");
    if ("#" + text !== window.location.hash) history.replaceState(null, "", "#" + text);
  }

  // ---- activations ---------------------------------------------------------------------
  // The same formulas as plrep/activations.py (float64 both sides).
  function erf(x) {
    const ax = Math.abs(x);
    if (ax <= 3) {
      // Maclaurin series: terms peak near 170 at |x| = 3, so about 14 digits survive.
      let term = x, sum = x;
      for (let n = 1; n < 80 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
        term *= (-x * x) / n;
        sum += term / (2 * n + 1);
      }
      return (2 / Math.sqrt(Math.PI)) * sum;
    }
    // erfc by its continued fraction, evaluated backwards (converges fast for |x| > 3).
    let t = ax;
    for (let k = 80; k >= 1; k--) t = ax + k / 2 / t;
    const erfc = Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * t);
    return Math.sign(x) * (1 - erfc);
  }
  const sigmoid = (x) => 0.5 * (1 + Math.tanh(0.5 * x));
  const FIXED = {
    relu: (x) => Math.max(x, 0),
    abs: (x) => (x >= 0 ? x : -x),
    leaky_relu: (x) => (x >= 0 ? x : 0.01 * x),
    identity: (x) => x,
    elu: (x) => (x > 0 ? x : Math.expm1(Math.min(x, 0))),
    gelu: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
    silu: (x) => x * sigmoid(x),
    softplus: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
    tanh: Math.tanh,
    frelu: (x) => Math.min(x, 0),
    sigmoid: sigmoid,
  };
  function fromTable(table) {
    // Linear interpolation of plrep's samples (an activation without a formula here).
    const values = table.values, start = table.start, step = table.step, last = values.length - 1;
    return (x) => {
      const position = Math.min(Math.max((x - start) / step, 0), last);
      const index = Math.min(Math.floor(position), last - 1);
      const w = position - index;
      return values[index] * (1 - w) + values[index + 1] * w;
    };
  }
  const cache = new Map();
  function sigma(name) {
    if (cache.has(name)) return cache.get(name);
    const info = ACTIVATIONS.get(name);
    if (!info) throw new Error("unknown activation " + name);
    const [family, parameter] = name.split(":");
    let fn;
    if (info.table) fn = fromTable(info.table);
    else if (family === "prelu") {
      const slope = Number(parameter);
      fn = (x) => (x >= 0 ? x : slope * x);
    } else if (family === "pow") {
      const power = Number(parameter);
      fn = (x) => x ** power;
    } else fn = FIXED[name];
    if (!fn) throw new Error("no formula for activation " + name);
    cache.set(name, fn);
    return fn;
  }

  // One activation picker in the header drives every panel; PReLU has a slope slider.
  const PRELU = DATA.activations.map((info) => info.name).filter((name) => name.startsWith("prelu:"));
  function familyOf(name) {
    return name.startsWith("prelu:") ? "prelu" : name;
  }
  const listeners = [];
  function onChange(listener) {
    listeners.push(listener);
  }
  function changed(what) {
    writeHash();
    for (const listener of listeners) listener(what);
  }
  function setupActivationPicker() {
    const select = document.getElementById("activation");
    const slope = document.getElementById("slope");
    const slopeText = document.getElementById("slope-value");
    const seen = new Set();
    for (const info of DATA.activations) {
      const family = familyOf(info.name);
      if (seen.has(family)) continue;
      seen.add(family);
      const label = family === "prelu" ? "prelu (slope slider)" : family === "pow:2" ? "x² (pow:2)" : family === "pow:3" ? "x³ (pow:3)" : family;
      html("option", { value: family }, select, label);
    }
    slope.max = String(PRELU.length - 1);
    function apply() {
      const family = select.value;
      slope.disabled = family !== "prelu";
      document.getElementById("slope-box").classList.toggle("inactive", family !== "prelu");
      state.activation = family === "prelu" ? PRELU[Number(slope.value)] : family;
      slopeText.textContent = family === "prelu" ? state.activation.split(":")[1] : "—";
      document.getElementById("parity").textContent = ACTIVATIONS.get(state.activation).parity;
    }
    select.addEventListener("change", () => { apply(); changed("activation"); });
    slope.addEventListener("input", () => { apply(); changed("activation"); });
    return function restore(name) {
      if (!ACTIVATIONS.has(name)) name = "relu";
      const family = familyOf(name);
      select.value = family;
      if (family === "prelu") slope.value = String(PRELU.indexOf(name));
      apply();
    };
  }

  return { DATA, ACTIVATIONS, svg, html, clear, format, state, readHash, writeHash, sigma, erf, onChange, changed, setupActivationPicker, reportError };
})();
