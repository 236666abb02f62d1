#!/usr/bin/env python3
"""The conformance suite through SQL: both paths must agree.

    python3 test/conformance/sql_sample.py [--corpus DIR] [--every K]

Takes every K-th row (default: enough for at least 250) of ZLint's
expected.tsv whose lint profcheck implements, loads those certificates into
a database of its own in the cluster named by PGHOST/PGPORT, and checks:
  - profcheck.lint() gives the verdict ZLint's corpus expects (or the row is
    a justified exception in test/conformance/exceptions.tsv), and
  - for every sampled file, lint() in SQL and build/profcheck-lint report the
    same rules at the same severities.
Skips cleanly when the corpus is absent.  Ends with "N passed, N failed".
"""
import argparse
import base64
import csv
import io
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEM = re.compile(rb"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", re.S)
SEV = {"Error": "error", "Warn": "warn", "Notice": "notice"}


def psql(sql, stdin=None):
    out = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--csv", "-c", sql],
                         input=stdin, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("sql_sample: psql failed: " + out.stderr.strip())
    return list(csv.reader(io.StringIO(out.stdout)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.environ.get("PC_ZLINT_CORPUS",
                                                      os.path.join(ROOT, "..", "shared", "zlint-corpus")))
    ap.add_argument("--every", type=int, default=0)
    a = ap.parse_args()
    expected = os.path.join(a.corpus, "expected.tsv")
    if not os.path.exists(expected):
        print(f"sql_sample: ZLint corpus not found at {a.corpus}; skipping")
        return 0

    cli = os.path.join(ROOT, "build", "profcheck-lint")
    rules = {line.split("\t")[0] for line in
             subprocess.run([cli, "--rules"], capture_output=True, text=True, check=True).stdout.splitlines()}
    exceptions = set()
    with open(os.path.join(ROOT, "test", "conformance", "exceptions.tsv")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                lint, file = line.split("\t")[:2]
                exceptions.add((lint, file))

    rows = []
    with open(expected) as f:
        for line in f:
            if line.startswith("#"):
                continue
            lint, file, kind, verdict, config = (line.rstrip("\n").split("\t") + [""])[:5]
            name = lint.replace(" ", "_")
            if kind == "cert" and not config and name in rules:
                rows.append((lint, name, file, verdict))
    every = a.every or max(1, len(rows) // 250)
    sample = rows[::every]

    ders = {}
    for _, _, file, _ in sample:
        if file in ders:
            continue
        with open(os.path.join(a.corpus, "testdata", file), "rb") as f:
            m = PEM.search(f.read())
        if m:
            ders[file] = base64.b64decode(b"".join(m.group(1).split()))

    # SQL: a database of its own with the extension, dropped at the end
    db = "pc_conformance_sql"
    subprocess.run(["dropdb", "--if-exists", db], capture_output=True)
    subprocess.run(["createdb", db], check=True)
    os.environ["PGDATABASE"] = db
    psql("CREATE EXTENSION profcheck")
    psql("DROP TABLE IF EXISTS pc_conformance_sample; "
         "CREATE TABLE pc_conformance_sample (file text PRIMARY KEY, der bytea NOT NULL)")
    copy = "".join(f"{file}\t\\\\x{der.hex()}\n" for file, der in sorted(ders.items()))
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                    "\\copy pc_conformance_sample FROM STDIN"], input=copy, text=True, check=True)
    sql = {}
    for file, rule, sev in psql("SELECT s.file, l.rule, l.severity FROM pc_conformance_sample s, "
                                "LATERAL profcheck.lint(s.der) l")[1:]:
        sql.setdefault(file, set()).add((rule, sev))
    os.environ.pop("PGDATABASE")
    subprocess.run(["dropdb", "--if-exists", db], capture_output=True)

    # the core, through the command-line linter
    core = {}
    tmp = os.path.join(ROOT, "build", "conformance-sample")
    os.makedirs(tmp, exist_ok=True)
    paths = []
    for i, (file, der) in enumerate(sorted(ders.items())):
        p = os.path.join(tmp, f"{i}.der")
        with open(p, "wb") as f:
            f.write(der)
        paths.append((p, file))
    out = subprocess.run([cli, "--format", "json"] + [p for p, _ in paths],
                         capture_output=True, text=True)
    byinput = {e["input"]: e for e in json.loads(out.stdout)}
    for p, file in paths:
        core[file] = {(f["rule"], f["severity"]) for f in byinput[p]["findings"]}

    passed = failed = 0
    for file in sorted(ders):
        if sql.get(file, set()) == core.get(file, set()):
            passed += 1
        else:
            failed += 1
            print(f"DIFFER {file}: SQL only {sorted(sql.get(file, set()) - core.get(file, set()))}, "
                  f"core only {sorted(core.get(file, set()) - sql.get(file, set()))}")
    for lint, name, file, verdict in sample:
        if file not in ders:
            continue
        got = {sev for rule, sev in sql.get(file, set()) if rule == name}
        ok = (got == {SEV[verdict]}) if verdict in SEV else not got
        if ok or (lint, file) in exceptions:
            passed += 1
        else:
            failed += 1
            print(f"DISAGREE {lint} {file}: ZLint expects {verdict}, SQL lint gives {sorted(got) or 'nothing'}")
    print(f"sql_sample: {len(sample)} corpus rows through SQL ({len(ders)} certificates), "
          f"and SQL versus core on each certificate")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
