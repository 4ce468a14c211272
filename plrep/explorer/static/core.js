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
  // Most changes replace the history entry; a new group, panel or report pushes one, so the
  // browser's Back button undoes it (the page reloads the old hash: "hashchange" in main.js).
  const PUSHED = new Set(["group", "panel", "report"]);
  function writeHash(what) {
    const text = Object.entries(state)
      .filter(([, value]) => value !== undefined && value !== "")
      .map(([key, value]) => key + "=" + value)
      .join("&");
    if ("#" + text === window.location.hash) return;
    if (PUSHED.has(what)) history.pushState(null, "", "#" + text);
    else history.replaceState(null, "", "#" + text);
  }
  // What the URL asked for and this page could not show: said on the page, never silently dropped.
  const notices = [];
  function notice(message) {
    notices.push(String(message));
    const box = document.getElementById("notice");
    if (box) {
      box.hidden = false;
      box.textContent = notices.join("\n");
      box.dataset.count = String(notices.length);
    }
  }

  // ---- activations ---------------------------------------------------------------------
  // The same functions as plrep/activations.py, written so that each keeps its relative accuracy
  // in the tails (tests: page, library and mpmath agree on [-50, 50]).
  const SQRT_PI = Math.sqrt(Math.PI);
  // erfc(x) for x >= 0.5 by the exponentially convergent series of Chiarella and Reichel (1968)
  // with step h = 1/2: erfc(x) = (2 h x e^{-x^2} / pi) (1 / (2 x^2) + sum_n e^{-n^2 h^2} / (n^2 h^2 + x^2))
  // + 2 / (1 - e^{2 pi x / h}) (the pole term, needed only for x < pi / h); truncation error
  // ~ e^{-pi^2 / h^2} ~ 7e-18, 13 terms suffice. What remains is e^{-x^2} amplifying the rounding
  // of x^2: ~6e-14 relative at x = 26, where erfc nears the end of float64.
  function erfcLarge(x) {
    const h = 0.5, x2 = x * x;
    let sum = 1 / (2 * x2);
    for (let n = 1; n <= 13; n++) sum += Math.exp(-n * n * h * h) / (n * n * h * h + x2);
    const pole = x < Math.PI / h ? 2 / (1 - Math.exp((2 * Math.PI * x) / h)) : 0;
    return ((2 * h * x * Math.exp(-x2)) / Math.PI) * sum + pole;
  }
  function erfSmall(x) {
    // Maclaurin series for |x| < 0.5: terms fall by x^2 / n, no cancellation to speak of.
    let term = x, sum = x;
    for (let n = 1; n < 40 && Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / SQRT_PI) * sum;
  }
  function erfc(x) {
    if (Number.isNaN(x)) return NaN;
    if (Math.abs(x) < 0.5) return 1 - erfSmall(x);
    return x > 0 ? erfcLarge(x) : 2 - erfcLarge(-x);
  }
  function erf(x) {
    if (Math.abs(x) < 0.5) return erfSmall(x);
    return Math.sign(x) * (1 - erfcLarge(Math.abs(x)));
  }
  // 1 / (1 + e^{-x}) with e^{-|x|} only: no overflow, full relative accuracy for x << 0.
  function sigmoid(x) {
    const e = Math.exp(-Math.abs(x));
    return x >= 0 ? 1 / (1 + e) : e / (1 + e);
  }
  // The authors' sawtooth (plrep.activations._sawtooth): kinks at -3, 0, 3, unbounded beyond.
  function sawtooth(x) {
    return x < -3 ? -x - 3 : x < 0 ? x + 3 : x < 3 ? 3 - 2 * x : 0.5 * x - 4.5;
  }
  const FIXED = {
    relu: (x) => Math.max(x, 0),
    abs: (x) => (x >= 0 ? x : -x),
    leaky_relu: (x) => (x >= 0 ? x : 0.01 * x),
    identity: (x) => x,
    elu: (x) => (x > 0 ? x : Math.expm1(Math.min(x, 0))),
    gelu: (x) => 0.5 * x * erfc(-x / Math.SQRT2), // not 1 + erf: that cancels for x << 0
    silu: (x) => x * sigmoid(x),
    softplus: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
    tanh: Math.tanh,
    frelu: (x) => Math.min(x, 0),
    sigmoid: sigmoid,
    sawtooth: sawtooth,
  };
  function fromTable(table) {
    // Linear interpolation of plrep's samples (an activation without a formula here). Outside
    // the sampled range there is no value: NaN, and the page says so once.
    const values = table.values, start = table.start, step = table.step, last = values.length - 1;
    let warned = false;
    return (x) => {
      const position = (x - start) / step;
      if (!(position >= 0 && position <= last)) {
        if (!warned) { warned = true; notice(`σ is sampled on [${start}, ${start + step * last}] only: no value at ${x} (shown as NaN).`); }
        return NaN;
      }
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
    writeHash(what);
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
      if (!ACTIVATIONS.has(name)) {
        if (name !== undefined && name !== "relu") notice(`The URL asks for activation “${name}”, which this page does not offer; showing relu.`);
        name = "relu";
      }
      const family = familyOf(name);
      select.value = family;
      if (family === "prelu") slope.value = String(PRELU.indexOf(name));
      apply();
    };
  }

  return { DATA, ACTIVATIONS, svg, html, clear, format, state, readHash, writeHash, sigma, erf, erfc, onChange, changed, setupActivationPicker, reportError, notice };
})();
