// Start-up: restore the state from the URL hash, build the panels, switch tabs.
"use strict";

(function () {
  const { state, readHash, writeHash, onChange, changed } = PLREP;
  const PANELS = ["graphs", "maps", "spectra"];
  const hash = readHash();
  const restoreActivation = PLREP.setupActivationPicker();
  restoreActivation(hash.activation || "relu");
  state.panel = PANELS.includes(hash.panel) ? hash.panel : "graphs";
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
