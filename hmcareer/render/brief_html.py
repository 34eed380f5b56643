"""The career brief as one self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched.

The page prints on A4 and Letter alike (@page margins, no fixed size), keeps tables and charts whole on a page, and
meets basic accessibility: a language, headings in order, charts as images with a title and description, dark text
on a light ground. Every data text is escaped; a link goes only to an http(s) address, and a Content-Security-Policy
forbids the page to load anything.
"""

from __future__ import annotations

from html import escape

from .brief_doc import (
    BoxPlot,
    BriefDocument,
    Charts,
    Heading,
    Inline,
    Items,
    Link,
    Para,
    Ref,
    Side,
    Sources,
    Strong,
    Table,
    source_line,
)
from .svg import bar_chart, box_plot

CSS = """
:root { color: #1a1a1a; background: #ffffff; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif;
       max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6em; margin: 0 0 .2rem; }
h2 { font-size: 1.2em; margin: 1.4rem 0 .4rem; padding-bottom: .15rem; border-bottom: 2px solid #1f4e79; color: #1f4e79; }
h3 { font-size: 1.05em; margin: 1rem 0 .3rem; }
p { margin: .35rem 0; }
.subtitle { font-size: 1.05em; color: #333333; margin: 0 0 .6rem; }
.note { font-size: .9em; color: #4a4a4a; }
ul, ol { margin: .3rem 0 .5rem; padding-left: 1.4rem; }
li { margin: .15rem 0; }
sup.ref { font-size: .7em; line-height: 0; }
sup.ref a { color: #1f4e79; text-decoration: none; }
a { color: #1f4e79; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .6rem; font-size: .9em; }
caption { text-align: left; font-weight: bold; margin-bottom: .2rem; }
th, td { padding: .2rem .4rem; border-bottom: 1px solid #c8c8c8; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #1a1a1a; }
tbody th { font-weight: normal; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
figure { margin: .4rem 0 .8rem; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2rem; align-items: start; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; align-items: start; }
figcaption { font-size: .9em; font-weight: bold; margin-bottom: .2rem; }
svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
ol.sources { font-size: .85em; }
ol.sources li { overflow-wrap: anywhere; }
@page { margin: 10mm 11mm 11mm; }
@media print {
  body { font-size: 8.8pt; line-height: 1.22; max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 15pt; }
  h2 { font-size: 11pt; margin: .8em 0 .25em; color: #1a1a1a; border-bottom-color: #1a1a1a; }
  h3 { font-size: 10pt; margin: .5em 0 .2em; }
  h2, h3, caption, figcaption { break-after: avoid; page-break-after: avoid; }
  table, figure, li { break-inside: avoid; page-break-inside: avoid; }
  p { margin: .2rem 0; }
  li { margin: 0; }
  ul, ol { margin: .15em 0 .3em; }
  table { font-size: 8.5pt; margin: .2rem 0 .3rem; }
  figure { margin: .2rem 0 .4rem; }
  a { color: #1a1a1a; }
  ul.short { columns: 2; column-gap: 6mm; }
  ol.sources { font-size: 6.5pt; line-height: 1.12; columns: 2; column-gap: 6mm; padding-left: 1.6rem; }
}
"""
# Nothing may be loaded: no script, image, font, frame or connection; the page's own <style> only.
CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _href(url: str) -> str | None:
    """A link target for a web address, escaped; None for anything else (a `javascript:` value in data, say)."""
    return escape(url, quote=True) if url.lower().startswith(("https://", "http://")) else None


def _inline(parts: Inline) -> str:
    out = []
    for part in parts:
        if isinstance(part, Ref):
            refs = ", ".join(f'<a href="#source-{n}" aria-label="source {n}">{n}</a>' for n in part.numbers)
            out.append(f'<sup class="ref">[{refs}]</sup>')
        elif isinstance(part, Link):
            href = _href(part.url)
            out.append(f'<a href="{href}">{escape(part.text)}</a>' if href else escape(part.text))
        elif isinstance(part, Strong):
            out.append(f"<strong>{escape(part.text)}</strong>")
        else:
            out.append(escape(part))
    return "".join(out)


def _table(block: Table) -> str:
    head = "".join(f'<th scope="col"{" class=num" if right else ""}>{escape(h)}</th>'
                   for h, right in zip(block.header, block.numeric, strict=True))
    rows = []
    for row in block.rows:
        cells = [f'<th scope="row">{escape(row[0])}</th>']
        cells += [f'<td{" class=num" if right else ""}>{escape(cell)}</td>'
                  for cell, right in zip(row[1:], block.numeric[1:], strict=True)]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<table>\n<caption>{escape(block.caption)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table>")


def brief_html(doc: BriefDocument) -> str:
    body: list[str] = [f"<header>\n<h1>{escape(doc.title)}</h1>"]
    if doc.subtitle:
        body.append(f'<p class="subtitle">{escape(doc.subtitle)}</p>')
    body.append("</header>")
    body += _blocks(doc.blocks, [0])
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(doc.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


def _blocks(blocks: tuple, counter: list[int]) -> list[str]:
    """The blocks as HTML; `counter` numbers the charts (their ids) across the page."""
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Side):
            body.append('<div class="side">\n<div>\n' + "\n".join(_blocks(block.left, counter)) + "\n</div>\n<div>\n"
                        + "\n".join(_blocks(block.right, counter)) + "\n</div>\n</div>")
        elif isinstance(block, Heading):
            body.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            body.append(f'<p{" class=note" if block.note else ""}>{_inline(block.parts)}</p>')
        elif isinstance(block, Items):
            tag = "ol" if block.ordered else "ul"
            items = "\n".join(f"<li>{_inline(item)}</li>" for item in block.items)
            body.append(f"<{tag}{' class=short' if block.short else ''}>\n{items}\n</{tag}>")
        elif isinstance(block, Table):
            if not block.charted:  # the page's charts give its figures
                body.append(_table(block))
        elif isinstance(block, Charts):
            figures = []
            for chart in block.charts:
                counter[0] += 1
                chart_id = f"chart{counter[0]}"
                svg = box_plot(chart, chart_id) if isinstance(chart, BoxPlot) else bar_chart(chart, chart_id)
                figures.append(f'<figure>\n<figcaption aria-hidden="true">{escape(chart.title)}</figcaption>\n{svg}\n'
                               "</figure>")
            body.append('<div class="charts">\n' + "\n".join(figures) + "\n</div>")
        elif isinstance(block, Sources):
            items = []
            for n, s in enumerate(block.sources, 1):
                what, date, url = source_line(s)
                href = _href(url) if url else None
                address = f', <a href="{href}">{escape(url)}</a>' if href else (f", {escape(url)}" if url else "")
                items.append(f'<li id="source-{n}">{escape(what)}, {escape(date)}{address}</li>')
            body.append('<ol class="sources">\n' + "\n".join(items) + "\n</ol>")
    return body
