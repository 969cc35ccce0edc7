"""The site's own tools: a safe build, a preview server and a link checker."""
