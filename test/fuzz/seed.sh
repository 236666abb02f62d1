#!/bin/sh
# seed.sh OUTDIR [SRCDIR]
#	Build a libFuzzer seed corpus: every CERTIFICATE PEM block of
#	test/fixtures/*.pem and, when present, ../shared/zlint-corpus/testdata,
#	decoded to DER, plus the malformed test/fixtures/*.der and the past
#	crashers in test/fuzz/regressions as they are.
#	Each seed is named by its SHA-1 so reruns do not duplicate files.
set -eu

out=${1:?usage: seed.sh OUTDIR [SRCDIR]}
src=${2:-.}
zlint="$src/../shared/zlint-corpus/testdata"
mkdir -p "$out"

python3 - "$out" "$src/test/fixtures" "$src/test/fuzz/regressions" "$zlint" <<'PY'
import base64, glob, hashlib, os, re, sys

out, dirs = sys.argv[1], sys.argv[2:]
block = re.compile(rb"-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----(.*?)-----END", re.S)
counts = {}
for d in dirs:
    if not os.path.isdir(d):
        print(f"seed.sh: {d} not present, skipped")
        continue
    n = 0
    for path in sorted(glob.glob(os.path.join(d, "**", "*"), recursive=True)):
        if not os.path.isfile(path) or path.endswith("README"):
            continue
        data = open(path, "rb").read()
        ders = []
        if path.endswith(".der") or "/regressions/" in path:
            ders.append(data)
        else:
            for m in block.finditer(data):
                try:
                    ders.append(base64.b64decode(re.sub(rb"\s", b"", m.group(1)), validate=False))
                except Exception:
                    pass
        for der in ders:
            with open(os.path.join(out, hashlib.sha1(der).hexdigest()), "wb") as f:
                f.write(der)
            n += 1
    counts[d] = n
# issuer || certificate pairs, which fuzz.c reads as a chain: each fixture
# after each of the two fixture CAs.
fx = dirs[0]
cas = []
for ca in ("good_root", "good_tls_ca"):
    path = os.path.join(fx, ca + ".pem")
    if os.path.isfile(path):
        m = block.search(open(path, "rb").read())
        if m:
            cas.append(base64.b64decode(re.sub(rb"\s", b"", m.group(1))))
pairs = 0
if cas:
    for path in sorted(glob.glob(os.path.join(fx, "*.pem"))):
        m = block.search(open(path, "rb").read())
        if not m:
            continue
        der = base64.b64decode(re.sub(rb"\s", b"", m.group(1)))
        for ca in cas:
            pair = ca + der
            with open(os.path.join(out, hashlib.sha1(pair).hexdigest()), "wb") as f:
                f.write(pair)
            pairs += 1
for d, n in counts.items():
    print(f"seed.sh: {n} seeds from {d}")
print(f"seed.sh: {pairs} issuer+certificate pairs")
PY
echo "seed.sh: $(ls "$out" | wc -l) distinct seeds in $out"
