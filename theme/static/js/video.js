// Click-to-load videos: each box gets a Play button; only pressing it loads the player from the video site.
for (const box of document.querySelectorAll(".video-box[data-video-src]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button--primary video-box__play";
  button.textContent = "Play video";
  button.setAttribute("aria-label", `Play video: ${box.dataset.videoTitle}`);  // tells two videos apart
  button.addEventListener("click", () => {
    const frame = document.createElement("iframe");
    frame.src = box.dataset.videoSrc;
    frame.title = box.dataset.videoTitle;
    frame.className = "video-box__frame";
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    box.replaceChildren(frame);
    frame.focus();
  });
  box.querySelector(".video-box__actions").prepend(button);
}
