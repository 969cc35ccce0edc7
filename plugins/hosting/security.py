"""The site's security policy, built from the features that are on, for headers and for <meta> tags."""

# Players of click-to-load videos (the videos plugin); a page's policy allows them only if it shows one.
VIDEO_PLAYERS = ("https://player.vimeo.com", "https://www.youtube-nocookie.com")

# Directives a <meta> Content-Security-Policy cannot carry (browsers ignore them there).
HEADER_ONLY = ("frame-ancestors", "report-uri", "sandbox")

SECURITY_HEADERS = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    # The site uses none of these; nothing embedded in it may either.
    "Permissions-Policy": "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), "
                          "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
}


def content_security_policy(settings, search_page=False, video_frames=(), post=False):
    """Return the policy as {directive: [sources]}: own origin only, inline style only by its hash.

    video_frames: the players of click-to-load videos a page may show (and its script to load them).
    post: the pages are posts, which carry the theme's share script inline: it is allowed by its hash.
    """
    style = ["'self'"] + ([settings["INLINE_CSS_HASH"]] if settings.get("INLINE_CSS_HASH") else [])
    script = ["'self'"] if search_page or video_frames else []
    script += ["'wasm-unsafe-eval'"] if search_page else []  # Pagefind runs WebAssembly
    script += [settings["SHARE_SCRIPT_HASH"]] if post and settings.get("SHARE_SCRIPT_HASH") else []
    frames = {"frame-src": sorted(video_frames)} if video_frames else {}
    # The sign-up form for new posts by email (FOLLOW_BY_EMAIL, from the practice's facts) posts to the
    # mailing service: its form's address, and no other, may receive a form.
    follow = settings.get("FOLLOW_BY_EMAIL")
    forms = ["'self'"] + ([follow["target"]] if follow else [])
    return {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # data: for the icon embedded in each page
        "media-src": ["'self'"],  # <audio>/<video> of her own files; said here, not left to default-src
        "style-src": style,
        "script-src": script or ["'none'"],
        **frames,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": forms,
        "frame-ancestors": ["'none'"],
    }


def policy_text(policy, for_meta=False):
    """Return the policy as a header value; for a <meta> tag, without what a tag cannot carry."""
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items()
                     if not (for_meta and name in HEADER_ONLY))
