// zhiku web UI: a little vanilla JS over the JSON API. Document text is always set with
// textContent (never innerHTML), and links are built from ids and numbers only.
"use strict";

const T = JSON.parse(document.getElementById("ui-strings").textContent);

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function citeHref(c) {
  // A citation of the page's metadata (author, translator, date ...) has offsets into its
  // metadata passage, not into the clean text: link to the document without a highlight.
  if (c.field) return "/documents/" + encodeURIComponent(c.doc_id);
  return "/documents/" + encodeURIComponent(c.doc_id) +
    "?start=" + Number(c.start) + "&end=" + Number(c.end) + "#cited";
}

async function errorMessage(response) {
  try {
    const body = await response.json();
    return body.error ? body.error.message : response.statusText;
  } catch (_) {
    return response.status + " " + response.statusText;
  }
}

// ---- Ask: stream the answer from POST /api/ask?stream=true ----
// Extractive: sources, sentence..., done. With the LLM: sources (the passages it reads),
// delta... (its draft, shown as it arrives), then the verified answer: sources, sentence..., done.
// The answer section gets data-mode="llm" or "extractive" when done: two sources events mean
// the LLM wrote it (the first even when the evidence gate abstains before the model runs).

function parseEvents(buffer) {
  const events = [];
  const blocks = buffer.replace(/\r\n/g, "\n").split("\n\n");
  const rest = blocks.pop();
  for (const block of blocks) {
    let name = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) name = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (data.length) events.push({ name, data: JSON.parse(data.join("\n")) });
  }
  return { events, rest };
}

function renderSources(section, citations) {
  const list = el("ol", { class: "sources" });
  for (const c of citations) {
    const item = el("li", { id: "source-" + Number(c.number) });
    item.appendChild(el("a", { href: citeHref(c) }, c.title));
    item.appendChild(document.createTextNode(" "));
    item.appendChild(el("span", { class: "muted" }, `${c.source} · ${T.chars} ${c.start}–${c.end}`));
    item.appendChild(el("blockquote", {}, c.text));
    list.appendChild(item);
  }
  section.appendChild(el("h2", {}, T.sources));
  section.appendChild(list);
}

function renderSentence(textBox, sentence, citations) {
  const support = `${T.support} ${Number(sentence.support).toFixed(2)}`;
  textBox.appendChild(el("span", { class: "sentence", "data-status": String(sentence.status), title: support }, sentence.text));
  for (const n of sentence.citations) {
    const c = citations.find((x) => x.number === n);
    if (!c) continue;
    const link = el("a", { class: "cite", href: citeHref(c), "data-number": String(Number(n)), title: c.title }, `[${Number(n)}]`);
    textBox.appendChild(link);
  }
  textBox.appendChild(document.createTextNode(" "));
}

function renderRemoved(section, removed) {
  if (!removed || !removed.length) return;
  const box = el("div", { class: "removed" });
  box.appendChild(el("h3", {}, T.removed_heading));
  const list = el("ul");
  for (const s of removed) {
    const item = el("li");
    item.appendChild(el("del", { "data-status": String(s.status) }, s.text));
    item.appendChild(el("span", { class: "muted" }, ` ${T.support} ${Number(s.support).toFixed(2)}`));
    list.appendChild(item);
  }
  box.appendChild(list);
  section.appendChild(box);
}

function renderDone(section, textBox, answer, citations, generated) {
  if (answer.abstained) {
    textBox.remove();
    const box = el("div", { class: "abstained", "data-abstained": "true" });
    box.appendChild(el("strong", {}, T.abstained));
    box.appendChild(document.createTextNode(" "));
    box.appendChild(el("span", { class: "reason" }, answer.reason));
    section.appendChild(box);
  }
  if (generated) section.appendChild(el("p", { class: "muted answer-mode", "data-mode": "llm" }, T.generated_label));
  if (!answer.abstained && answer.reason) {
    section.appendChild(el("p", { class: "muted answer-reason" }, answer.reason));
  }
  renderRemoved(section, answer.removed);
  if (!answer.abstained) renderSources(section, citations);
}

async function ask(question) {
  const section = document.getElementById("answer");
  const status = document.getElementById("ask-status");
  section.replaceChildren();
  delete section.dataset.mode;
  status.hidden = false;
  status.textContent = T.asking;
  const textBox = el("div", { class: "answer-text" });
  let citations = [];
  let draft = null;
  let sourcesEvents = 0;
  try {
    const response = await fetch("/api/ask?stream=true", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ question }),
    });
    if (!response.ok) throw new Error(await errorMessage(response));
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const parsed = parseEvents(buffer);
      buffer = parsed.rest;
      for (const event of parsed.events) {
        if (event.name === "sources") {
          // a second sources event: the verified answer replaces the draft
          citations = event.data.citations;
          sourcesEvents += 1;
          if (draft) { draft.remove(); draft = null; status.textContent = T.asking; }
        } else if (event.name === "delta") {
          if (!draft) {
            draft = el("div", { class: "answer-text draft", "data-state": "draft" });
            draft.appendChild(el("p", { class: "muted" }, T.draft_label));
            draft.appendChild(el("p", { class: "draft-text" }));
            section.appendChild(draft);
            status.textContent = T.drafting;
          }
          draft.lastChild.textContent += event.data.text;
        } else if (event.name === "sentence") {
          if (!textBox.isConnected) section.appendChild(textBox);
          renderSentence(textBox, event.data, citations);
        } else if (event.name === "done") {
          const generated = sourcesEvents > 1;
          renderDone(section, textBox, event.data, citations, generated);
          section.dataset.mode = generated ? "llm" : "extractive";
          section.dataset.state = "done";
        } else if (event.name === "error") {
          throw new Error(event.data.error.message);
        }
      }
    }
    status.hidden = true;
  } catch (error) {
    status.hidden = false;
    status.textContent = `${T.error}: ${error.message}`;
    section.dataset.state = "error";
  }
}

function setupAsk() {
  const form = document.getElementById("ask-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = document.getElementById("ask-input").value.trim();
    if (!question) return;
    history.replaceState(null, "", "/?q=" + encodeURIComponent(question));
    ask(question);
  });
}

// ---- Library: upload (drag and drop or picker), URLs, job progress, delete ----

function showProgress(done, total, text) {
  document.getElementById("progress").hidden = false;
  const bar = document.getElementById("progress-bar");
  bar.max = Math.max(total, 1);
  bar.value = done;
  document.getElementById("progress-text").textContent = text;
}

async function followJob(job) {
  for (;;) {
    const p = job.progress;
    showProgress(p.done, p.total, `${T.ingesting} ${p.done}/${p.total} ${p.current || ""}`);
    if (job.status === "done" || job.status === "failed") break;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const response = await fetch("/api/jobs/" + encodeURIComponent(job.id));
    if (!response.ok) throw new Error(await errorMessage(response));
    job = await response.json();
  }
  const results = document.getElementById("progress-results");
  results.replaceChildren();
  for (const r of job.results) {
    const item = el("li", { class: "result-" + r.status });
    item.appendChild(el("strong", {}, T["status_" + r.status] || r.status));
    item.appendChild(document.createTextNode(" "));
    if (r.doc_id) item.appendChild(el("a", { href: "/documents/" + encodeURIComponent(r.doc_id) }, r.title || r.origin));
    else item.appendChild(el("span", {}, r.origin));
    if (r.reason) item.appendChild(el("span", { class: "muted" }, " — " + r.reason));
    results.appendChild(item);
  }
  const failed = job.status === "failed";
  showProgress(job.progress.total, job.progress.total,
    failed ? `${T.ingest_failed}: ${job.error ? job.error.message : ""}` : T.ingest_done);
  document.getElementById("progress").dataset.state = job.status;
}

function upload(files) {
  if (!files.length) return;
  const form = new FormData();
  for (const file of files) form.append("files", file, file.name);
  const request = new XMLHttpRequest();
  request.open("POST", "/api/documents");
  request.responseType = "json";
  request.upload.onprogress = (event) => {
    if (event.lengthComputable) showProgress(event.loaded, event.total, T.uploading);
  };
  request.onload = () => {
    const body = request.response || {};
    if (request.status === 202) followJob(body.job).catch((e) => showProgress(0, 1, `${T.error}: ${e.message}`));
    else showProgress(0, 1, `${T.error}: ${body.error ? body.error.message : request.status}`);
  };
  request.onerror = () => showProgress(0, 1, `${T.error}: network`);
  showProgress(0, 1, T.uploading);
  request.send(form);
}

function setupLibrary() {
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("file-input");
  input.addEventListener("change", () => upload(input.files));
  for (const name of ["dragenter", "dragover"]) {
    zone.addEventListener(name, (event) => { event.preventDefault(); zone.classList.add("over"); });
  }
  for (const name of ["dragleave", "drop"]) {
    zone.addEventListener(name, () => zone.classList.remove("over"));
  }
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    upload(event.dataTransfer.files);
  });
  document.getElementById("url-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const url = document.getElementById("url-input").value.trim();
    if (!url) return;
    const response = await fetch("/api/documents/urls", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ urls: [url] }),
    });
    const body = await response.json();
    if (response.status === 202) followJob(body.job);
    else showProgress(0, 1, `${T.error}: ${body.error.message}`);
  });
}

function setupDelete() {
  for (const button of document.querySelectorAll("button.delete")) {
    button.addEventListener("click", async () => {
      if (!confirm(T.confirm_delete)) return;
      const response = await fetch("/api/documents/" + encodeURIComponent(button.dataset.docId), { method: "DELETE" });
      if (!response.ok) { alert(await errorMessage(response)); return; }
      if (button.dataset.after) location.assign(button.dataset.after);
      else button.closest("tr").remove();
    });
  }
}

// ---- Document: bring the cited span into view ----

function showCited() {
  const cited = document.getElementById("cited");
  if (!cited) return;
  cited.scrollIntoView({ block: "center" });
  cited.focus({ preventScroll: true });
}

document.addEventListener("DOMContentLoaded", () => {
  const page = document.body.dataset.page;
  if (page === "ask") setupAsk();
  if (page === "library") setupLibrary();
  if (page === "document") showCited();
  setupDelete();
});
