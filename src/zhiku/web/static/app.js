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

// Reasons and verifier notes arrive in English from the pipeline; say them in the UI language
// with the same pattern table the server uses (i18n.REASON_PATTERNS).
const REASONS = T.reason_patterns.map(([pattern, key]) => [new RegExp(pattern), key]);

function localizeReason(reason) {
  if (!reason) return "";
  const parts = reason.split("; ").map((part) => {
    for (const [pattern, key] of REASONS) {
      const found = part.match(pattern);
      if (found && T[key]) return T[key].replace(/\{(\d)\}/g, (_, i) => found[Number(i) + 1]);
    }
    return part;
  });
  return parts.join(document.documentElement.lang.startsWith("zh") ? "；" : "; ");
}

// A stored date as the UI writes it (the twin of pages.local_date): 2024年5月3日 / 3 May 2024.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function localDate(value) {
  const found = /(\d{4})\s*[-/年.]\s*(\d{1,2})(?:\s*[-/月.]\s*(\d{1,2}))?/.exec(value || "");
  if (!found || Number(found[2]) < 1 || Number(found[2]) > 12) return (value || "").trim();
  const [year, month, day] = [found[1], Number(found[2]), found[3] ? Number(found[3]) : null];
  if (document.documentElement.lang.startsWith("zh")) return `${year}年${month}月` + (day ? `${day}日` : "");
  return day ? `${day} ${MONTHS[month - 1]} ${year}` : `${MONTHS[month - 1]} ${year}`;
}

function cardDate(c) {
  if (c.published) return `${T.published_on} ${localDate(c.published)}`;
  if (c.added_at) return `${T.added_on} ${localDate(c.added_at)}`;
  return "";
}

function renderSources(body, citations) {
  const list = el("ol", { class: "sources" });
  for (const c of citations) {
    const item = el("li", { class: "source-card", "data-number": String(Number(c.number)) });
    const link = el("a", { class: "card-link", href: citeHref(c) });
    link.appendChild(el("span", { class: "card-n" }, Number(c.number)));
    link.appendChild(el("span", { class: "card-title" }, c.title));
    item.appendChild(link);
    const meta = el("span", { class: "card-meta" }, c.source);
    const when = cardDate(c);
    if (when) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", { class: "card-date" }, when));
    }
    item.appendChild(meta);
    item.appendChild(el("p", { class: "card-snippet" }, c.text));
    list.appendChild(item);
  }
  body.appendChild(el("h2", { class: "sources-title" }, T.sources));
  body.appendChild(list);
}

function renderSentence(textBox, sentence, citations) {
  textBox.appendChild(el("span", { class: "sentence", "data-status": String(sentence.status) }, sentence.text));
  for (const n of sentence.citations) {
    const c = citations.find((x) => x.number === n);
    if (!c) continue;
    textBox.appendChild(el("a", {
      class: "cite", href: citeHref(c), "data-number": String(Number(n)),
      "aria-label": `${T.sources} ${Number(n)}: ${c.title}`,
    }, `[${Number(n)}]`));
  }
  textBox.appendChild(document.createTextNode(" "));
}

function renderRemoved(body, removed) {
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
  body.appendChild(box);
}

function renderDone(body, textBox, answer, citations, generated) {
  if (answer.abstained) {
    textBox.remove();
    const box = el("div", { class: "abstained", "data-abstained": "true" });
    box.appendChild(el("strong", {}, T.abstained));
    box.appendChild(document.createTextNode(" "));
    box.appendChild(el("span", { class: "reason" }, localizeReason(answer.reason)));
    body.appendChild(box);
  }
  if (generated) body.appendChild(el("p", { class: "muted answer-mode", "data-mode": "llm" }, T.generated_label));
  if (!answer.abstained && answer.reason) {
    body.appendChild(el("p", { class: "muted answer-reason" }, localizeReason(answer.reason)));
  }
  renderRemoved(body, answer.removed);
  if (!answer.abstained) renderSources(body, citations);
}

function newTurn(question) {
  const turn = el("article", { class: "turn" });
  const q = el("p", { class: "question" });
  q.appendChild(el("span", { class: "visually-hidden" }, T.you + ": "));
  q.appendChild(document.createTextNode(question));
  turn.appendChild(q);
  const body = el("div", { class: "answer-body" });
  turn.appendChild(body);
  document.getElementById("answer").appendChild(turn);
  return { turn, body };
}

function renderStoredAnswer(body, answer) {
  const textBox = el("div", { class: "answer-text" });
  body.appendChild(textBox);
  for (const s of answer.sentences || []) renderSentence(textBox, s, answer.citations || []);
  renderDone(body, textBox, answer, answer.citations || [], false);
}

let controller = null;

function setBusy(busy) {
  document.getElementById("stop").hidden = !busy;
  document.getElementById("ask-button").disabled = busy;
}

async function ask(question) {
  const thread = document.getElementById("answer");
  const status = document.getElementById("ask-status");
  document.getElementById("home").hidden = true;
  delete thread.dataset.mode;
  thread.dataset.state = "asking";
  status.hidden = false;
  status.textContent = T.asking;
  const { turn, body } = newTurn(question);
  const textBox = el("div", { class: "answer-text" });
  let citations = [];
  let draft = null;
  let sourcesEvents = 0;
  controller = new AbortController();
  setBusy(true);
  turn.scrollIntoView({ block: "nearest" });
  try {
    const payload = { question };
    if (thread.dataset.conversationId) payload.conversation_id = thread.dataset.conversationId;
    const response = await fetch("/api/chat?stream=true", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(payload),
      signal: controller.signal,
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
        if (event.name === "conversation") {
          const fresh = thread.dataset.conversationId !== event.data.conversation_id;
          thread.dataset.conversationId = event.data.conversation_id;
          history.replaceState(null, "", "/?c=" + encodeURIComponent(event.data.conversation_id));
          if (fresh) addToHistory(event.data.conversation_id, question);
        } else if (event.name === "sources") {
          // a second sources event: the verified answer replaces the draft
          citations = event.data.citations;
          sourcesEvents += 1;
          if (draft) { draft.remove(); draft = null; status.textContent = T.asking; }
        } else if (event.name === "delta") {
          if (!draft) {
            draft = el("div", { class: "answer-text draft", "data-state": "draft" });
            draft.appendChild(el("p", { class: "muted" }, T.draft_label));
            draft.appendChild(el("p", { class: "draft-text" }));
            body.appendChild(draft);
            status.textContent = T.drafting;
          }
          draft.lastChild.textContent += event.data.text;
        } else if (event.name === "sentence") {
          if (!textBox.isConnected) body.appendChild(textBox);
          renderSentence(textBox, event.data, citations);
        } else if (event.name === "done") {
          const generated = sourcesEvents > 1;
          renderDone(body, textBox, event.data, citations, generated);
          thread.dataset.mode = generated ? "llm" : "extractive";
          thread.dataset.state = "done";
        } else if (event.name === "error") {
          throw new Error(event.data.error.message);
        }
      }
    }
    status.hidden = true;
  } catch (error) {
    status.hidden = false;
    if (error.name === "AbortError") {
      status.textContent = T.stopped;
      thread.dataset.state = "stopped";
      body.appendChild(el("p", { class: "muted stopped" }, T.stopped));
    } else {
      status.textContent = `${T.error}: ${error.message}`;
      thread.dataset.state = "error";
    }
  } finally {
    controller = null;
    setBusy(false);
  }
}

function addToHistory(id, title) {
  const list = document.getElementById("chat-list");
  const item = chatItem(id, title);
  list.prepend(item);
  markCurrent(id);
  document.getElementById("no-chats").hidden = true;
}

function chatItem(id, title) {
  const item = el("li", { "data-conversation-id": id });
  item.appendChild(el("a", { class: "chat-link", href: "/?c=" + encodeURIComponent(id) }, title));
  const remove = el("button", {
    type: "button", class: "chat-delete icon", "data-conversation-id": id,
    "aria-label": `${T.delete_chat}: ${title}`,
  }, "×");
  remove.addEventListener("click", () => deleteChat(id, item));
  item.appendChild(remove);
  return item;
}

function markCurrent(id) {
  for (const item of document.querySelectorAll("#chat-list li")) {
    item.classList.toggle("current", item.dataset.conversationId === id);
    const link = item.querySelector("a");
    if (item.dataset.conversationId === id) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

async function deleteChat(id, item) {
  if (!confirm(T.confirm_delete_chat)) return;
  const response = await fetch("/api/conversations/" + encodeURIComponent(id), { method: "DELETE" });
  if (!response.ok) { alert(await errorMessage(response)); return; }
  item.remove();
  document.getElementById("no-chats").hidden = document.querySelector("#chat-list li") !== null;
  if (document.getElementById("answer").dataset.conversationId === id) startNewChat();
}

function startNewChat() {
  if (controller) controller.abort();
  const thread = document.getElementById("answer");
  thread.replaceChildren();
  thread.dataset.conversationId = "";
  delete thread.dataset.state;
  document.getElementById("home").hidden = false;
  document.getElementById("ask-status").hidden = true;
  history.replaceState(null, "", "/");
  markCurrent("");
  document.getElementById("ask-input").focus();
}

async function resume(id) {
  const thread = document.getElementById("answer");
  const response = await fetch("/api/conversations/" + encodeURIComponent(id));
  if (!response.ok) {
    const status = document.getElementById("ask-status");
    status.hidden = false;
    status.textContent = `${T.error}: ${await errorMessage(response)}`;
    return;
  }
  const conversation = await response.json();
  thread.replaceChildren();
  thread.dataset.conversationId = id;
  for (const stored of conversation.turns) {
    const { body } = newTurn(stored.question);
    renderStoredAnswer(body, stored.answer);
  }
  thread.dataset.state = "done";
  markCurrent(id);
}

// A hover or keyboard-focus preview of citation [n]: its source's title, site and passage.
function setupCitePreview() {
  const preview = el("div", { class: "cite-preview", role: "tooltip", id: "cite-preview", hidden: "" });
  document.body.appendChild(preview);
  let current = null;
  const hide = () => {
    preview.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  };
  const show = (link) => {
    const turn = link.closest(".turn");
    const card = turn && turn.querySelector(`.source-card[data-number="${link.dataset.number}"]`);
    if (!card) return;
    preview.replaceChildren(
      el("strong", {}, card.querySelector(".card-title").textContent),
      el("span", { class: "card-meta" }, card.querySelector(".card-meta").textContent),
      el("p", {}, card.querySelector(".card-snippet").textContent),
    );
    preview.hidden = false;
    const box = link.getBoundingClientRect();
    const width = Math.min(360, document.documentElement.clientWidth - 16);
    preview.style.width = width + "px";
    const left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    preview.style.left = left + "px";
    preview.style.top = (box.bottom + window.scrollY + 6) + "px";
    link.setAttribute("aria-describedby", "cite-preview");
    current = link;
  };
  const thread = document.getElementById("answer");
  thread.addEventListener("mouseover", (e) => { const a = e.target.closest("a.cite"); if (a) show(a); });
  thread.addEventListener("mouseout", (e) => { if (e.target.closest("a.cite")) hide(); });
  thread.addEventListener("focusin", (e) => { const a = e.target.closest("a.cite"); if (a) show(a); });
  thread.addEventListener("focusout", hide);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });
  window.addEventListener("scroll", hide, { passive: true });
}

function setupAsk() {
  const form = document.getElementById("ask-form");
  const input = document.getElementById("ask-input");
  const thread = document.getElementById("answer");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question || controller) return;
    input.value = "";
    input.placeholder = T.follow_up_placeholder;
    ask(question);
  });
  document.getElementById("stop").addEventListener("click", () => { if (controller) controller.abort(); });
  document.getElementById("new-chat").addEventListener("click", startNewChat);
  for (const button of document.querySelectorAll("button.chat-delete")) {
    button.addEventListener("click", () => deleteChat(button.dataset.conversationId, button.closest("li")));
  }
  for (const button of document.querySelectorAll("button.suggestion")) {
    button.addEventListener("click", () => { input.value = button.textContent; form.requestSubmit(); });
  }
  setupCitePreview();
  const id = thread.dataset.conversationId;
  if (id) resume(id);
  else if (thread.querySelector(".turn")) input.value = "";
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
  for (const button of document.querySelectorAll("button.delete[data-doc-id]")) {
    button.addEventListener("click", async () => {
      if (!confirm(T.confirm_delete)) return;
      const response = await fetch("/api/documents/" + encodeURIComponent(button.dataset.docId), { method: "DELETE" });
      if (!response.ok) { alert(await errorMessage(response)); return; }
      if (button.dataset.after) location.assign(button.dataset.after);
      else button.closest("tr").remove();
    });
  }
}

// ---- Library: bulk select and delete, sort, title edits, live sources ----

function selectedIds() {
  return [...document.querySelectorAll("input.doc-select:checked")].map((box) => box.value);
}

function updateSelection() {
  const count = selectedIds().length;
  const button = document.getElementById("delete-selected");
  if (!button) return;
  button.disabled = count === 0;
  document.getElementById("reingest-selected").disabled = count === 0;
  document.getElementById("selected-count").textContent = count ? `${T.selected} ${count}` : "";
  const all = document.querySelectorAll("input.doc-select");
  document.getElementById("select-all").checked = count > 0 && count === all.length;
}

function setupBulk() {
  const selectAll = document.getElementById("select-all");
  if (!selectAll) return;
  selectAll.addEventListener("change", () => {
    for (const box of document.querySelectorAll("input.doc-select")) box.checked = selectAll.checked;
    updateSelection();
  });
  for (const box of document.querySelectorAll("input.doc-select")) box.addEventListener("change", updateSelection);
  document.getElementById("delete-selected").addEventListener("click", async () => {
    const ids = selectedIds();
    if (!ids.length || !confirm(T.confirm_delete_many)) return;
    const response = await fetch("/api/documents/delete", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ids }),
    });
    if (!response.ok) { alert(await errorMessage(response)); return; }
    const body = await response.json();
    for (const id of [...body.deleted, ...body.missing]) {
      const row = document.querySelector(`tr[data-doc-id="${CSS.escape(id)}"]`);
      if (row) row.remove();
    }
    const count = document.getElementById("doc-count");
    count.textContent = count.textContent.replace(/^\d+/, (n) => String(Math.max(0, Number(n) - body.deleted.length)));
    document.getElementById("bulk-bar").dataset.state = "deleted";
    updateSelection();
  });
  const sort = document.getElementById("sort");
  sort.addEventListener("change", () => document.getElementById("sort-form").requestSubmit());
}

function setupTitleEdits() {
  for (const button of document.querySelectorAll("button.edit-title")) {
    button.addEventListener("click", async () => {
      const row = button.closest("tr");
      const shown = row ? row.querySelector("a.doc-link") : document.getElementById("doc-title");
      const title = prompt(T.new_title, shown.textContent);
      if (title === null || !title.trim() || title.trim() === shown.textContent) return;
      const response = await fetch("/api/documents/" + encodeURIComponent(button.dataset.docId), {
        method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ title: title.trim() }),
      });
      if (!response.ok) { alert(await errorMessage(response)); return; }
      shown.textContent = (await response.json()).title;
    });
  }
}

// ---- Library: re-ingest (a row or the selection) and tag edits in a row ----

async function finishedJob(job) {
  while (job.status !== "done" && job.status !== "failed") {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const response = await fetch("/api/jobs/" + encodeURIComponent(job.id));
    if (!response.ok) throw new Error(await errorMessage(response));
    job = await response.json();
  }
  return job;
}

function showRowResult(result) {
  const row = document.querySelector(`tr[data-doc-id="${CSS.escape(result.doc_id || "")}"]`);
  if (!row) return;
  row.dataset.reingest = result.status;
  let text = T["status_" + result.status] || result.status;
  if (result.reason) text += ": " + localizeReason(result.reason);
  if (result.status === "failed" && result.origin && result.origin !== result.doc_id) text += ` (${result.origin})`;
  row.querySelector(".row-status").textContent = text;
  if (result.status === "updated" && result.title) row.querySelector("a.doc-link").textContent = result.title;
}

async function reingest(ids, buttons) {
  const status = document.getElementById("bulk-status");
  for (const b of buttons) b.disabled = true;
  for (const id of ids) {
    const row = document.querySelector(`tr[data-doc-id="${CSS.escape(id)}"]`);
    if (row) { row.dataset.reingest = "running"; row.querySelector(".row-status").textContent = T.reingesting; }
  }
  status.hidden = false;
  status.textContent = T.reingesting;
  try {
    const response = await fetch("/api/documents/reingest", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ids }),
    });
    if (!response.ok) throw new Error(await errorMessage(response));
    const job = await finishedJob((await response.json()).job);
    if (job.status === "failed") throw new Error(job.error ? job.error.message : T.ingest_failed);
    for (const result of job.results) showRowResult(result);
    const failed = job.results.filter((r) => r.status === "failed").length;
    status.textContent = `${T.reingest_done}: ${job.results.length - failed}/${job.results.length}`;
    document.getElementById("bulk-bar").dataset.state = "reingested";
  } catch (error) {
    status.textContent = `${T.error}: ${error.message}`;
  } finally {
    for (const b of buttons) b.disabled = false;
    updateSelection();
  }
}

function setupReingest() {
  for (const button of document.querySelectorAll("button.reingest[data-doc-id]")) {
    button.addEventListener("click", () => reingest([button.dataset.docId], [button]));
  }
  const bulk = document.getElementById("reingest-selected");
  if (bulk) bulk.addEventListener("click", () => { const ids = selectedIds(); if (ids.length) reingest(ids, [bulk]); });
}

function tagChip(docId, tagId, label) {
  const chip = el("li", { class: "tag-chip", "data-tag-id": tagId });
  chip.appendChild(el("span", {}, label));
  const remove = el("button", { type: "button", class: "tag-chip-remove icon", "data-tag-id": tagId, "aria-label": `${T.remove_tag}: ${label}` }, "×");
  chip.appendChild(remove);
  return chip;
}

async function removeRowTag(box, button) {
  const docId = box.dataset.docId;
  const chip = button.closest("li");
  const response = await fetch(`/api/documents/${encodeURIComponent(docId)}/tags/${encodeURIComponent(button.dataset.tagId)}`, { method: "DELETE" });
  const status = box.closest("td").querySelector(".row-status");
  if (!response.ok) { status.textContent = `${T.error}: ${await errorMessage(response)}`; return; }
  // keep the keyboard where it was: the next chip's button, else the previous one, else "edit tags"
  const next = chip.nextElementSibling || chip.previousElementSibling;
  chip.remove();
  (next ? next.querySelector("button") : box.querySelector("summary")).focus();
  status.textContent = T.tag_removed;
}

function setupRowTags() {
  for (const box of document.querySelectorAll(".row-tags")) {
    box.addEventListener("click", (event) => {
      const button = event.target.closest("button.tag-chip-remove");
      if (button) removeRowTag(box, button);
    });
    const form = box.querySelector("form.row-tag-form");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const label = form.elements.label.value.trim();
      if (!label) return;
      const docId = box.dataset.docId;
      const status = box.closest("td").querySelector(".row-status");
      const response = await fetch(`/api/documents/${encodeURIComponent(docId)}/tags`, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ label }),
      });
      if (!response.ok) { status.textContent = `${T.error}: ${await errorMessage(response)}`; return; }
      const zh = document.documentElement.lang.startsWith("zh");
      const chips = box.querySelector("ul.tag-chips");
      chips.replaceChildren(...(await response.json()).tags.map((tag) =>
        tagChip(docId, tag.tag_id, (zh ? tag.label_zh : tag.label_en) || tag.tag_id)));
      form.elements.label.value = "";
      form.elements.label.focus();
      status.textContent = T.tag_added;
    });
  }
}

function sourceStatus(text) {
  const status = document.getElementById("source-status");
  status.hidden = !text;
  status.textContent = text;
}

function setupSources() {
  const form = document.getElementById("source-form");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const url = document.getElementById("source-url").value.trim();
    const every = document.getElementById("source-every").value;
    const response = await fetch("/api/sources", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ url, every }),
    });
    if (!response.ok) { sourceStatus(`${T.error}: ${await errorMessage(response)}`); return; }
    location.reload();
  });
  for (const button of document.querySelectorAll("button.run-source")) {
    button.addEventListener("click", async () => {
      button.disabled = true;
      sourceStatus(T.ingesting + "…");
      const response = await fetch(`/api/sources/${encodeURIComponent(button.dataset.sourceId)}/run`, { method: "POST" });
      if (!response.ok) { sourceStatus(`${T.error}: ${await errorMessage(response)}`); button.disabled = false; return; }
      location.reload();
    });
  }
  for (const button of document.querySelectorAll("button.remove-source")) {
    button.addEventListener("click", async () => {
      if (!confirm(T.confirm_remove_source)) return;
      const response = await fetch("/api/sources/" + encodeURIComponent(button.dataset.sourceId), { method: "DELETE" });
      if (!response.ok) { sourceStatus(`${T.error}: ${await errorMessage(response)}`); return; }
      button.closest("li").remove();
      document.getElementById("no-sources").hidden = document.querySelector("#sources-list li") !== null;
    });
  }
}

// ---- Document: bring the cited span into view ----

function showCited() {
  const cited = document.getElementById("cited");
  if (!cited) return;
  // scroll-margin in style.css keeps the span clear of the top edge
  cited.scrollIntoView({ block: "start" });
  cited.focus({ preventScroll: true });
}

document.addEventListener("DOMContentLoaded", () => {
  const page = document.body.dataset.page;
  if (page === "ask") setupAsk();
  if (page === "library") { setupLibrary(); setupBulk(); setupReingest(); setupRowTags(); setupSources(); }
  if (page === "library" || page === "document") setupTitleEdits();
  if (page === "document") showCited();
  setupDelete();
});
