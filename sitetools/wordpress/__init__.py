"""Import a WordPress.com blog: posts, pages, photos, comments and old addresses, into content/."""
