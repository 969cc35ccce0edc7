// Copy link: a button beside the share links that puts the post's address on the clipboard.
// Without JavaScript, or where the browser offers no clipboard, the share links stand alone.
const share = document.querySelector(".share-links[data-share-address]");
if (share && navigator.clipboard) {
  const address = new URL(share.dataset.shareAddress, document.baseURI).href;  // a preview build gives a path
  const button = document.createElement("button");
  button.type = "button";
  button.className = "share-links__copy";
  button.textContent = "Copy link";
  const status = document.createElement("span");
  status.className = "share-links__status";
  status.setAttribute("role", "status");  // read out by screen readers when it changes
  button.addEventListener("click", async () => {
    status.textContent = "";
    try {
      await navigator.clipboard.writeText(address);
      status.textContent = "Link copied";
    } catch {
      status.textContent = "Could not copy: copy the address from the address bar";
    }
  });
  const item = document.createElement("li");
  item.append(button, status);
  share.querySelector("ul").append(item);
}
