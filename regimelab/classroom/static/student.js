// The student's page: join with a code and a nickname, then play rounds; the server decides everything.
"use strict";
(() => {
  const { api, el, number, percent, say } = Classroom;
  const STORAGE = "regimelab-student";
  let token = null;
  let state = null;
  let events = null;
  let sending = false;

  const headers = () => ({ "X-Student-Token": token });

  function remember(value) {
    token = value;
    if (value) localStorage.setItem(STORAGE, value); else localStorage.removeItem(STORAGE);
  }

  async function join(event) {
    event.preventDefault();
    try {
      const reply = await api("/api/join", { method: "POST",
        body: { code: document.getElementById("code").value, nickname: document.getElementById("nickname").value } });
      remember(reply.token);
      await start();
    } catch (error) { say(error.message, true); }
  }

  async function start() {
    try {
      render(await api("/api/me", { headers: headers() }));
    } catch (error) {
      if (error.status === 401) { remember(null); showJoin(); return; }
      say(error.message, true);
      return;
    }
    if (events) events.close();
    // The server pushes a new view whenever the match or the session changes (the partner moved, a new round).
    events = new EventSource(`/api/me/events?token=${encodeURIComponent(token)}`);
    events.onmessage = (message) => render(JSON.parse(message.data));
  }

  function showJoin() {
    document.getElementById("join").classList.remove("hidden");
    document.getElementById("play").classList.add("hidden");
  }

  async function move(choice) {
    if (sending || !state || !state.match) return;
    sending = true;
    try {
      render(await api("/api/me/move", { method: "POST", headers: headers(),
        body: { move: choice, round: state.match.rounds_played } }));
      say("");
    } catch (error) { say(error.message, true); } finally { sending = false; }
  }

  async function playComputer() {
    try { render(await api("/api/me/computer", { method: "POST", headers: headers(), body: {} })); }
    catch (error) { say(error.message, true); }
  }

  function render(view) {
    state = view;
    document.getElementById("join").classList.add("hidden");
    document.getElementById("play").classList.remove("hidden");
    document.getElementById("hello").textContent = `${view.nickname}: session ${view.session.code}, play ${view.session.play_round}`;
    const rules = view.rules;
    document.getElementById("rules").textContent = rules.horizon;
    document.getElementById("monitoring").textContent = rules.perfect_monitoring
      ? "You see what your partner did."
      : "You see only your partner's signal: a defection may go unseen, and a compliance may look like a defection. "
        + "Your score from the game itself is told at the end.";
    document.getElementById("payoff-rules").textContent = payoffRules(view);
    renderTurn(view);
    renderHistory(view);
    renderResult(view);
  }

  function payoffRules(view) {
    const [R, S, T, P] = view.payoffs;
    const v = view.rules.values;
    const parts = [`Both comply: ${R} each. You comply, they defect: ${S}. You defect, they comply: ${T}. Both defect: ${P}.`];
    if (v.fine) parts.push(`A move signalled as a defection is fined ${v.fine}` + (v.compensation ? `, ${v.compensation * 100}% of it paid to the victim.` : "."));
    if (v.enforcement_cost) parts.push(`Enforcing costs the victim ${v.enforcement_cost}.`);
    if (v.transaction_cost) parts.push(`Complying costs ${v.transaction_cost}.`);
    if (v.noise) parts.push(`With probability ${v.noise} a move comes out the other way.`);
    return parts.join(" ");
  }

  function renderTurn(view) {
    const match = view.match;
    const status = document.getElementById("status");
    const buttons = document.getElementById("buttons");
    const computer = document.getElementById("computer");
    computer.classList.add("hidden");
    let text = "";
    let canMove = false;
    if (view.session.status !== "open") text = "The session is closed. Thank you for playing!";
    else if (!match) text = "Waiting for the teacher.";
    else if (match.status === "waiting") { text = "Waiting for a partner…"; computer.classList.remove("hidden"); }
    else if (match.status === "finished") text = "The match is over. Wait for the teacher to start the next round.";
    else if (match.status === "stopped") text = "The teacher stopped this match. Wait for the next round.";
    else if (match.waiting_for_partner) text = "Your move is in. Waiting for your partner…";
    else {
      canMove = true;
      text = match.length ? `Round ${match.rounds_played + 1} of ${match.length}: your move.` : "Your move.";
    }
    status.textContent = text;
    buttons.classList.toggle("hidden", !canMove);
  }

  const signal = (s) => el("span", { class: `signal-${s}`, text: s === "d" ? "defect" : "comply" });

  function renderHistory(view) {
    const table = document.getElementById("history");
    const match = view.match;
    const perfect = view.rules.perfect_monitoring;
    table.tHead.replaceChildren(el("tr", {},
      el("th", { text: "you chose" }), el("th", { text: "you played" }),
      el("th", { text: perfect ? "they played" : "their signal" }),
      perfect ? null : el("th", { text: "your signal" }),
      el("th", { class: "num", text: perfect ? "payoff" : "fines, compensation, costs" })));
    const rows = (match ? match.history : []).map((r) => el("tr", {},
      el("td", { text: r.you_chose === "C" ? "comply" : "defect" }),
      el("td", { text: r.you_played === "C" ? "comply" : "defect" }),
      el("td", {}, signal(r.their_signal)),
      perfect ? null : el("td", {}, signal(r.your_signal)),
      el("td", { class: "num", text: number(perfect ? r.payoff : r.regime_part, 2) })));
    table.tBodies[0].replaceChildren(...rows.reverse());
  }

  function renderResult(view) {
    const box = document.getElementById("result");
    const result = view.match && view.match.result;
    if (!result) { box.classList.add("hidden"); return; }
    box.classList.remove("hidden");
    const compared = [{ name: `You (${view.nickname})`, per_turn: result.per_turn }, ...result.comparison];
    const how = result.comparison_kind === "strategy"
      ? `Each strategy's expected score per round against ${result.opponent} under these rules`
      : `Each strategy's score per round in the same match against ${result.opponent}'s moves (same draws)`;
    box.replaceChildren(
      el("h2", { text: "Your result" }),
      el("p", { id: "score", text: `Score ${number(result.score, 2)} over ${view.match.rounds_played} rounds `
        + `(${number(result.per_turn)} per round); you complied ${percent(result.cooperation)} of the time. `
        + `Your partner was ${result.opponent}.` }),
      result.comparison.length ? el("p", { class: "muted", text: `${how}, had it played in your place:` }) : null,
      result.comparison.length ? Classroom.bars(compared, { value: (d) => d.per_turn,
        text: (d) => number(d.per_turn) + (d.ci95 ? ` ±${number((d.ci95[1] - d.ci95[0]) / 2, 2)}` : "") }) : null);
  }

  document.getElementById("join-form").addEventListener("submit", join);
  document.getElementById("comply").addEventListener("click", () => move("C"));
  document.getElementById("defect").addEventListener("click", () => move("D"));
  document.getElementById("computer").addEventListener("click", playComputer);
  const code = new URLSearchParams(location.search).get("code");
  if (code) document.getElementById("code").value = code;
  remember(localStorage.getItem(STORAGE));
  if (token) start(); else showJoin();
})();
