// Semantic search over argument units, served by `agora serve` at /api/search.
// Every value from the server is inserted with textContent: article text stays inert.
(function () {
  const form = document.getElementById("agora-ask");
  if (!form) return;
  const out = document.getElementById("agora-ask-results");
  const note = document.getElementById("agora-ask-note");
  const api = new URL("../api/search", window.location.href);

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function render(body) {
    const hits = body.hits;
    out.replaceChildren();
    if (!hits.length) { out.append(el("p", "agora-empty", "No matching arguments.")); return; }
    if (!body.good_match) {
      out.append(el("p", "agora-empty", "No good match: the closest arguments below are only loosely related " +
        "(a good match is " + body.good_match_threshold + " or more)."));
    }
    for (const h of hits) {
      const card = el("div", "agora-unit agora-" + h.stance);
      const match = h.match === null ? "" : " · match " + h.match;
      card.append(el("p", "agora-meta", h.kind + " · " + h.stance + match));
      card.append(el("blockquote", "agora-text", h.text));
      if (h.speaker) card.append(el("p", "agora-speaker", "— " + h.speaker + (h.speaker_title ? ", " + h.speaker_title : "")));
      const source = el("p", "agora-source", "Source: ");
      const link = el("a", "", h.title + (h.published ? " (" + h.published + ")" : ""));
      link.href = "../articles/" + encodeURIComponent(h.article) + "/#u-" + encodeURIComponent(h.id);
      source.append(link);
      card.append(source);
      out.append(card);
    }
  }

  async function ask(params) {
    try {
      const response = await fetch(api + "?" + params.toString());
      const body = await response.json();
      if (!response.ok) { note.textContent = body.error || "Search failed."; return; }
      note.textContent = "";
      render(body);
    } catch (err) {
      note.textContent = "Semantic search needs the site to be served by `agora serve`. " +
        "On this static copy, use the search box at the top of the page (it finds words, not meanings).";
    }
  }

  // The query lives in the URL (?q=...&kind=...&stance=...), so a search can be shared and reloaded.
  function formParams() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) params.set(key, value);
    return params;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = formParams();
    history.replaceState(null, "", "?" + params.toString());
    ask(params);
  });
  const start = new URLSearchParams(window.location.search);
  if (start.get("q")) {
    // mkdocs-material opens its own (word) search on ?q=; hide the query from it until it has
    // started (its script runs after this one), then put it back so the URL stays shareable.
    history.replaceState(null, "", window.location.pathname);
    window.addEventListener("load", () => history.replaceState(null, "", "?" + start.toString()));
    for (const [key, value] of start) if (form.elements.namedItem(key)) form.elements.namedItem(key).value = value;
    ask(formParams());
  }
})();
