// Start-up: restore the state from the URL hash, build the panels, switch tabs.
"use strict";

(function () {
  const { state, readHash, writeHash, onChange, changed } = PLREP;
  const PANELS = ["graphs", "maps", "spectra", "model"];
  const KNOWN = new Set(["panel", "activation", "group", "label", "focus", "n", "source", "target", "point", "sn", "rest", "snpoint", "amp", "bias", "report", "layer", "input", "steps", "margin", "mvertex", "selftest"]);
  const hash = readHash();
  const models = PLREP.DATA.models || [];
  const restoreActivation = PLREP.setupActivationPicker();
  // A report that names its activation (a case study) opens with it, unless the URL says otherwise.
  const report = models.find((m) => m.label === hash.report) || models[0];
  restoreActivation(hash.activation || (report && report.activation) || "relu");
  const unknown = Object.keys(hash).filter((key) => !KNOWN.has(key));
  if (unknown.length) PLREP.notice(`The URL holds ${unknown.map((k) => `“${k}”`).join(", ")}, which this page does not know; ignored.`);
  if (hash.panel !== undefined && !PANELS.includes(hash.panel)) PLREP.notice(`The URL asks for panel “${hash.panel}”, which this page does not have; showing the graphs.`);
  if (hash.panel === "model" && !models.length) PLREP.notice("The URL asks for the Model panel, but this page holds no report (plrep explore --report REPORT.json); showing the graphs.");
  state.panel = PANELS.includes(hash.panel) && (hash.panel !== "model" || models.length) ? hash.panel : "graphs";
  function showPanel() {
    for (const name of PANELS) {
      document.getElementById("panel-" + name).hidden = name !== state.panel;
      document.getElementById("tab-" + name).classList.toggle("active", name === state.panel);
    }
  }
  for (const name of PANELS) {
    document.getElementById("tab-" + name).addEventListener("click", () => { state.panel = name; changed("panel"); });
  }
  onChange((what) => { if (what === "panel") showPanel(); });
  showPanel();
  // Each panel draws even while hidden, so switching tabs is instant and the tests see all three.
  PLREP.graphs.setup(hash);
  PLREP.maps.setup(hash);
  PLREP.spectra.setup(hash);
  PLREP.model.setup(hash);
  PLREP.graphs.refreshLinked();
  writeHash();
  if (hash.selftest) {
    // For the browser tests: sigma as this page computes it, at fixed points, for every activation.
    const xs = [-4.5, -2, -0.7, -0.01, 0, 0.3, 1, 2.5, 4.5];
    const values = {};
    for (const info of PLREP.DATA.activations) values[info.name] = xs.map((x) => PLREP.sigma(info.name)(x));
    PLREP.html("pre", { id: "selftest", hidden: "" }, document.body, JSON.stringify({ xs, values }));
  }
  window.addEventListener("hashchange", () => window.location.reload());
  document.body.dataset.ready = "true";
})();
