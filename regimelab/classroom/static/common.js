// Shared helpers of the classroom pages: the API, building elements, numbers.
"use strict";

const Classroom = {
  // JSON request; resolves to the parsed body, or throws an Error carrying the server's one-line reason.
  async api(path, { method = "GET", body, headers = {} } = {}) {
    const options = { method, headers: { ...headers } };
    if (body !== undefined) {
      options.body = JSON.stringify(body);
      options.headers["Content-Type"] = "application/json";
    }
    const response = await fetch(path, options);
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(data.error || `request failed (${response.status})`);
      error.status = response.status;
      throw error;
    }
    return data;
  },

  // An element with attributes (text: textContent, on*: listeners) and children.
  el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  },

  number(value, digits = 3) {
    if (value === null || value === undefined || Number.isNaN(value)) return "–";
    return Number(value).toFixed(digits);
  },

  percent(value) {
    return value === null || value === undefined ? "–" : `${Math.round(100 * value)}%`;
  },

  // A horizontal bar chart (one row per item) in a div; bars scale to the largest |value|.
  bars(items, { label = (d) => d.name, value = (d) => d.value, text = (d) => Classroom.number(value(d)) } = {}) {
    const top = Math.max(1e-9, ...items.map((d) => Math.abs(value(d))));
    return Classroom.el("div", { class: "bars" }, items.map((d) =>
      Classroom.el("div", { class: "bar-row" },
        Classroom.el("span", { class: "bar-label", text: label(d) }),
        Classroom.el("span", { class: "bar-track" },
          Classroom.el("span", { class: value(d) < 0 ? "bar negative" : "bar",
            style: `width:${(100 * Math.abs(value(d))) / top}%` })),
        Classroom.el("span", { class: "bar-value", text: text(d) }))));
  },

  // Show a one-line message (an error in red) in the element with id "message".
  say(text, isError = false) {
    const box = document.getElementById("message");
    if (!box) return;
    box.textContent = text || "";
    box.className = isError ? "message error" : "message";
  },
};
