// The sandbox: every control change asks the server for G', the thresholds, the tournament and the evolution.
"use strict";
(() => {
  const { api, el, number, say } = Classroom;
  const token = new URLSearchParams(location.search).get("token") || "";
  const headers = { "X-Teacher-Token": token };
  const $ = (id) => document.getElementById(id);
  // Slider ranges for a lecture (the server accepts the model's full ranges).
  const SLIDERS = {
    transparency: [0, 1, 0.01], false_alarm: [0, 0.5, 0.01], noise: [0, 0.2, 0.005], fine: [0, 10, 0.1],
    compensation: [0, 1, 0.05], enforcement_cost: [0, 3, 0.05], transaction_cost: [0, 2, 0.05],
  };
  const THRESHOLDS = { shadow: "w* (shadow)", transparency: "p* (transparency)", fine: "F* (fine, stage game)",
    fine_supergame: "F*sg (fine, super-game)" };
  const COLORS = ["#2c6db5", "#c0392b", "#2e8540", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b",
    "#1f3a93", "#e84393", "#6d4c41", "#00838f", "#558b2f", "#5d6d7e", "#a04000", "#4a148c"];
  let scenario = null;
  let pending = null;
  let asked = 0;

  function slider(parameter) {
    const [min, max, step] = SLIDERS[parameter.name];
    const input = el("input", { type: "range", id: parameter.name, min, max, step, value: parameter.default ?? 0,
      oninput: () => { output.textContent = input.value; changed(); } });
    const output = el("output", { id: `${parameter.name}-value`, text: input.value });
    return el("label", { title: `${parameter.help} (${parameter.lipson})` },
      `${parameter.name.replace("_", " ")} ${parameter.symbol}`, el("div", { class: "control" }, input, output));
  }

  function setSlider(name, value) {
    const input = $(name);
    if (!input) return;
    input.value = value;
    $(`${name}-value`).textContent = input.value;
  }

  function setHorizon(kind, value) {
    $("horizon").value = kind;
    const range = $("horizon-range");
    if (kind === "shadow") Object.assign(range, { min: 0, max: 0.99, step: 0.01 });
    else Object.assign(range, { min: 1, max: 500, step: 1 });
    range.value = value;
    $("horizon-value").textContent = range.value;
  }

  function request() {
    const regime = { [$("horizon").value]: Number($("horizon-range").value) };
    for (const name of Object.keys(SLIDERS)) regime[name] = Number($(name).value);
    const strategies = scenario ? [] : [...document.querySelectorAll("#strategies input:checked")].map((c) => c.value);
    return { regime, payoffs: ["R", "S", "T", "P"].map((k) => Number($(k).value)), strategies,
      scenario: scenario ? scenario.name : null,
      baseline: $("baseline").checked ? (scenario ? "scenario" : "null") : "none" };
  }

  function changed() {
    clearTimeout(pending);
    pending = setTimeout(evaluate, 120);
  }

  async function evaluate() {
    const ticket = ++asked;
    try {
      const data = await api("/api/sandbox/evaluate", { method: "POST", headers, body: request() });
      if (ticket === asked) { render(data); say(""); }
    } catch (error) { if (ticket === asked) say(error.message, true); }
  }

  function render(data) {
    renderGame(data.explain, data.baseline && data.baseline.explain);
    renderRanking(data.tournament, data.baseline && data.baseline.tournament);
    renderEvolution(data.evolution);
  }

  function withChange(value, base) {
    if (base === undefined || base === null || value === null) return number(value);
    const change = value - base;
    return `${number(value)} (${change >= 0 ? "+" : ""}${number(change)})`;
  }

  function renderGame(explain, base) {
    if (explain.error) { $("expected-game").replaceChildren(); $("game-class").textContent = explain.error; return; }
    const g = explain.game.expected;
    const b = base && !base.error ? base.game.expected : {};
    $("expected-game").replaceChildren(
      el("tr", {}, el("th", {}), el("th", { text: "they comply" }), el("th", { text: "they defect" })),
      el("tr", {}, el("th", { text: "you comply" }), el("td", { id: "g-R", text: withChange(g.R, b.R) }),
        el("td", { id: "g-S", text: withChange(g.S, b.S) })),
      el("tr", {}, el("th", { text: "you defect" }), el("td", { id: "g-T", text: withChange(g.T, b.T) }),
        el("td", { id: "g-P", text: withChange(g.P, b.P) })));
    const kind = explain.game.class.expected;
    const baseKind = base && !base.error ? ` (baseline: ${base.game.class.expected.replaceAll("_", " ")})` : "";
    $("game-class").replaceChildren(el("strong", { id: "class-name", text: kind.replaceAll("_", " ") }),
      baseKind, el("div", { class: "muted", text: explain.meanings[kind] || "" }));
    const bt = base && !base.error ? base.thresholds : {};
    $("thresholds").replaceChildren(...Object.entries(THRESHOLDS).map(([key, label]) => el("tr", {},
      el("th", { text: label }), el("td", { class: "num", id: `t-${key}`, text: withChange(explain.thresholds[key], bt[key]) }))));
  }

  function renderRanking(tournament, base) {
    if (tournament.error) { $("ranking").textContent = tournament.error; return; }
    $("engine").textContent = tournament.engine === "exact" ? "(exact engine)"
      : `(simulated, ${tournament.repetitions} repetitions, ±95% intervals)`;
    const before = {};
    if (base && base.ranking) base.ranking.forEach((row, i) => { before[row.name] = { ...row, rank: i + 1 }; });
    $("ranking").replaceChildren(Classroom.bars(tournament.ranking.map((row, i) => ({ ...row, rank: i + 1 })), {
      label: (d) => `${d.rank}. ${d.name}`,
      value: (d) => d.per_turn,
      text: (d) => {
        let text = number(d.per_turn) + (d.ci95 ? ` ±${number((d.ci95[1] - d.ci95[0]) / 2, 2)}` : "");
        if (before[d.name]) text += ` (was ${before[d.name].rank}.)`;
        return text;
      },
    }));
  }

  function renderEvolution(evolution) {
    if (!evolution) { $("evolution").replaceChildren(); return; }
    const width = 640, height = 220, left = 30, bottom = 20;
    const tMax = evolution.times[evolution.times.length - 1];
    const x = (t) => left + ((width - left - 10) * t) / tMax;
    const y = (s) => 5 + (height - bottom - 5) * (1 - s);
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", "100%");
    const add = (tag, attributes, text) => {
      const node = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
      if (text) node.textContent = text;
      svg.append(node);
    };
    add("line", { x1: left, y1: y(0), x2: width - 10, y2: y(0), stroke: "#999" });
    add("line", { x1: left, y1: y(0), x2: left, y2: y(1), stroke: "#999" });
    add("text", { x: 2, y: y(1) + 4 }, "1");
    add("text", { x: 2, y: y(0) }, "0");
    add("text", { x: width - 60, y: height - 4 }, `time ${tMax}`);
    evolution.names.forEach((name, i) => {
      const points = evolution.times.map((t, k) => `${x(t).toFixed(1)},${y(evolution.shares[k][i]).toFixed(1)}`);
      add("polyline", { points: points.join(" "), fill: "none", stroke: COLORS[i % COLORS.length], "stroke-width": 2 });
    });
    const legend = el("div", { class: "muted" }, evolution.names.map((name, i) =>
      el("span", { style: `color:${COLORS[i % COLORS.length]};margin-right:1rem` },
        `■ ${name} ${Math.round(100 * evolution.final[name])}%`)));
    $("evolution").replaceChildren(svg, legend);
  }

  async function chooseScenario() {
    const name = $("scenario").value;
    $("variant-label").classList.toggle("hidden", !name);
    $("strategies-box").classList.toggle("hidden", Boolean(name));
    $("story").classList.toggle("hidden", !name);
    scenario = name ? await api(`/api/sandbox/scenario/${name}`, { headers }) : null;
    if (scenario) {
      $("variant").replaceChildren(...scenario.regimes.map((r) =>
        el("option", { value: r.name, text: `${r.name}${r.description ? ": " + r.description : ""}`, selected: r.name === scenario.default })));
      $("story-title").textContent = scenario.title;
      $("story-text").textContent = `${scenario.summary}\n\n${scenario.narrative}`;
      $("story-sources").replaceChildren("Sources: ", ...scenario.sources.map((s) => el("div", { text: `${s.key}${s.section ? ", " + s.section : ""}: "${s.quote}"${s.note ? " (" + s.note + ")" : ""}` })),
        el("div", { text: `Players: ${scenario.players.map((p) => p.count > 1 ? `${p.strategy} ×${p.count}` : p.strategy).join(", ")}` }));
      applyVariant();
    }
    changed();
  }

  function applyVariant() {
    const variant = scenario.regimes.find((r) => r.name === $("variant").value);
    const values = variant.regime;
    if (values.shadow !== null && values.shadow !== undefined) setHorizon("shadow", values.shadow);
    else setHorizon("turns", values.turns);
    for (const name of Object.keys(SLIDERS)) setSlider(name, values[name]);
    ["R", "S", "T", "P"].forEach((k) => { $(k).value = variant.game[k]; });
  }

  function addStrategy(name, checked) {
    if ([...document.querySelectorAll("#strategies input")].some((c) => c.value === name)) return;
    $("strategies").append(el("label", {}, el("input", { type: "checkbox", value: name, checked, onchange: changed }), ` ${name}`));
  }

  async function start() {
    const options = await api("/api/sandbox/options", { headers });
    $("sliders").replaceChildren(...options.parameters.filter((p) => SLIDERS[p.name]).map(slider));
    options.default_strategies.forEach((name) => addStrategy(name, name !== "Random"));
    $("exact-strategies").replaceChildren(...options.exact_strategies.map((name) => el("option", { value: name })));
    options.scenarios.forEach((s) => $("scenario").append(el("option", { value: s.name, text: s.title })));
    $("horizon-range").addEventListener("input", () => { $("horizon-value").textContent = $("horizon-range").value; changed(); });
    $("horizon").addEventListener("change", () => { setHorizon($("horizon").value, $("horizon").value === "shadow" ? 0.9 : 50); changed(); });
    ["R", "S", "T", "P"].forEach((k) => $(k).addEventListener("input", changed));
    $("baseline").addEventListener("change", changed);
    $("scenario").addEventListener("change", chooseScenario);
    $("variant").addEventListener("change", () => { applyVariant(); changed(); });
    $("add-strategy").addEventListener("change", () => { addStrategy($("add-strategy").value, true); $("add-strategy").value = ""; changed(); });
    changed();
  }

  start().catch((error) => say(error.message, true));
})();
