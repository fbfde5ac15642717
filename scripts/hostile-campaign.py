#!/usr/bin/env python3
"""A reliability campaign against the scanctl binary: builds a folder of hostile inputs (special files,
links, names that are not UTF-8 or hold line breaks, damaged and truncated scans, decompression bombs,
encrypted PDFs, OCRmyPDF's and Paperless-ngx's edge cases from ../shared/corpus), runs scanctl on it
and on a few inputs given by name, each under a time limit, and counts what happened to every entry:
processed (filed or in review), named (skipped with a reason), quarantined, duplicate, crashed, hung,
or lost (none of these: the failure issue 14 is about).

    scripts/hostile-campaign.py [--scanctl .build/release/scanctl] [--corpus ../shared/corpus] [--timeout 1800]
"""
import argparse, json, os, shutil, socket, subprocess, sys, tempfile, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
parser = argparse.ArgumentParser()
parser.add_argument("--scanctl", default=str(root / ".build/release/scanctl"))
parser.add_argument("--corpus", default=str(root.parent / "shared/corpus"))
parser.add_argument("--timeout", type=int, default=1800)
parser.add_argument("--jobs", default="2")
args = parser.parse_args()
corpus = Path(args.corpus)
samples = root / "samples/batch"

work = Path(tempfile.mkdtemp(prefix="scanctl-campaign-"))
inbox = work / "inbox"
(inbox / "sub").mkdir(parents=True)
(work / "outside").mkdir()
(work / "outside" / "secret.tif").write_bytes(b"outside the inbox")

def put(name, data):
    path = os.path.join(bytes(inbox), name if isinstance(name, bytes) else name.encode())
    with open(path, "wb") as f:
        f.write(data)

letter = (samples / "03-hundesteuer-abmeldung.jpg").read_bytes()
# Special files and links.
os.mkfifo(inbox / "fifo.tif")
os.symlink("/dev/zero", inbox / "zero.jpg")
os.symlink("/dev/null", inbox / "null.png")
os.symlink("/etc/passwd", inbox / "passwd.tif")
os.symlink("../outside", inbox / "outside-folder")
os.symlink("../outside/secret.tif", inbox / "outside.tif")
os.symlink("nowhere.tif", inbox / "dangling.tif")
os.symlink(".", inbox / "sub" / "loop")
os.symlink("../letter.jpg", inbox / "sub" / "again.jpg")
sock = socket.socket(socket.AF_UNIX)
sock.bind(str(inbox / "socket.tif"))
put("letter.jpg", letter)
put(".hidden.jpg", (samples / "06-kita-platz.jpg").read_bytes())
(inbox / ".hidden-folder").mkdir()
put(".hidden-folder/inside.png", (samples / "08-strassenschaden.png").read_bytes())
# Names.
put(b"B\xfcrger-latin1.png", (samples / "08-strassenschaden.png").read_bytes())
put("evil\nQuality check:     passed.tif", b"not a scan")
put("bidi\u202egpj.tif", b"neither")
put("Leerzeichen und Umlaute äöü.jpg", (samples / "06-kita-platz.jpg").read_bytes())
# Damaged content.
put("empty.tif", b"")
put("html.png", b"<!DOCTYPE html><html>not an image</html>")
put("text.jpg", "Sehr geehrte Damen und Herren".encode())
put("random.tif", os.urandom(4096))
put("zip.pdf", b"PK\x03\x04" + os.urandom(200))
for sample in sorted(samples.iterdir()):
    data = sample.read_bytes()
    put("truncated-half-" + sample.name, data[: len(data) // 2])
    put("truncated-head-" + sample.name, data[:64])
# Corpus edge cases.
def copy_all(folder, prefix):
    if not folder.is_dir():
        return 0
    count = 0
    for item in sorted(folder.iterdir()):
        if item.is_file() and not item.name.endswith((".txt", ".rst", ".hocr", ".odt", ".md")):
            shutil.copyfile(item, inbox / f"{prefix}-{item.name}")
            count += 1
    return count
copy_all(corpus / "scans/docspell/bombs", "bomb")
copy_all(corpus / "scans/docspell/secured", "secured")
copy_all(corpus / "scans/ocrmypdf/tests/resources", "ocrmypdf")
copy_all(corpus / "scans/paperless/src/paperless/tests/samples/tesseract", "paperless")

def entries(folder):
    """Every entry a walk meets, without following links (a link or special file counts once)."""
    found = []
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False) and not entry.name.startswith(b"."):
            found += entries(entry.path)
        else:
            found.append(entry.path)
    return found

tried = entries(bytes(inbox))

def run(arguments, timeout):
    started = time.time()
    try:
        result = subprocess.run([args.scanctl, "run", *arguments, "--workspace", str(work / "ws"), "--json", "--quiet",
                                 "--jobs", args.jobs], capture_output=True, timeout=timeout,
                                env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        return result.returncode, result.stdout, result.stderr, time.time() - started, False
    except subprocess.TimeoutExpired as timeout_error:
        return None, timeout_error.stdout or b"", timeout_error.stderr or b"", time.time() - started, True

# The folder is given through a link, with a trailing slash (once "0 input(s) to process").
os.symlink(inbox, work / "inbox-link")
status, out, err, seconds, hung = run([str(work / "inbox-link") + "/"], args.timeout)
summary = json.loads(out)["summary"] if out.strip() and not hung else {}
documents = summary.get("documents", [])
sources = {d["source"] for d in documents}
skipped = summary.get("skipped", [])
crashed = status is not None and (status < 0 or status not in (0, 1))
report = {
    "entries tried": len(tried),
    "documents (filed / review / quarantined)": [sum(d["state"] == s for d in documents) for s in ("filed", "needs-review", "quarantined")],
    "source files processed": len(sources),
    "duplicates": summary.get("duplicates", 0),
    "quarantine codes": dict(sorted(__import__("collections").Counter(
        (d.get("note") or "").rsplit("[", 1)[-1].rstrip("]") for d in documents if d["state"] == "quarantined").items())),
    "named (skipped with a reason)": len(skipped),
    "skip codes": sorted({s["code"] for s in skipped}),
    "exit status": status,
    "crashed": int(crashed),
    "hung": int(hung),
    "seconds": round(seconds, 1),
}
report["lost (neither processed, named, quarantined nor duplicate)"] = (
    len(tried) - len(sources) - summary.get("duplicates", 0) - len(skipped)) if summary else "unknown"

# Given by name: a FIFO, a device link, a name that is not UTF-8, a missing file.
given = [os.path.join(bytes(inbox), b"fifo.tif"), os.path.join(bytes(inbox), b"zero.jpg"),
         os.path.join(bytes(inbox), b"B\xfcrger-latin1.png"), b"/nonexistent/scan.tif"]
status2, out2, err2, seconds2, hung2 = run([os.fsdecode(g) for g in given], 300)
summary2 = json.loads(out2)["summary"] if out2.strip() and not hung2 else {}
report["given by name"] = {
    "tried": len(given),
    "named": len(summary2.get("skipped", [])),
    "quarantined": summary2.get("quarantined", 0),
    "duplicates": summary2.get("duplicates", 0),
    "processed": summary2.get("filed", 0) + summary2.get("needsReview", 0),
    "crashed": int(status2 is not None and status2 not in (0, 1)),
    "hung": int(hung2),
    "seconds": round(seconds2, 1),
}
verify = subprocess.run([args.scanctl, "audit", "verify", "--workspace", str(work / "ws")], capture_output=True)
report["audit verify exit status"] = verify.returncode
print(json.dumps(report, indent=2, ensure_ascii=False))
if hung or crashed:
    sys.stderr.write(err.decode(errors="replace")[-3000:])
sock.close()
shutil.rmtree(work, ignore_errors=True)
