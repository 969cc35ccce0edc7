// Search page: runs the query in ?q= with Pagefind and lists the results. Loaded on this page only.
const form = document.querySelector("form[data-pagefind]");
const input = form.querySelector("input[name=q]");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");

// Pagefind marks matches with <mark>; keep only text and those marks.
function excerpt(html) {
  const parts = new DOMParser().parseFromString(html, "text/html").body.childNodes;
  const out = document.createElement("p");
  for (const node of parts) {
    const piece = node.nodeName === "MARK" ? document.createElement("mark") : document.createTextNode("");
    piece.textContent = node.textContent;
    out.append(piece);
  }
  return out;
}

async function run(query) {
  if (!query.trim()) return;
  status.textContent = "Searching…";
  const pagefind = await import(form.dataset.pagefind);
  const search = await pagefind.search(query);
  const results = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
  list.replaceChildren(...results.map((data) => {
    const item = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title;
    heading.append(link);
    item.append(heading, excerpt(data.excerpt));
    return item;
  }));
  const count = search.results.length;
  status.textContent = count ? `${count} result${count === 1 ? "" : "s"} for “${query}”.` : `Nothing found for “${query}”.`;
}

const query = new URLSearchParams(location.search).get("q") || "";
input.value = query;
run(query).catch(() => { status.textContent = "Search is not available right now; try the archives."; });
