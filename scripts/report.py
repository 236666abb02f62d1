#!/usr/bin/env python3
"""Write a self-contained HTML compliance report from any database with profcheck.

    python3 scripts/report.py --table certificate [--column der] [--key id]
                              [--issued issued_at] [--revoked revoked_at]
                              [--out report.html] [--no-scan]

Connection settings come from the usual libpq variables (PGHOST, PGPORT,
PGUSER, PGDATABASE); queries go through psql, so nothing beyond Python's
standard library is needed.  Unless --no-scan is given, the report first runs
profcheck.scan() on the table, which lints only what is new since the last
scan.  The page has no external resources: tables and inline SVG charts.
"""
import argparse
import csv
import datetime
import html
import io
import subprocess
import sys

PALETTE = ["#b2182b", "#ef8a62", "#2166ac", "#67a9cf", "#1b7837", "#7fbf7b",
           "#762a83", "#af8dc3", "#8c510a", "#d8b365", "#01665e", "#5ab4ac"]


def psql(sql, *params):
    """Run one statement with psql variables as parameters; rows as dicts."""
    cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--csv"]
    for i, p in enumerate(params):
        cmd += ["-v", f"p{i}={p}"]
    out = subprocess.run(cmd, input=sql, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"report: psql failed: {out.stderr.strip()}")
    return list(csv.DictReader(io.StringIO(out.stdout)))


def esc(v):
    return html.escape("" if v is None else str(v))


def table(rows, columns, numeric=()):
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    body = []
    for r in rows:
        cells = "".join(
            f'<td class="{"n" if c in numeric else ""}">{esc(r.get(c))}</td>' for c in columns)
        body.append(f"<tr>{cells}</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(columns)}"><em>none</em></td></tr>')
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def stacked_bars(months, series, title):
    """Stacked bar chart: months on x, one colour per rule."""
    width, height, left, bottom, top = 900, 320, 50, 60, 20
    totals = [sum(series[s].get(m, 0) for s in series) for m in months]
    peak = max(totals + [1])
    bw = (width - left - 10) / max(len(months), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="{esc(title)}">',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="#444"/>',
             f'<text x="5" y="{top}" font-size="11">{peak}</text>',
             f'<text x="5" y="{height - bottom}" font-size="11">0</text>']
    colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(series)}
    for i, m in enumerate(months):
        y = height - bottom
        for s in series:
            v = series[s].get(m, 0)
            if not v:
                continue
            h = (height - bottom - top) * v / peak
            y -= h
            parts.append(f'<rect x="{left + i * bw + 1:.1f}" y="{y:.1f}" width="{max(bw - 2, 1):.1f}" '
                         f'height="{h:.1f}" fill="{colours[s]}"><title>{esc(m)} {esc(s)}: {v}</title></rect>')
        if len(months) <= 24 or i % max(len(months) // 24, 1) == 0:
            parts.append(f'<text x="{left + i * bw + bw / 2:.1f}" y="{height - bottom + 12}" font-size="9" '
                         f'text-anchor="end" transform="rotate(-45 {left + i * bw + bw / 2:.1f} '
                         f'{height - bottom + 12})">{esc(m[:7])}</text>')
    parts.append("</svg>")
    legend = "".join(f'<span class="key"><span class="sw" style="background:{colours[s]}"></span>{esc(s)}</span>'
                     for s in series)
    return "".join(parts) + f'<div class="legend">{legend}</div>'


def hbars(rows, label, value, fmt):
    """Horizontal bars, one per row."""
    width, bar_h = 900, 22
    height = bar_h * len(rows) + 10
    peak = max([float(r[value]) for r in rows] + [1e-9])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{max(height, 30)}">']
    for i, r in enumerate(rows):
        v = float(r[value])
        w = 420 * v / peak
        parts.append(f'<text x="0" y="{i * bar_h + 15}" font-size="11">{esc(r[label][:60])}</text>'
                     f'<rect x="400" y="{i * bar_h + 4}" width="{w:.1f}" height="{bar_h - 8}" fill="#b2182b"/>'
                     f'<text x="{405 + w:.1f}" y="{i * bar_h + 15}" font-size="11">{esc(fmt(v))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--table", required=True)
    ap.add_argument("--column", default="der")
    ap.add_argument("--key", default="id")
    ap.add_argument("--issued")
    ap.add_argument("--revoked")
    ap.add_argument("--out", default="profcheck-report.html")
    ap.add_argument("--no-scan", action="store_true")
    a = ap.parse_args()

    if not a.no_scan:
        psql("CALL profcheck.scan(:'p0', :'p1', :'p2')", a.table, a.column, a.key)
    meta = psql("SELECT current_database() AS db, profcheck.ruleset_version() AS ruleset, "
                "(SELECT count(*) FROM profcheck.rules) AS rules, now()::timestamp(0) AS at")[0]
    summary = psql(
        "SELECT rule, severity, certificates, first_issued::date AS first_issued, "
        "last_issued::date AS last_issued, unrevoked, revoked_late, citation "
        "FROM profcheck.incident_summary(:'p0', :'p1', NULLIF(:'p2', ''), NULLIF(:'p3', ''))",
        a.table, a.column, a.issued or "", a.revoked or "")
    monthly = psql(
        "SELECT to_char(month, 'YYYY-MM') AS month, rule, sum(certificates) AS n "
        "FROM profcheck.findings_monthly WHERE certs = :'p0'::regclass AND severity >= 'error' "
        "AND month IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2", a.table)
    share = psql("SELECT coalesce(issuer, '(undecodable)') AS issuer, certificates, with_errors, error_share "
                 "FROM profcheck.issuer_error_share(:'p0', :'p1')", a.table, a.column)
    recent = psql("SELECT rule, severity, first_not_before::date AS first_not_before, certificates_in_period "
                  "FROM profcheck.rules_first_fired(now() - interval '1 year') WHERE certs = :'p0'::regclass",
                  a.table)

    months = sorted({r["month"] for r in monthly})
    if months:
        # fill the gaps so time reads left to right at an even pace
        y, m = map(int, months[0].split("-"))
        ly, lm = map(int, months[-1].split("-"))
        months = []
        while (y, m) <= (ly, lm):
            months.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    series = {}
    for r in monthly:
        series.setdefault(r["rule"], {})[r["month"]] = int(r["n"])

    total = sum(int(r["certificates"]) for r in share)
    bad = sum(int(r["with_errors"]) for r in share)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>profcheck compliance report: {esc(a.table)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1100px; }}
h1 {{ font-size: 1.5em; }} h2 {{ font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ccc; }}
table {{ border-collapse: collapse; font-size: 0.85em; }}
th, td {{ border: 1px solid #ccc; padding: 3px 8px; text-align: left; max-width: 30em; overflow-wrap: break-word; }}
th {{ white-space: nowrap; }} td.n {{ white-space: nowrap; }}
th {{ background: #f3f3f3; }} td.n {{ text-align: right; }}
.legend {{ font-size: 0.8em; }} .key {{ margin-right: 1em; white-space: nowrap; }}
.sw {{ display: inline-block; width: 10px; height: 10px; margin-right: 4px; }}
.big {{ font-size: 1.6em; font-weight: bold; }}
</style></head><body>
<h1>profcheck compliance report</h1>
<p>Database <b>{esc(meta['db'])}</b>, table <b>{esc(a.table)}</b> (column {esc(a.column)}),
generated {esc(meta['at'])} UTC with rule set {esc(meta['ruleset'])} ({esc(meta['rules'])} rules).
Each rule is applied only within its effective window, judged at the certificate's notBefore.</p>
<p><span class="big">{total}</span> certificates, <span class="big">{bad}</span> with error findings.</p>
<h2>Problems (incident report, section 4)</h2>
{table(summary, ['rule', 'severity', 'certificates', 'first_issued', 'last_issued', 'unrevoked', 'revoked_late', 'citation'],
       numeric=('certificates', 'unrevoked', 'revoked_late'))}
<h2>Error findings per month of issuance (one per certificate and rule)</h2>
{stacked_bars(months, series, 'findings per month') if months else '<p><em>none</em></p>'}
<h2>Share of certificates with errors, per issuer</h2>
{hbars(share, 'issuer', 'error_share', lambda v: f'{100 * v:.1f}%') if share else '<p><em>none</em></p>'}
{table(share, ['issuer', 'certificates', 'with_errors', 'error_share'], numeric=('certificates', 'with_errors', 'error_share'))}
<h2>Rules that fired for the first time in the last year</h2>
{table(recent, ['rule', 'severity', 'first_not_before', 'certificates_in_period'], numeric=('certificates_in_period',))}
<p style="font-size:0.8em;color:#666">Fingerprints per problem: SELECT sha256_fingerprints FROM
profcheck.incident_summary('{esc(a.table)}'); CCADB appendix: profcheck.ccadb_appendix('{esc(a.table)}', rule).</p>
</body></html>
"""
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(page)
    print(f"report: wrote {a.out} ({len(summary)} problems, {total} certificates)")


if __name__ == "__main__":
    main()
