// The browser page: SPARQL editor, template forms. No library, no network beyond this server.
"use strict";

const BASE = "https://w3id.org/allegiance/";
const JSON_RESULTS = "application/sparql-results+json";

function link(iri) {
  const a = document.createElement("a");
  a.href = iri.startsWith(BASE) ? "/" + iri.slice(BASE.length) : iri;
  a.textContent = iri.startsWith(BASE) ? iri.slice(BASE.length) : iri;
  return a;
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") td.appendChild(link(term.value));
  else td.textContent = term.type === "bnode" ? "_:" + term.value : term.value;
  return td;
}

function render(target, data) {
  target.replaceChildren();
  if ("boolean" in data) {
    target.textContent = data.boolean ? "true" : "false";
    return;
  }
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const name of data.head.vars) {
    const th = document.createElement("th");
    th.textContent = name;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const binding of data.results.bindings) {
    const row = body.insertRow();
    for (const name of data.head.vars) row.appendChild(cell(binding[name]));
  }
  const count = document.createElement("p");
  count.textContent = data.results.bindings.length + " rows";
  target.append(count, table);
}

async function show(target, response) {
  const text = await response.text();
  if (!response.ok) {
    target.replaceChildren();
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = text;
    target.appendChild(p);
    return;
  }
  try {
    render(target, JSON.parse(text));
  } catch (error) {
    const pre = document.createElement("pre");
    pre.textContent = text;
    target.replaceChildren(pre);
  }
}

async function runSparql(event) {
  event.preventDefault();
  const status = document.getElementById("status");
  status.textContent = "running…";
  const started = performance.now();
  const response = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded",
               "Accept": JSON_RESULTS + ", text/turtle;q=0.5" },
    body: new URLSearchParams({ query: document.getElementById("query").value }),
  });
  status.textContent = response.status + " in " + Math.round(performance.now() - started) + " ms";
  await show(document.getElementById("results"), response);
}

function field(parameter) {
  const label = document.createElement("label");
  label.append(parameter.name + (parameter.required ? " *" : "") + " ");
  let input;
  if (parameter.choices.length) {
    input = document.createElement("select");
    if (!parameter.required) input.appendChild(new Option("(any)", ""));
    for (const choice of parameter.choices) input.appendChild(new Option(choice, choice));
  } else {
    input = document.createElement("input");
    input.placeholder = parameter.type;
    input.required = parameter.required;
  }
  input.name = parameter.name;
  label.appendChild(input);
  return label;
}

function templateForm(template) {
  const details = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = template.name + ": " + template.summary;
  const form = document.createElement("form");
  const fields = document.createElement("fieldset");
  for (const parameter of template.parameters) fields.appendChild(field(parameter));
  const button = document.createElement("button");
  button.type = "submit";
  button.textContent = "Ask";
  form.append(fields, button);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value !== "") params.append(key, value);
    const response = await fetch(template.path + "?" + params, {
      headers: { "Accept": JSON_RESULTS } });
    await show(document.getElementById("template-results"), response);
  });
  details.append(summary, form);
  return details;
}

async function loadTemplates() {
  const target = document.getElementById("template-forms");
  const response = await fetch("/api", { headers: { "Accept": "application/json" } });
  if (!response.ok) {
    target.textContent = "The template catalogue could not be loaded.";
    return;
  }
  for (const template of await response.json()) target.appendChild(templateForm(template));
}

document.getElementById("sparql-form").addEventListener("submit", runSparql);
loadTemplates();
