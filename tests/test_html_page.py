"""The interactive HTML page (`skg export html`): self-contained, escaped,
deterministic, and working in a real headless Chromium."""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import urllib.parse
import zlib
from pathlib import Path

import networkx as nx
import pytest

from safeguarding_kg.html_page import json_for_script, page_data, render_html, write_html

REPORT = "https://safeguarding-kg.example.org/id/report/"
EVIL = "<script>alert(1)</script> & Partners"


def small_graph(reverse: bool = False) -> nx.Graph:
    """A graph with the attributes of network.partnership_graph; `reverse` adds
    the same nodes and edges in the opposite order."""
    nodes = [
        ("E10000012", dict(label="Essex County Council", type="local-authority", code="E10000012", reports=2)),
        ("E06000033", dict(label="Southend-on-Sea Borough Council", type="local-authority",
                           code="E06000033", reports=2)),
        ("E23000008", dict(label="Essex Police", type="police-force", code="E23000008", reports=2)),
        ("RQ8", dict(label="Mid Essex Hospital Services NHS Trust", type="nhs-trust", code="RQ8", reports=1)),
        ("evil", dict(label=EVIL, type="voluntary-organisation", code="", reports=1)),
        ("E06000056", dict(label="Central Bedfordshire Council", type="local-authority",
                           code="E06000056", reports=0)),
    ]
    edges = [
        ("E10000012", "E23000008", dict(kind="partner", weight=3, dates=["2019-11-11", "2014-01-20"],
                                        reports=f"{REPORT}essex-2019;{REPORT}essex-2014")),
        ("E06000033", "E23000008", dict(kind="partner", weight=1, dates=["2018-03-05"],
                                        reports=f"{REPORT}southend-2018")),
        ("E10000012", "RQ8", dict(kind="recommendation", weight=1, dates=["2019-11-11"],
                                  reports=f"{REPORT}essex-2019")),
        ("E23000008", "evil", dict(kind="partner", weight=1, dates=["2021-06-01"],
                                   reports="javascript:alert(2)")),
        ("E06000033", "E06000056", dict(kind="peer-review", weight=1, dates=["2022-02-01"],
                                        reports=f"{REPORT}southend-peer-2022")),
    ]
    graph = nx.Graph()
    for node, attrs in (reversed(nodes) if reverse else nodes):
        graph.add_node(node, **attrs)
    for u, v, attrs in (reversed(edges) if reverse else edges):
        graph.add_edge(*((v, u) if reverse else (u, v)), **attrs)
    return graph


# ---- the file ------------------------------------------------------------------

def test_page_is_self_contained(tmp_path):
    path = write_html(small_graph(), tmp_path / "network.html", title="Essex <partners>")
    page = path.read_text(encoding="utf-8")
    # No external script, stylesheet, font or image: every src/href in the markup
    # (outside the inlined library's code) is absent or local.
    tags = re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", page, re.IGNORECASE)
    assert not [t for t in tags if re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", t, re.IGNORECASE)]
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page, re.IGNORECASE)
    assert "cdn" not in " ".join(tags).lower()
    assert "default-src 'none'" in page  # the page may not fetch anything
    assert "cytoscape" in page and "<title>Essex &lt;partners&gt;</title>" in page


def test_report_text_is_escaped_in_the_data_block(tmp_path):
    page = write_html(small_graph(), tmp_path / "network.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert page.count("</script>") == page.count("<script")  # no block closed early
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    labels = {n["label"] for n in json.loads(block)["nodes"]}
    assert EVIL in labels


def test_json_for_script_escapes_markup():
    text = json_for_script({"a": "</script><!-- & -->"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e"}'
    assert json.loads(text) == {"a": "</script><!-- & -->"}


def test_same_graph_gives_the_same_bytes():
    assert render_html(small_graph()) == render_html(small_graph(reverse=True))


def test_page_data_sizes_colours_periods_and_reports():
    data = page_data(small_graph())
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["E23000008"]["degree"] == 3
    assert nodes["E23000008"]["size"] > nodes["RQ8"]["size"]  # sized by degree
    assert nodes["E10000012"]["color"] == nodes["E06000033"]["color"] != nodes["E23000008"]["color"]
    assert [t["type"] for t in data["types"]] == ["local-authority", "nhs-trust", "police-force",
                                                  "voluntary-organisation"]
    assert data["years"] == list(range(2014, 2023))
    assert nodes["E10000012"]["report_iris"] == [f"{REPORT}essex-2014", f"{REPORT}essex-2019"]
    edge = next(e for e in data["edges"] if e["kind"] == "peer-review")
    assert (edge["source"], edge["target"], edge["years"]) == ("E06000033", "E06000056", [2022])


def test_empty_graph_still_makes_a_page(tmp_path):
    page = write_html(nx.Graph(), tmp_path / "empty.html").read_text(encoding="utf-8")
    assert '"nodes":[]' in page and '"years":[]' in page


# ---- in a real browser ------------------------------------------------------------

def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium not found (`make test` installs it with scripts/apt-install.sh as root or with sudo)")


def run_chromium(tmp_path: Path, url: str, *action: str) -> str:
    """Chromium headless and offline-minded; the virtual time budget lets the page's
    script and first frames run before the DOM is dumped or the picture taken."""
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=1280,800",
               "--virtual-time-budget=5000", *action, url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def body_attributes(dom: str) -> dict[str, str]:
    tag = re.search(r"<body\b[^>]*>", dom).group(0)
    return {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag)}


@pytest.fixture(scope="module")
def page_url(tmp_path_factory):
    path = write_html(small_graph(), tmp_path_factory.mktemp("page") / "network.html")
    return path.resolve().as_uri()


@needs_chromium
def test_browser_draws_every_node_and_search_finds_a_partner(page_url, tmp_path):
    query = urllib.parse.urlencode({"search": "essex police"})
    dom = run_chromium(tmp_path, f"{page_url}?{query}", "--dump-dom")
    body = body_attributes(dom)
    assert "data-error" not in body
    assert body["data-ready"] == "1"
    assert body["data-nodes-total"] == body["data-nodes-drawn"] == "6"
    assert sorted(json.loads(body["data-drawn-ids"])) == sorted(small_graph().nodes)
    assert body["data-edges-drawn"] == "5"
    assert body["data-found"] == "E23000008" and body["data-found-label"] == "Essex Police"
    # The details panel shows the partner's type, code, reports and evidence links;
    # the label with markup is there as text, never as an element.
    details = dom[dom.index('id="details"'):]
    assert 'id="details-type">police-force<' in details and 'id="details-code">E23000008<' in details
    assert f'href="{REPORT}southend-2018"' in details
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Partners" in details
    assert "<script>alert" not in dom and 'href="javascript:' not in dom


@needs_chromium
def test_browser_search_by_part_of_a_name_and_period_filter(page_url, tmp_path):
    query = urllib.parse.urlencode({"search": "southend", "from": "2021", "until": "2022"})
    body = body_attributes(run_chromium(tmp_path, f"{page_url}?{query}", "--dump-dom"))
    assert body["data-found"] == "E06000033"
    # 2021-2022: the police link to the voluntary organisation and the peer review.
    assert json.loads(body["data-drawn-ids"]) == ["E06000033", "E06000056", "E23000008", "evil"]
    assert body["data-edges-drawn"] == "2"


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) bytes of an 8-bit non-interlaced PNG, as
    Chromium writes them (no imaging library needed)."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    chunks, at = {}, 8
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        name = data[at + 4:at + 8]
        chunks.setdefault(name, []).append(data[at + 8:at + 8 + length])
        at += 12 + length
    header = chunks[b"IHDR"][0]
    width, height, depth, colour, interlace = (int.from_bytes(header[0:4], "big"),
                                               int.from_bytes(header[4:8], "big"), header[8], header[9], header[12])
    assert depth == 8 and colour in (2, 6) and interlace == 0
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    rows, previous, stride = [], bytes(width * step), width * step
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up = previous[i]
            corner = previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


@needs_chromium
def test_browser_screenshot(page_url, tmp_path):
    picture = tmp_path / "page.png"
    run_chromium(tmp_path, f"{page_url}?search=Essex%20Police", f"--screenshot={picture}")
    data = picture.read_bytes()
    width, height, rows = png_pixels(data)
    assert (width, height) == (1280, 800)
    # The drawing area (left of the 340px side panel) shows nodes in the type
    # colours: council blue and police green, not a blank canvas.
    step = len(rows[0]) // width
    colours = {bytes(row[i:i + 3]) for row in rows[40:] for i in range(0, (width - 360) * step, step)}
    assert bytes.fromhex("1f78b4") in colours and bytes.fromhex("33a02c") in colours


# ---- end to end: reports -> store -> `skg export html` -> browser ----------------

@pytest.fixture(scope="module")
def exported_page(tmp_path_factory):
    """The page `skg export html` writes for a store holding two seed reports
    (a 2011 Essex inspection naming Essex Police, and Southend's peer review)."""
    from click.testing import CliRunner

    from safeguarding_kg.cli import cli

    folder = tmp_path_factory.mktemp("export")
    reports = Path(__file__).parent.parent / "reports"
    names = ["000_371523681b96652b.txt", "004_10e96bc9d1d994b1.txt"]
    runner = CliRunner()
    loaded = runner.invoke(cli, ["load", *[str(reports / n) for n in names], "--store", str(folder / "store")])
    assert loaded.exit_code == 0, loaded.output
    page = folder / "network.html"
    result = runner.invoke(cli, ["export", "html", "--output", str(page), "--store", str(folder / "store")])
    assert result.exit_code == 0, result.output
    return page


def test_export_html_from_a_store(exported_page):
    block = re.search(r'id="graph-data">(.*?)</script>', exported_page.read_text(encoding="utf-8"), re.S).group(1)
    data = json.loads(block)
    labels = {n["label"] for n in data["nodes"]}
    assert "Essex Police" in labels
    police = next(n for n in data["nodes"] if n["label"] == "Essex Police")
    assert police["type"] == "police-force" and police["report_iris"]
    assert {e["kind"] for e in data["edges"]} >= {"partner", "peer-review"}


@needs_chromium
def test_exported_page_in_the_browser(exported_page, tmp_path):
    url = f"{exported_page.resolve().as_uri()}?search=essex%20police"
    body = body_attributes(run_chromium(tmp_path, url, "--dump-dom"))
    assert "data-error" not in body
    total = len(json.loads(re.search(r'id="graph-data">(.*?)</script>',
                                     exported_page.read_text(encoding="utf-8"), re.S).group(1))["nodes"])
    assert body["data-nodes-drawn"] == body["data-nodes-total"] == str(total)
    assert body["data-found-label"] == "Essex Police"
