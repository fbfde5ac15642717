#!/usr/bin/env bash
# Benchmark (not a test): the browser's review queue at 10,000 documents. The sample batch is run
# once; its documents' rows are then copied in the database as synthetic documents (each with its
# record's metadata as a pending update, so that every reader treats them as real records) up to
# N documents (default 10,000). Side by side on the same workspace, in one run:
#   - `scanctl review list --state all --below 0.9` (the CLI reads every record's metadata)
#   - GET /pruefliste?state=all&unter=0.9 (a filtered queue page, 50 rows) and GET /dokumente/ID
#     (a real document's page) and GET / (the Posteingang's per-batch counts) from `scanctl serve`,
#     logged in, medians over REPEAT requests
# Target: queue, document and Posteingang page each < 200 ms at the median.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
REPEAT=${REPEAT:-30}
CONFIG=${CONFIG:-release}
scripts/setup.sh >&2
swift build -c "$CONFIG" --product scanctl >&2
scanctl=$PWD/.build/$CONFIG/scanctl
export OMP_THREAD_LIMIT=1

work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
ws=$work/ws
"$scanctl" run samples/batch --workspace "$ws" --jobs 2 >/dev/null 2>&1 || true
echo "bench-passwort-1" | "$scanctl" user add admin --role admin --workspace "$ws" >/dev/null
printf 'bench-passwort-1\nbench-passwort-1\n' | "$scanctl" user add rm --role records-manager --as admin --workspace "$ws" >/dev/null

python3 - "$ws/scanctl.sqlite" "$N" <<'PY'
import sqlite3, sys, uuid, json
db = sqlite3.connect(sys.argv[1]); n = int(sys.argv[2])
rows = db.execute("SELECT * FROM document WHERE recordPath IS NOT NULL").fetchall()
cols = [c[1] for c in db.execute("PRAGMA table_info(document)")]
have = db.execute("SELECT COUNT(*) FROM document").fetchone()[0]
i = 0
while have < n:
    src = dict(zip(cols, rows[i % len(rows)])); i += 1
    meta = json.load(open(sys.argv[1].rsplit('/', 1)[0] + '/' + src['recordPath'] + '/metadata.json'))
    new = str(uuid.uuid4()); meta['record'] = new
    sha = uuid.uuid4().hex + uuid.uuid4().hex
    db.execute("INSERT INTO sourceFile (sha256, batch, path, size, format, ingestedAt) SELECT ?, batch, path || '-' || ?, size, format, ingestedAt FROM sourceFile WHERE sha256 = ?",
               (sha, i, src['sourceFile']))
    src.update(id=new, sourceFile=sha, pendingRecord=json.dumps(meta))
    db.execute(f"INSERT INTO document ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})", [src[c] for c in cols])
    for page in db.execute("SELECT * FROM page WHERE document = ?", (rows[(i - 1) % len(rows)][0],)).fetchall():
        pcols = [c[1] for c in db.execute("PRAGMA table_info(page)")]
        p = dict(zip(pcols, page)); p['document'] = new
        db.execute(f"INSERT INTO page ({','.join(pcols)}) VALUES ({','.join('?' * len(pcols))})", [p[c] for c in pcols])
    have += 1
db.commit()
print(f"{have} documents", file=sys.stderr)
PY
# The synthetic rows' pending updates would be written by the next review; the bench only reads.

cli_start=$(date +%s.%N)
for _ in 1 2 3; do "$scanctl" review list --state all --below 0.9 --workspace "$ws" >/dev/null; done
cli_end=$(date +%s.%N)

port=$((20000 + RANDOM % 20000))
"$scanctl" serve --workspace "$ws" --listen 127.0.0.1:$port --insecure-cookies >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

python3 - "$port" "$REPEAT" "$cli_start" "$cli_end" "$ws/scanctl.sqlite" <<'PY'
import http.cookiejar, urllib.request, urllib.parse, re, time, statistics, sys, sqlite3
port, repeat = sys.argv[1], int(sys.argv[2])
cli = (float(sys.argv[4]) - float(sys.argv[3])) / 3
base = f"http://127.0.0.1:{port}"
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(base + "/anmelden").read().decode()
csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
opener.open(base + "/anmelden", urllib.parse.urlencode({"csrf": csrf, "name": "rm", "passwort": "bench-passwort-1"}).encode())
real = sqlite3.connect(sys.argv[5]).execute("SELECT id FROM document WHERE pendingRecord IS NULL AND recordPath IS NOT NULL LIMIT 1").fetchone()[0]
def median(path):
    times = []
    for _ in range(repeat):
        start = time.perf_counter(); body = opener.open(base + path).read(); times.append(time.perf_counter() - start)
    return statistics.median(times), body
queue, body = median("/pruefliste?state=all&unter=0.9")
total = re.search(rb"Treffer: (\d+)", body).group(1).decode()
document, _ = median(f"/dokumente/{real}")
inbox, _ = median("/")
print(f"CLI review list --state all --below 0.9: {cli*1000:.0f} ms per run")
print(f"queue page (filter matches {total}): median {queue*1000:.1f} ms   ({cli/queue:.0f}x faster than the CLI list)")
print(f"document page: median {document*1000:.1f} ms")
print(f"Posteingang: median {inbox*1000:.1f} ms")
print("target < 200 ms each:", "met" if max(queue, document, inbox) < 0.2 else "NOT met")
PY
