"""Checks the built site: every page in mkdocs.yml's nav has an HTML page with a title."""
import pathlib
import re
import sys

import yaml


def nav_pages(nav):
    for item in nav:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                if isinstance(value, str):
                    yield value
                elif isinstance(value, list):
                    yield from nav_pages(value)


def main() -> int:
    config = yaml.safe_load(pathlib.Path("mkdocs.yml").read_text())
    site = pathlib.Path(config.get("site_dir", "site"))
    missing = []
    for page in nav_pages(config.get("nav", [])):
        if page.startswith(("http://", "https://")):
            continue
        stem = page[: -len(".md")]
        html = site / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")
        if not html.exists() or not re.search(r"<h1[^>]*>", html.read_text()):
            missing.append(page)
    for page in missing:
        print(f"not rendered: {page}", file=sys.stderr)
    print(f"checked {len(list(nav_pages(config.get('nav', []))))} pages, {len(missing)} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
