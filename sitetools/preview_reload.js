// The writing preview's page script: reload when the new build is in place; say what to fix when it failed.
const events = new EventSource("/_preview/events");
events.addEventListener("reload", () => location.reload());
events.addEventListener("problems", (event) => {
  let note = document.getElementById("preview-problems");
  if (!note) {
    note = document.createElement("div");
    note.id = "preview-problems";
    note.setAttribute("role", "alert");
    note.style.cssText = "position:fixed;inset:0 0 auto 0;z-index:99;max-height:60vh;overflow:auto;margin:0;" +
      "padding:1rem;background:#fff4e5;color:#1d2421;border-bottom:4px solid #b3470b;font:1rem/1.5 system-ui;" +
      "white-space:pre-wrap";
    document.body.prepend(note);
  }
  note.textContent = event.data + "\n\nThis page is the last good one: save again once it is fixed.";
});
