"""The GP report as one A4 PDF, rendered by WeasyPrint from an HTML template.

The page carries its own print stylesheet (templates/export/report_pdf.html)
and the chart is inline SVG, so nothing is fetched: the fetcher allows only
data: URLs, and no request can leave the server while a report renders.
"""

from __future__ import annotations

import base64
import datetime
import logging
import re

from django.template.loader import render_to_string

from diary.export.report import GPReport

# WeasyPrint reports each rendering step at INFO (and some already while it
# is imported); with the app's root logger at INFO that is lines of noise in
# the server log for every PDF. Set before the import for that reason.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def chart_data_uri(svg: str) -> str:
    """The chart as a data: URL for an <img>. WeasyPrint's HTML parser is
    pure Python and slow on the hundreds of elements of a year's chart (0.9
    of 1.5 seconds, bench/pdf.py); as an image the SVG goes through its
    XML parser instead."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


# The dots' tooltips (<title> per day) mean nothing on paper and double the
# nodes WeasyPrint walks when it draws the chart.
DOT_TOOLTIP = re.compile(r"<title>[^<]*</title></circle>")


def report_html(report: GPReport, made_on: datetime.date) -> str:
    svg = DOT_TOOLTIP.sub("</circle>", report.chart_svg)
    return render_to_string(
        "export/report_pdf.html",
        {"report": report, "made_on": made_on, "chart_img": chart_data_uri(svg)},
    )


def render_pdf(report: GPReport, made_on: datetime.date) -> bytes:
    # Imported here, not at the top: urls.py imports this module, and
    # WeasyPrint needs pango when it is imported, so manage.py check and
    # migrate would fail on a server without it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"])
    return HTML(string=report_html(report, made_on), url_fetcher=fetcher).write_pdf()


def filename(report: GPReport, extension: str) -> str:
    """heupdagboek-2026-08-24-2026-11-22.pdf: sorts well and says the period."""
    return f"heupdagboek-{report.start.isoformat()}-{report.end.isoformat()}.{extension}"
