"""Settings for building the site locally; publishconf.py builds on these."""

# --- Who she is, how to reach her, hours, services and prices -------------------
# Her facts live in a plain file she edits, not here: content/data/practice.toml.
# The practice plugin reads it (it fills AUTHOR, SITENAME, SITESUBTITLE, CONTACT_*
# and PRACTICE_*) and reports any mistake in it at its line.
PRACTICE_FILE = "data/practice.toml"  # in the content folder

# Clients' words, with their first name and consent: content/data/testimonials.toml
TESTIMONIALS_FILE = "data/testimonials.toml"

# Posts in these categories show the health note ("general information, not a
# diagnosis"); any post can also say `Disclaimer: on` or `Disclaimer: off`.
DISCLAIMER_CATEGORIES = ["Running injuries"]

# --- Site ---------------------------------------------------------------------
SITEURL = ""
# Feeds need absolute addresses: locally they point at the preview server.
FEED_DOMAIN = "http://127.0.0.1:8000"
PATH = "content"
THEME = "theme"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"
LOCALE = ("en_GB.UTF-8", "en_GB.utf8", "C.UTF-8", "C")
DEFAULT_DATE_FORMAT = "%-d %B %Y"  # 20 May 2019
DEFAULT_PAGINATION = 10
DEFAULT_CATEGORY = "Running injuries"  # for posts without a Category: line

# The built site is what readers get: drafts and posts dated in the future stay out
# (Pelican would otherwise publish future dates and write drafts to drafts/).
WITH_FUTURE_DATES = False
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# Names Pelican leaves out of content/, matched on each file and folder name: editors' lock and scratch
# files (.#post.md), hidden files and folders (.git). Pelican's default (**/.*) matches no name alone.
IGNORE_FILES = [".*"]

ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "media"]

ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
# A post or page in another language (Lang:, same slug) lives beside its original.
ARTICLE_LANG_URL = "blog/{slug}-{lang}/"
ARTICLE_LANG_SAVE_AS = "blog/{slug}-{lang}/index.html"
PAGE_LANG_URL = "{slug}-{lang}/"
PAGE_LANG_SAVE_AS = "{slug}-{lang}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
CATEGORIES_SAVE_AS = "category/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_SAVE_AS = "tag/index.html"
DIRECT_TEMPLATES = ["index", "tags", "categories", "archives", "search", "follow", "robots", "sitemap"]
ROBOTS_SAVE_AS = "robots.txt"
SITEMAP_SAVE_AS = "sitemap.xml"  # from the theme's sitemap.html: posts, pages and lists, with dates
# How to follow new posts: by email when content/data/practice.toml names a mailing service ([follow]),
# and in a feed reader.
FOLLOW_URL = "follow/"
FOLLOW_SAVE_AS = "follow/index.html"
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
SEARCH_INDEX = True  # index posts and pages with Pagefind after each build
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
# One author: her About page stands in for author pages.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
PAGINATION_PATTERNS = (
    (1, "{base_name}/", "{base_name}/index.html"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
RSS_FEED_SUMMARY_ONLY = False

# Pages the theme links to by slug: the author box, the home page and the menu.
ABOUT_PAGE = "about"
CONTACT_PAGE = "contact"
SERVICES_PAGE = "services"
PRIVACY_PAGE = "privacy"
ACCESSIBILITY_PAGE = "accessibility"
MENU_PAGES = (SERVICES_PAGE, ABOUT_PAGE, CONTACT_PAGE)
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.smarty": {},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}

# What builds keep for the next one (converted Markdown, share images, image versions, link
# check), each in a folder of its own; safe to delete. Pelican resolves it next to this file.
CACHE_PATH = ".cache"
# Pelican's content cache: a post is converted again only when its text changes. The build
# drops the whole cache when settings, plugins or Markdown extensions change (sitetools/content_cache.py).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "md5"
GZIP_CACHE = False  # the cache is read and written whole on every build: compressing it costs more than it saves

# Autoescape everything; templates mark only rendered Markdown as safe.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True,
                     "auto_reload": False}  # templates do not change during a build: no check per use

PLUGIN_PATHS = ["plugins"]
# No plugin imports or waits for another: any order gives the same site. practice and post_actions share
# two libraries of the build's own (sitetools/toml_lines.py, sitetools/author_values.py).
PLUGINS = ["parallel_markdown", "share_image", "practice", "post_actions", "writing_mode", "responsive_images",
           "videos", "post_journey", "theme_assets", "hosting", "mail_feeds"]

# `invoke livereload` turns this on for its preview: drafts and scheduled posts are
# then shown, labelled. Never on in a build that is published.
WRITING_MODE = False

# Contact call-to-action, comments and health note (plugins/post_actions): the defaults
# are listed in the README; set any of them here to change the wording.
# CONTACT_CTA_HEADING = "Need help with a niggle?"
# COMMENTS_ENABLED = False
