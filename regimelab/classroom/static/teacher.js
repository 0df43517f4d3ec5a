// The teacher's dashboard: create and steer sessions; the server pushes every change (server-sent events).
"use strict";
(() => {
  const { api, el, number, percent, say } = Classroom;
  const token = new URLSearchParams(location.search).get("token") || "";
  const headers = { "X-Teacher-Token": token };
  const FIELDS = ["transparency", "false_alarm", "noise", "fine", "compensation", "enforcement_cost", "transaction_cost"];
  let current = null;
  let events = null;
  const $ = (id) => document.getElementById(id);

  function regimeRequest() {
    const preset = $("preset").value;
    if (preset) return { scenario: preset, variant: $("variant").value };
    const regime = {};
    const value = Number($("horizon-value").value);
    regime[$("horizon").value] = value;
    for (const field of FIELDS) regime[field] = Number($(field).value);
    return { regime };
  }

  function opponents() {
    const mode = $("mode").value;
    if (mode === "random") return { mode, pool: $("pool").value.split(",").map((s) => s.trim()).filter(Boolean) };
    return { mode, strategy: $("strategy").value.trim() };
  }

  async function loadPresets() {
    const options = await api("/api/sandbox/options", { headers });
    for (const scenario of options.scenarios) {
      $("preset").append(el("option", { value: scenario.name, text: scenario.title }));
    }
  }

  async function presetChanged() {
    const name = $("preset").value;
    $("custom").classList.toggle("hidden", Boolean(name));
    $("variant-label").classList.toggle("hidden", !name);
    if (!name) return;
    const scenario = await api(`/api/sandbox/scenario/${name}`, { headers });
    $("variant").replaceChildren(...scenario.regimes.map((r) =>
      el("option", { value: r.name, text: r.name, selected: r.name === scenario.default })));
  }

  async function create(event) {
    event.preventDefault();
    try {
      const reply = await api("/api/sessions", { method: "POST", headers,
        body: { ...regimeRequest(), opponents: opponents() } });
      await listSessions();
      open(reply.code);
      say(`Session ${reply.code} created.`);
    } catch (error) { say(error.message, true); }
  }

  async function listSessions() {
    const sessions = await api("/api/sessions", { headers });
    $("sessions").replaceChildren(...sessions.map((s) => el("li", {},
      el("a", { href: "#", text: `${s.code} (${s.status}, play ${s.play_round})`,
        onclick: (e) => { e.preventDefault(); open(s.code); } }))));
  }

  function open(code) {
    current = code;
    $("dashboard").classList.remove("hidden");
    $("switch").classList.remove("hidden");
    for (const table of ["pairs", "moves"]) {
      for (const format of ["csv", "parquet"]) {
        $(`export-${table}-${format}`).href = `/api/sessions/${code}/export/${table}.${format}?token=${encodeURIComponent(token)}`;
      }
    }
    if (events) events.close();
    events = new EventSource(`/api/sessions/${code}/events?token=${encodeURIComponent(token)}`);
    events.onmessage = (message) => render(JSON.parse(message.data));
  }

  async function steer(action, body = {}) {
    try { render(await api(`/api/sessions/${current}/${action}`, { method: "POST", headers, body })); say(""); }
    catch (error) { say(error.message, true); }
  }

  function render(view) {
    const s = view.session;
    $("join-code").textContent = s.code;
    const regime = s.regimes[s.regime_position];
    const who = s.opponents.mode === "random" ? `a random one of ${s.opponents.pool.join(", ")}`
      : s.opponents.mode === "student" ? `another student (or ${s.opponents.strategy})` : s.opponents.strategy;
    $("session-info").textContent = `${s.status}; play round ${s.play_round}; regime: ${regime.name}; opponents: ${who}; `
      + `${view.moves_stored} moves stored`;
    $("students").tBodies[0].replaceChildren(...view.students.map((row) => el("tr", {},
      el("td", { text: row.nickname }), el("td", { text: row.status }),
      el("td", { class: "num", text: row.rounds }), el("td", { class: "num", text: number(row.per_turn) }),
      el("td", { class: "num", text: percent(row.cooperation) }),
      el("td", { class: "num", text: row.matches_finished }))));
    $("regimes").replaceChildren(...view.regimes.map((row) => el("div", { class: "card" },
      el("strong", { text: `${row.position + 1}. ${row.name}` }),
      el("div", { class: "muted", text: `${row.matches} finished matches; class cooperation ${percent(row.class_cooperation)}` }),
      row.matches ? Classroom.bars([{ name: "the class", value: row.class_per_turn },
        ...row.strategies.map((x) => ({ name: x.name, value: x.per_turn }))]) : null)));
  }

  $("regime-form").addEventListener("submit", create);
  $("preset").addEventListener("change", presetChanged);
  $("switch").addEventListener("click", () => steer("next", regimeRequest()));
  $("next").addEventListener("click", () => steer("next"));
  $("close").addEventListener("click", () => steer("close"));
  $("sandbox-link").href = `/sandbox?token=${encodeURIComponent(token)}`;
  loadPresets().then(listSessions).catch((error) => say(error.message, true));
})();
