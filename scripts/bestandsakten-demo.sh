#!/usr/bin/env bash
# A Bestandsakten run from the contractor's delivery to the archive, on the shipped sample delivery
# (samples/delivery: four Akten as folders of one-page TIFFs, with manifest.csv):
#   delivery → records (Aktenzeichen from the manifest) → sample check with a defect → rescan →
#   check again → release of the paper (Nachtrag to the Transfervermerk, sealed) → retention due →
#   Anbietung (0501) → the archive's Bewertung (0502) → Aussonderung (0503) → the archive's import
#   receipt (0506) → disposal of the V records with a Löschprotokoll → audit verify.
# The archive's messages (0502, 0506) are written by this script as the archive would.
#
#   bash scripts/bestandsakten-demo.sh [WORKSPACE]     (default: a new temporary folder)
# Needs a built scanctl (.build/release or .build/debug) and ../shared/xdomea for validation.
set -euo pipefail
cd "$(dirname "$0")/.."
scanctl=${SCANCTL:-$( [ -x .build/release/scanctl ] && echo .build/release/scanctl || echo .build/debug/scanctl )}
workspace=${1:-$(mktemp -d /tmp/scanctl-bestandsakten.XXXXXX)/ws}
out=$(dirname "$workspace")/out
mkdir -p "$out"
export SCANCTL_XDOMEA_SCHEMAS=${SCANCTL_XDOMEA_SCHEMAS:-$(cd .. && pwd)/shared/xdomea/schema-3.0.0}
password=demo-passwort-2026
# The password of --as, then (for user add) the new user's, twice: all the same here.
as() { local user=$1; shift; printf '%s\n%s\n%s\n' "$password" "$password" "$password" | "$scanctl" "$@" --workspace "$workspace" --as "$user"; }
step() { printf '\n== %s\n' "$*"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

step "Users: an administrator, a records manager (Schriftgutverwaltung), a Registratur clerk"
printf '%s\n%s\n' "$password" "$password" | "$scanctl" user add admin --role admin --display-name "IT-Service" --workspace "$workspace"
as admin user add mwagner --role records-manager --display-name "Maria Wagner"
as admin user add cbraun --role registratur --display-name "Carla Braun"
"$scanctl" audit seal-key --out "$out/seal.key" >/dev/null

step "The contractor's delivery, one Akte per manifest row"
cat samples/delivery/manifest.csv
"$scanctl" run samples/delivery --akte-from manifest --operator "Scan-Dienstleister Muster GmbH" \
  --seal-key "$out/seal.key" --workspace "$workspace" --quiet
"$scanctl" review list --state all --workspace "$workspace"
batch=$("$scanctl" audit log --workspace "$workspace" --json | json "[e['subjects']['batch'] for e in d if e['action']=='batch.opened'][0]")

step "Sample check (Stichprobe): 40 % of the record pages, seed 2026, at most 1 defect"
as cbraun qa sample --batch "$batch" --rate 40 --seed 2026 --accept 1 --json > "$out/round.json"
pages=$(json "' '.join(p['page']['reference'] for p in d['pages'])" < "$out/round.json")
first=${pages%% *}
echo "drawn: $pages"
as cbraun qa check "$first" --defect cut-off --note "unterer Rand abgeschnitten"
for page in ${pages#* }; do as cbraun qa check "$page" --ok; done
"$scanctl" qa status --batch "$batch" --workspace "$workspace"
if as mwagner qa release --batch "$batch"; then echo "unexpected: released with a defect open"; exit 1; fi

step "The defective page rescanned by the contractor, checked again, the record confirmed"
document=${first%%:*}; number=${first##*:}
file=$(python3 -c "
import json,glob
for m in glob.glob('$workspace/records/*/metadata.json'):
    d = json.load(open(m))
    if d['record'].startswith('$document'):
        p = [p for p in d['pages'] if p['number'] == $number][0]
        print(d['source']['path'] + '/' + p['file'])")
as mwagner rescan "$document" --page "$number" "$file" --reason "Rand abgeschnitten: Blatt neu gescannt"
as cbraun qa check "$first" --ok
as mwagner review accept "$document"

step "Release of the paper for destruction (Freigabe zur Vernichtung des Papiers)"
as mwagner qa release --batch "$batch" --reason "Vernichtungsfreigabe 2026/17" --seal-key "$out/seal.key"
"$scanctl" audit transfervermerk --batch "$batch" --workspace "$workspace"
"$scanctl" audit verify-seal --batch "$batch" --workspace "$workspace"

step "Retention: what is due, by disposal code"
"$scanctl" retention due --workspace "$workspace"

step "Anbietung: xdomea 0501 to the archive"
as mwagner export --target xdomea-aussonderung --stage anbieten --out "$out/0501" \
  --sender "Stadtverwaltung Lindenau" --recipient "Stadtarchiv Lindenau"
zip=$(ls "$out"/0501/*.zip)
process=$(basename "$zip" | cut -d_ -f1)
(cd "$out/0501" && python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall('.')" "$zip")
xml=$(ls "$out"/0501/*.xml)
akte() { xmllint --xpath "string(//*[local-name()='Akte'][*[local-name()='AllgemeineMetadaten']/*[local-name()='Kennzeichen']='$1']/*[local-name()='Identifikation']/*[local-name()='ID'])" "$xml"; }
abbruch=$(akte 633-0022); aufwand=$(akte 013-0004)

step "The archive's Bewertung (0502): 633-0022 archivwürdig, 013-0004 kassabel"
head() {
  cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<xdomea:$1 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0">
  <xdomea:Kopf>
    <xdomea:ProzessID>$process</xdomea:ProzessID>
    <xdomea:Nachrichtentyp listURI="urn:xoev-de:xdomea:codeliste:nachrichtentyp" listVersionID="2.0"><code>$2</code></xdomea:Nachrichtentyp>
    <xdomea:Erstellungszeitpunkt>$(date -u +%Y-%m-%dT%H:%M:%SZ)</xdomea:Erstellungszeitpunkt>
    <xdomea:Absender><xdomea:Institution><xdomea:Name>Stadtarchiv Lindenau</xdomea:Name></xdomea:Institution></xdomea:Absender>
    <xdomea:Empfaenger><xdomea:Institution><xdomea:Name>Stadtverwaltung Lindenau</xdomea:Name></xdomea:Institution></xdomea:Empfaenger>
    $3
  </xdomea:Kopf>
EOF
}
judged() { echo "<xdomea:BewertetesObjekt><xdomea:ID>$1</xdomea:ID><xdomea:Aussonderungsart><xdomea:Aussonderungsart listURI=\"urn:xoev-de:xdomea:codeliste:aussonderungsart\" listVersionID=\"1.0\"><code>$2</code></xdomea:Aussonderungsart></xdomea:Aussonderungsart></xdomea:BewertetesObjekt>"; }
{ head Aussonderung.Bewertungsverzeichnis.0502 0502 "<xdomea:Empfangsbestaetigung>0</xdomea:Empfangsbestaetigung>"
  judged "$abbruch" A; judged "$aufwand" V; echo "</xdomea:Aussonderung.Bewertungsverzeichnis.0502>"; } > "$out/0502.xml"
as mwagner retention evaluation "$out/0502.xml"

step "Aussonderung: xdomea 0503 with the archivwürdig Akte and its PDF/A"
as mwagner export --target xdomea-aussonderung --stage aussondern --out "$out/0503"
ls -l "$out/0503"

step "The archive's import receipt (0506): the Akte is archived, its local files removed"
{ head Aussonderung.AussonderungImportBestaetigen.0506 0506 ""
  echo "<xdomea:AusgesondertesSGO><xdomea:IDSGO>$abbruch</xdomea:IDSGO><xdomea:Erfolgreich>1</xdomea:Erfolgreich><xdomea:Archivkennung>StA-L Best. 4/2026-17</xdomea:Archivkennung></xdomea:AusgesondertesSGO>"
  echo "</xdomea:Aussonderung.AussonderungImportBestaetigen.0506>"; } > "$out/0506.xml"
as mwagner retention receipt "$out/0506.xml"

step "Disposal of the V records and the one judged kassabel, with a Löschprotokoll"
as mwagner retention dispose --reason "Aussonderungsverfügung 2026/17" --dry-run
as mwagner retention dispose --reason "Aussonderungsverfügung 2026/17"
ls "$workspace/loeschprotokolle"

step "The trail after all of it"
"$scanctl" audit verify --records --workspace "$workspace"
"$scanctl" retention due --workspace "$workspace"
echo "workspace: $workspace; messages and seal key: $out"
