"""Where documents come from: files and folders (`files`), web pages, feeds and sitemaps (`web`)."""
