"""A tiny HTML extractor for the built-site tests (stdlib html.parser only)."""
from __future__ import annotations

import functools
import html
import http.server
import shutil
import struct
import threading
import zlib
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

# Elements whose text is never shown to the reader.
_INVISIBLE = {"script", "style", "template", "noscript"}
# Void elements never get an end tag, so they must not be pushed on the open-element stack.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


@dataclass
class Tag:
    name: str
    attrs: dict[str, str]
    in_nav: bool  # inside (at any depth) a <nav> element


@dataclass
class Page:
    tags: list[Tag] = field(default_factory=list)
    text_parts: list[str] = field(default_factory=list)
    main_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Visible text of the whole page, entities unescaped, whitespace collapsed."""
        return " ".join(" ".join(self.text_parts).split())

    @property
    def article_text(self) -> str:
        """Visible text of the page's <article> (the page content, without header/nav/footer)."""
        return " ".join(" ".join(self.main_parts).split())

    def links(self, *, nav_only: bool = False) -> list[str]:
        """The href of every <a> (optionally only those inside a <nav>)."""
        return [t.attrs["href"] for t in self.tags
                if t.name == "a" and "href" in t.attrs and (t.in_nav or not nav_only)]

    def resource_urls(self) -> list[tuple[str, str, str]]:
        """(tag, attribute, value) for every src/href of <script>, <link> and <img>."""
        out = []
        for t in self.tags:
            # rel=canonical names the page's public address; it loads nothing.
            if t.name == "link" and t.attrs.get("rel") in {"canonical", "alternate"}:
                continue
            if t.name in ("script", "link", "img"):
                for attr in ("src", "href", "srcset"):
                    if attr in t.attrs:
                        out.append((t.name, attr, t.attrs[attr]))
        return out


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # text and attribute values come back unescaped
        self.page = Page()
        self._stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: (v if v is not None else "") for k, v in attrs}
        self.page.tags.append(Tag(tag, attributes, "nav" in self._stack or tag == "nav"))
        if tag not in _VOID:
            self._stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        attributes = {k: (v if v is not None else "") for k, v in attrs}
        self.page.tags.append(Tag(tag, attributes, "nav" in self._stack))

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        # Pop up to the matching open element (tolerates unclosed <p>, <li>, ...).
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data):
        if any(t in _INVISIBLE for t in self._stack):
            return
        self.page.text_parts.append(data)
        if "article" in self._stack:
            self.page.main_parts.append(data)


def parse_html(source: str) -> Page:
    parser = _Extractor()
    parser.feed(source)
    parser.close()
    return parser.page


def parse_file(path: Path) -> Page:
    return parse_html(path.read_text(encoding="utf-8"))


def unescape(text: str) -> str:
    """html.unescape, for text taken from raw HTML rather than from the parser."""
    return html.unescape(text)


# --- site crawling -------------------------------------------------------------------------------

_BASE = "http://site.invalid/"


def normalise(url: str) -> str:
    """Drop query and fragment, and a trailing "index.html" (…/x/index.html == …/x/)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return f"{parts.scheme}://{parts.netloc}{path}"


def _file_for(site: Path, url: str) -> Path | None:
    path = urlsplit(url).path
    rel = path[1:] if path.startswith("/") else path
    candidate = site / rel
    if path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def generated_pages(site: Path) -> list[Path]:
    """Every index.html the build produced (404.html and search are not pages to reach)."""
    return sorted(p for p in site.rglob("index.html")
                  if p.relative_to(site).parts[0] not in ("search", "404.html"))


def reachable_pages(site: Path, start: str = "index.html") -> set[Path]:
    """BFS from `start` over the <a href> links that stay inside the site."""
    first = normalise(_BASE + start)
    seen_urls = {first}
    found: set[Path] = set()
    queue = deque([first])
    while queue:
        url = queue.popleft()
        file = _file_for(site, url)
        if file is None:
            continue
        found.add(file)
        if file.suffix != ".html":
            continue
        for href in parse_file(file).links():
            target = normalise(urljoin(url, href))
            if not target.startswith(_BASE) or target in seen_urls:
                continue
            seen_urls.add(target)
            queue.append(target)
    return found


ROOT = Path(__file__).resolve().parent.parent


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site without logging every request."""

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


class SiteServer:
    """A built site served on 127.0.0.1. Bound before the build, so the site can be built for the
    address it is served on (site_url), as on GitHub Pages: Material's instant navigation follows
    only the sitemap's host and port."""

    def __init__(self, site: Path):
        handler = functools.partial(QuietHandler, directory=str(site))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        host, port = self.server.server_address[:2]
        self.base = f"http://{host}:{port}/"
        self._thread: threading.Thread | None = None

    def start(self) -> str:
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self.base

    def close(self) -> None:
        if self._thread is not None:
            self.server.shutdown()
            self._thread.join(timeout=5)
        self.server.server_close()


def copy_project(work: Path, seeds: Path | None = None, publish_text: bool = False, curate: bool = False) -> Path:
    """The project's mkdocs.yml in `work`, reading `work/seeds` (a copy of `seeds`, if given) and
    caching in `work/.cache`, with the project's docs/; with `publish_text`, seeds that do not say
    are republished in full (the tests of how a text is read and escaped need it shown); with `curate`,
    the pages carry the editors' curate controls. Returns the config path."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for needle in ("docs_dir: docs", "seeds: seeds", "cache: .cache/extraction"):
        assert needle in text, f"mkdocs.yml no longer has {needle!r}: update copy_project()"
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    if publish_text:
        assert "publish_text: false" in text, "mkdocs.yml no longer has 'publish_text: false': update copy_project()"
        text = text.replace("publish_text: false", "publish_text: true")
    if curate:  # the editors' curate controls on the built pages too
        text = text.replace("      publish_text:", "      curate_controls: true\n      publish_text:", 1)
    config = work / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    if seeds is not None:
        shutil.copytree(seeds, work / "seeds")
    else:
        (work / "seeds").mkdir(parents=True, exist_ok=True)
    return config


# --- PNG pixels (stdlib zlib only) -------------------------------------------------------------------

def decode_png(data: bytes) -> tuple[int, int, list[list[tuple[int, int, int]]]]:
    """(width, height, rows of (r, g, b) pixels) of an 8-bit, non-interlaced truecolour PNG (RGB or
    RGBA, alpha dropped): what Chromium's screenshots are. Checks every chunk's CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in the {kind!r} chunk"
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    assert header is not None, "no IHDR chunk"
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unsupported PNG {header}"
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    assert len(raw) == height * (stride + 1), "image data of the wrong size"
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((x + b) & 0xFF for x, b in zip(line, prev))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        else:
            assert kind == 0, f"unknown PNG filter {kind} in row {y}"
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, bpp)])
        prev = line
    return width, height, rows
