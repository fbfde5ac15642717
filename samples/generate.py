#!/usr/bin/python3
"""Renders scanctl's sample mailroom batch: fictional German letters to the fictional
Stadtverwaltung Lindenau, as 300-dpi scans with the defects a real scanner produces.

Writes samples/batch/ (the scans), samples/groundtruth/ (the text of every page, line by line)
and samples/batch-manifest.json (per page: skew, rotation, blank; per file: subject and the
plan code a records manager would file it under).

Every letter, name and address here is invented. Run it with Debian's Python, which has Pillow
(apt-get install python3-pil fonts-dejavu-core); the output is deterministic (fixed seeds), so
a re-run changes the committed files only when this script changes.
"""

import json
import os
import random
import time

from PIL import Image, ImageDraw, ImageFilter, ImageFont

DPI = 300
A4 = (2480, 3508)  # 210 x 297 mm at 300 dpi
LEFT, RIGHT, TOP = 295, 2480 - 236, 300
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FIXED_DATE = time.gmtime(1772443800)  # 2026-03-02 09:30 UTC
HERE = os.path.dirname(os.path.abspath(__file__))

TOWN_HALL = ["Stadtverwaltung Lindenau", "{office}", "Marktplatz 1", "34567 Lindenau"]

# Each letter: sender block, recipient office, date, optional reference lines, subject, body
# paragraphs, closing. Text is wrapped to the page width by the renderer.
LETTERS = [
    {
        "file": "01-bauantrag-nachreichung.tif",
        "subject_note": "Bauantrag: documents sent in later, quoting the case's Aktenzeichen",
        "plan_code": "632",
        "format": "tiff-g4",
        "sender": ["Markus Feldmann", "Birkenweg 14", "34567 Lindenau"],
        "office": "Fachbereich Bauordnung",
        "date": "Lindenau, 3. März 2026",
        "references": ["Ihr Zeichen: 63.2-0147/2026"],
        "subject": "Bauantrag Neubau Einfamilienhaus, Flurstück 212/7, Nachreichung von Unterlagen",
        "body": [
            "Sehr geehrte Damen und Herren,",
            "mit Schreiben vom 12. Februar 2026 haben Sie mich gebeten, zu meinem Bauantrag für den "
            "Neubau eines Einfamilienhauses mit Garage auf dem Grundstück Birkenweg 16 die fehlenden "
            "Unterlagen nachzureichen. Als Anlage übersende ich Ihnen die überarbeiteten Bauzeichnungen "
            "im Maßstab 1:100, den Lageplan mit den eingetragenen Abstandsflächen sowie die "
            "Berechnung der Wohnfläche und des umbauten Raumes.",
            "Der Nachweis der Standsicherheit wird von unserem Tragwerksplaner, Herrn Dipl.-Ing. "
            "Jansen, erstellt und geht Ihnen bis Ende des Monats direkt zu. Die Entwässerungsplanung "
            "ist mit den Stadtwerken abgestimmt; die Zustimmung zum Anschluss an den öffentlichen "
            "Kanal liegt bei.",
            "Im Bebauungsplan Nr. 27 Am Mühlbach ist eine Dachneigung von 30 bis 45 Grad festgesetzt. "
            "Wir planen ein Satteldach mit 38 Grad, so dass eine Befreiung nicht erforderlich sein "
            "sollte. Sollten Sie dennoch eine Abweichung sehen, bitte ich um einen kurzen Hinweis, "
            "damit wir die Planung rechtzeitig anpassen können.",
        ],
        "page2": [
            "Für Rückfragen erreichen Sie mich werktags ab 16 Uhr unter der Telefonnummer "
            "05321 48 77 19 oder jederzeit per E-Mail.",
            "Ich bitte Sie, den Bauantrag nun zügig zu bearbeiten, da wir mit den Erdarbeiten "
            "im Frühsommer beginnen möchten.",
        ],
        "closing": ["Mit freundlichen Grüßen", "", "Markus Feldmann"],
        "attachments": ["Anlagen:", "Bauzeichnungen (3 Blatt)", "Lageplan", "Wohnflächenberechnung",
                        "Zustimmung der Stadtwerke zum Kanalanschluss"],
        "pages": [{"skew": 1.2}, {"skew": -0.7}],
    },
    {
        "file": "02-widerspruch-abfallgebuehren.png",
        "subject_note": "Objection to a waste collection fee notice",
        "plan_code": "702",
        "format": "png-1bit",
        "sender": ["Renate Kowalski", "Lindenstraße 3a", "34567 Lindenau"],
        "office": "Fachbereich Abfallwirtschaft",
        "date": "Lindenau, 18. Januar 2026",
        "references": ["Kassenzeichen: 4711.0815.22"],
        "subject": "Widerspruch gegen den Abfallgebührenbescheid 2026",
        "body": [
            "Sehr geehrte Damen und Herren,",
            "hiermit lege ich gegen den Bescheid über die Abfallgebühren für das Jahr 2026 vom "
            "5. Januar 2026 fristgerecht Widerspruch ein.",
            "In dem Bescheid wird für mein Grundstück eine Restmülltonne mit 240 Litern und "
            "vierzehntäglicher Leerung berechnet. Ich habe die Tonne jedoch bereits im Oktober "
            "2025 gegen eine 120-Liter-Tonne getauscht; die Bestätigung des Entsorgungsbetriebes "
            "über den Behältertausch füge ich bei. Außerdem wird die Biotonne doppelt aufgeführt.",
            "Ich bitte Sie daher, den Bescheid zu berichtigen und mir den zu viel gezahlten Betrag "
            "zu erstatten. Bis zur Entscheidung über meinen Widerspruch beantrage ich, die "
            "Vollziehung des Bescheides auszusetzen.",
        ],
        "closing": ["Mit freundlichen Grüßen", "", "Renate Kowalski"],
        "attachments": ["Anlage: Bestätigung über den Behältertausch vom 14.10.2025"],
        "pages": [{"skew": -2.0}],
    },
    {
        "file": "03-hundesteuer-abmeldung.jpg",
        "subject_note": "Dog tax: deregistration; the page was fed upside down",
        "plan_code": "933",
        "format": "jpeg",
        "sender": ["Thomas und Sabine Wegener", "Am Anger 9", "34567 Lindenau-Oberdorf"],
        "office": "Fachbereich Finanzen, Steuern und Abgaben",
        "date": "Lindenau, 9. Februar 2026",
        "references": ["Steuernummer Hundesteuer: HS-2019-0388"],
        "subject": "Abmeldung unseres Hundes von der Hundesteuer",
        "body": [
            "Sehr geehrte Damen und Herren,",
            "leider müssen wir Ihnen mitteilen, dass unser Hund Bruno, ein Labrador-Mischling, "
            "am 28. Januar 2026 im Alter von zwölf Jahren verstorben ist. Wir melden den Hund "
            "hiermit zum Ende des Monats von der Hundesteuer ab.",
            "Die Hundesteuermarke mit der Nummer 388 legen wir diesem Schreiben bei. Eine "
            "Bescheinigung der Tierarztpraxis Dr. Albers über den Tod des Tieres können wir "
            "Ihnen auf Wunsch nachreichen.",
            "Bitte senden Sie uns einen geänderten Steuerbescheid zu und erstatten Sie die bereits "
            "für das erste Quartal gezahlte Hundesteuer anteilig auf unser bekanntes Konto.",
        ],
        "closing": ["Mit freundlichen Grüßen", "", "Thomas Wegener"],
        "attachments": ["Anlage: Hundesteuermarke Nr. 388"],
        "pages": [{"skew": 0.5, "rotation": 180}],
    },
    {
        "file": "04-baumfaellung-antrag.tif",
        "subject_note": "Application to fell a protected tree, with a blank back side",
        "plan_code": "673",
        "format": "tiff-lzw-gray",
        "sender": ["Wohnungsbaugenossenschaft Lindenau eG", "Hauptstraße 41", "34567 Lindenau"],
        "office": "Fachbereich Umwelt und Grünflächen",
        "date": "Lindenau, 24. Februar 2026",
        "references": ["Unser Zeichen: WB-TV/112"],
        "subject": "Antrag auf Genehmigung zur Fällung einer Rotbuche nach der Baumschutzsatzung",
        "body": [
            "Sehr geehrte Damen und Herren,",
            "auf unserem Grundstück Hauptstraße 41 bis 45 steht im Innenhof eine Rotbuche mit "
            "einem Stammumfang von etwa 190 Zentimetern, gemessen in einem Meter Höhe. Der Baum "
            "fällt unter die Baumschutzsatzung der Stadt Lindenau.",
            "Bei der jährlichen Baumkontrolle hat der von uns beauftragte Sachverständige einen "
            "ausgedehnten Pilzbefall am Stammfuß und Morschungen im Wurzelbereich festgestellt. "
            "Die Stand- und Bruchsicherheit ist nach seinem Gutachten nicht mehr gegeben; der "
            "Baum gefährdet den Spielplatz und die Zufahrt der Feuerwehr.",
            "Wir beantragen daher die Genehmigung, die Rotbuche außerhalb der Brutzeit zu fällen. "
            "Als Ersatzpflanzung schlagen wir zwei Hainbuchen an der Nordseite des Hofes vor.",
        ],
        "closing": ["Mit freundlichen Grüßen", "", "i. A. Petra Lindqvist", "Technische Verwaltung"],
        "attachments": ["Anlagen: Baumgutachten vom 10.02.2026, Lageplan mit Standort des Baumes"],
        "pages": [{"skew": 1.8}, {"blank": True}],
    },
    {
        "file": "05-gewerbeanmeldung.pdf",
        "subject_note": "Trade registration, scanned to an image-only PDF",
        "plan_code": "811",
        "format": "pdf",
        "sender": ["Aylin Demir", "Bahnhofstraße 7", "34567 Lindenau"],
        "office": "Fachbereich Ordnung und Gewerbe",
        "date": "Lindenau, 2. März 2026",
        "references": [],
        "subject": "Gewerbeanmeldung für ein Café mit Backwarenverkauf",
        "body": [
            "Sehr geehrte Damen und Herren,",
            "zum 1. April 2026 eröffne ich in der Bahnhofstraße 7 ein Café mit Verkauf von "
            "Backwaren und Kuchen aus eigener Herstellung. Anbei erhalten Sie die ausgefüllte "
            "Gewerbeanmeldung nach § 14 der Gewerbeordnung.",
            "Da ich auch alkoholfreie Getränke zum Verzehr an Ort und Stelle anbiete und einige "
            "Tische vor dem Laden auf dem Gehweg aufstellen möchte, bitte ich um Auskunft, ob "
            "hierfür eine Sondernutzungserlaubnis erforderlich ist und welche Unterlagen ich "
            "dafür einreichen muss.",
            "Eine Kopie meines Personalausweises sowie den Mietvertrag für die Geschäftsräume "
            "habe ich beigefügt. Die Gebühr für die Anmeldung überweise ich nach Erhalt Ihres "
            "Bescheides.",
        ],
        "closing": ["Mit freundlichen Grüßen", "", "Aylin Demir"],
        "attachments": ["Anlagen: Gewerbeanmeldung, Kopie des Personalausweises, Mietvertrag"],
        "pages": [{"skew": -1.0}],
    },
    {
        "file": "06-kita-platz.jpg",
        "subject_note": "Application for a day-care place",
        "plan_code": "462",
        "format": "jpeg",
        "sender": ["Julia Hartmann", "Schillerstraße 22", "34567 Lindenau"],
        "office": "Fachbereich Jugend, Familie und Kindertagesstätten",
        "date": "Lindenau, 12. Januar 2026",
        "references": [],
        "subject": "Anmeldung für einen Betreuungsplatz in einer Kindertagesstätte",
        "body": [
            "Sehr geehrte Damen und Herren,",
            "für unsere Tochter Emma, geboren am 4. Mai 2024, beantragen wir einen Betreuungsplatz "
            "in einer städtischen Kindertagesstätte ab dem 1. August 2026. Wir benötigen eine "
            "Ganztagsbetreuung von 35 Stunden in der Woche, da wir beide berufstätig sind.",
            "Als Wunscheinrichtungen nennen wir in dieser Reihenfolge die Kita Sonnenblume in der "
            "Schillerstraße und die Kita Regenbogen am Stadtpark. Auf den Rechtsanspruch auf "
            "Förderung in einer Tageseinrichtung nach § 24 SGB VIII weisen wir vorsorglich hin.",
            "Den Antrag auf Ermäßigung des Elternbeitrages reichen wir mit dem Einkommensnachweis "
            "gesondert ein.",
        ],
        "closing": ["Mit freundlichen Grüßen", "", "Julia Hartmann"],
        "attachments": [],
        "pages": [{"skew": 2.6}],
    },
    {
        "file": "07-bewerbung-vertraulich.tif",
        "subject_note": "Job application marked personal and confidential (Schutzbedarf hoch)",
        "plan_code": "021",
        "format": "tiff-g4",
        "sender": ["Dr. Jonas Brenner", "Kastanienallee 5", "34560 Neustadt am Berg"],
        "office": "Fachbereich Personal",
        "date": "Neustadt am Berg, 20. Februar 2026",
        "marking": "PERSÖNLICH / VERTRAULICH",
        "references": ["Ihre Stellenausschreibung Nr. 2026-014"],
        "subject": "Bewerbung als Sachgebietsleitung Informationstechnik",
        "body": [
            "Sehr geehrte Damen und Herren,",
            "mit großem Interesse habe ich Ihre Stellenausschreibung für die Leitung des "
            "Sachgebietes Informationstechnik gelesen und bewerbe mich hiermit um diese Stelle.",
            "Seit sechs Jahren leite ich beim Zweckverband Kommunale Datenverarbeitung ein Team "
            "von acht Mitarbeitenden, das die Fachverfahren für Meldewesen, Personenstand und "
            "Finanzen betreut. Die Einführung der elektronischen Akte in drei Mitgliedskommunen "
            "habe ich verantwortlich geleitet.",
            "Meine Gehaltsvorstellung liegt bei Entgeltgruppe 12 TVöD. Ich bin schwerbehindert "
            "mit einem Grad der Behinderung von 50 und bitte, dies im Auswahlverfahren zu "
            "berücksichtigen. Über eine Einladung zu einem Vorstellungsgespräch freue ich mich.",
        ],
        "page2": [
            "Lebenslauf",
            "Dr. Jonas Brenner, geboren am 17. September 1984 in Kassel",
            "2020 bis heute: Teamleitung Fachverfahren, Zweckverband Kommunale Datenverarbeitung",
            "2014 bis 2020: Referent für Informationssicherheit, Landkreis Waldeck",
            "2010 bis 2014: Promotion in Informatik an der Universität Göttingen",
            "2004 bis 2010: Studium der Informatik an der Universität Kassel",
        ],
        "closing": ["Mit freundlichen Grüßen", "", "Jonas Brenner"],
        "attachments": ["Anlagen: Lebenslauf, Zeugnisse, Nachweis der Schwerbehinderung"],
        "pages": [{"skew": 0.3}, {"skew": -1.4}],
    },
    {
        "file": "08-strassenschaden.png",
        "subject_note": "Report of road damage, quoting an existing file's Aktenzeichen",
        "plan_code": "661",
        "format": "png-1bit",
        "sender": ["Bernd Schulte", "Mühlenweg 18", "34567 Lindenau"],
        "office": "Fachbereich Tiefbau und Verkehrsflächen",
        "date": "Lindenau, 26. Februar 2026",
        "references": ["Az. 66.1-23/2026"],
        "subject": "Schlaglöcher und abgesackter Gehweg im Mühlenweg",
        "body": [
            "Sehr geehrte Damen und Herren,",
            "bereits im Januar hatte ich Ihnen die Schäden an der Fahrbahn im Mühlenweg zwischen "
            "den Hausnummern 10 und 24 gemeldet. Seitdem haben sich die Schlaglöcher nach dem "
            "Frost deutlich vergrößert; das größte ist inzwischen etwa einen Meter breit und "
            "zehn Zentimeter tief.",
            "Zusätzlich ist vor dem Haus Nummer 18 der Gehweg auf einer Länge von drei Metern "
            "abgesackt. Die Pflastersteine stehen hervor und sind für ältere Fußgänger und "
            "Kinderwagen eine Stolperfalle. Bei Dunkelheit ist die Stelle kaum zu erkennen.",
            "Ich bitte Sie, die Gefahrenstelle umgehend abzusichern und die Straße instand zu "
            "setzen. Fotos der Schäden habe ich beigefügt.",
        ],
        "closing": ["Mit freundlichen Grüßen", "", "Bernd Schulte"],
        "attachments": ["Anlage: 4 Fotos"],
        "pages": [{"skew": -2.8}],
    },
]


def font(name, size):
    return ImageFont.truetype(os.path.join(FONT_DIR, name), size)


BODY = font("DejaVuSerif.ttf", 46)  # 11 pt at 300 dpi
BOLD = font("DejaVuSerif-Bold.ttf", 46)
SMALL = font("DejaVuSans.ttf", 33)  # 8 pt
LINE = 64


def wrap(text, face, width):
    """Greedy word wrap by measured width; returns lines."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if face.getlength(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


class Page:
    """A white A4 page that records every text line it draws, in reading order."""

    def __init__(self):
        self.image = Image.new("L", A4, 255)
        self.draw = ImageDraw.Draw(self.image)
        self.y = TOP
        self.lines = []

    def text(self, line, face=BODY, right=False, gap=LINE):
        if line:
            x = RIGHT - face.getlength(line) if right else LEFT
            self.draw.text((x, self.y), line, font=face, fill=20)
            self.lines.append(line)
        self.y += gap

    def paragraph(self, text, face=BODY):
        for line in wrap(text, face, RIGHT - LEFT):
            self.text(line, face)
        self.y += LINE // 2


def render(letter):
    """Lays the letter out on one or two pages; returns [(image, lines)] before any defects."""
    first = Page()
    for line in letter["sender"]:
        first.text(line, SMALL, gap=44)
    first.y += 120
    if "marking" in letter:
        first.text(letter["marking"], BOLD)
    for line in TOWN_HALL:
        first.text(line.format(office=letter["office"]))
    first.y += 110
    first.text(letter["date"], right=True)
    first.y += 40
    for line in letter["references"]:
        first.text(line)
    first.y += 40
    for line in wrap(letter["subject"], BOLD, RIGHT - LEFT):
        first.text(line, BOLD)
    first.y += 50
    for paragraph in letter["body"]:
        first.paragraph(paragraph)

    last = first
    if "page2" in letter:
        last = Page()
        last.text("Seite 2", SMALL, gap=120)
        for paragraph in letter["page2"]:
            last.paragraph(paragraph)
    for line in letter["closing"]:
        last.text(line)
    if letter["attachments"]:
        last.y += LINE
        for line in letter["attachments"]:
            last.text(line, SMALL, gap=46)
    pages = [first] if last is first else [first, last]
    # A blank back side: the scanner's duplex pass over an empty sheet.
    pages += [Page() for spec in letter["pages"] if spec.get("blank")]
    assert len(pages) == len(letter["pages"]), letter["file"]
    assert all(page.y < A4[1] - 200 for page in pages), f"{letter['file']} overflows the page"
    return pages


def scanner_defects(image, spec, rng, texture):
    """Paper texture, dust, skew and orientation, in the order a scanner produces them."""
    image = image.filter(ImageFilter.GaussianBlur(0.6))  # optics: no edge is perfectly sharp
    if texture:
        # A faint uneven paper tone and sensor noise; blurred a little like optics do.
        noise = Image.effect_noise(A4, 7).point(lambda v: 255 - abs(v - 128) // 3)
        image = Image.composite(image, noise, image.point(lambda v: 255 if v < 200 else 0))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(40, 90)):  # dust specks
        x, y, r = rng.randrange(A4[0]), rng.randrange(A4[1]), rng.choice([1, 1, 2, 3])
        draw.ellipse((x, y, x + r, y + r), fill=rng.randint(30, 120))
    if spec.get("blank"):
        # Shadow of the sheet edge along the top: no text, but not pure white either.
        draw.rectangle((0, 0, A4[0], 14), fill=170)
    skew = spec.get("skew", 0.0)
    if skew:
        # PIL rotates counter-clockwise for positive angles, as the manifest records skew.
        image = image.rotate(skew, resample=Image.BICUBIC, fillcolor=255)
    if spec.get("rotation"):
        image = image.rotate(-spec["rotation"], expand=True)  # clockwise, as fed into the scanner
    return image


def bilevel(image):
    return image.point(lambda v: 0 if v < 150 else 255).convert("1")


def save(letter, images, path):
    kind = letter["format"]
    options = {"dpi": (DPI, DPI)}
    if kind == "tiff-g4":
        pages = [bilevel(image) for image in images]
        pages[0].save(path, compression="group4", save_all=True, append_images=pages[1:], **options)
    elif kind == "tiff-lzw-gray":
        images[0].save(path, compression="tiff_lzw", save_all=True, append_images=images[1:], **options)
    elif kind == "png-1bit":
        assert len(images) == 1
        bilevel(images[0]).save(path, optimize=True, **options)
    elif kind == "jpeg":
        assert len(images) == 1
        images[0].save(path, quality=72, optimize=True, **options)
    elif kind == "pdf":
        images[0].save(path, save_all=True, append_images=images[1:], resolution=DPI, quality=72,
                       title=letter["subject"], author="scanctl samples/generate.py",
                       creationDate=FIXED_DATE, modDate=FIXED_DATE)  # reproducible bytes
    else:
        raise ValueError(kind)


def main():
    batch = os.path.join(HERE, "batch")
    truth = os.path.join(HERE, "groundtruth")
    for folder in (batch, truth):
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))

    manifest = {"generator": "samples/generate.py", "dpi": DPI, "files": []}
    for number, letter in enumerate(LETTERS):
        rng = random.Random(1000 + number)
        pages = render(letter)
        # Sensor noise only where the format is lossy anyway: it would bloat a lossless file tenfold.
        texture = letter["format"] in ("jpeg", "pdf")
        images = [scanner_defects(page.image, spec, rng, texture) for page, spec in zip(pages, letter["pages"])]
        save(letter, images, os.path.join(batch, letter["file"]))

        entry = {"file": letter["file"], "subject": letter["subject_note"], "plan_code": letter["plan_code"],
                 "schutzbedarf": "hoch" if "marking" in letter else "normal", "pages": []}
        stem = os.path.splitext(letter["file"])[0]
        for index, (page, spec) in enumerate(zip(pages, letter["pages"]), start=1):
            name = f"{stem}-p{index}.txt"
            with open(os.path.join(truth, name), "w", encoding="utf-8") as out:
                out.write("\n".join(page.lines) + ("\n" if page.lines else ""))
            entry["pages"].append({"page": index, "skew_ccw_degrees": spec.get("skew", 0.0),
                                   "rotation_cw_degrees": spec.get("rotation", 0),
                                   "blank": bool(spec.get("blank")), "groundtruth": f"groundtruth/{name}"})
        manifest["files"].append(entry)

    with open(os.path.join(HERE, "batch-manifest.json"), "w", encoding="utf-8") as out:
        json.dump(manifest, out, ensure_ascii=False, indent=2)
        out.write("\n")
    total = sum(os.path.getsize(os.path.join(batch, name)) for name in os.listdir(batch))
    print(f"{len(LETTERS)} files, {sum(len(l['pages']) for l in LETTERS)} pages, {total / 1e6:.1f} MB in {batch}")
    mailroom()
    capture()
    delivery()


# Code 39: per character 5 bars and 4 spaces, 1 narrow, 2 wide (bar, space, bar, ...).
CODE39 = {"0": "111221211", "1": "211211112", "2": "112211112", "3": "212211111", "6": "112221111",
          "7": "111211212", "A": "211112112", "C": "212112111", "E": "211122111", "H": "211112211",
          "K": "211111122", "L": "112111122", "N": "111121122", "P": "112121121", "T": "111121221",
          ".": "221111211", " ": "122111211", "*": "121121211"}


def code39(draw, text, x, y, module=6, height=320):
    """Draws `*text*` in Code 39 (narrow bars one module, wide three) at (x, y)."""
    for char in f"*{text}*":
        for index, element in enumerate(CODE39[char]):
            width = module * (3 if element == "2" else 1)
            if index % 2 == 0:
                draw.rectangle((x, y, x + width - 1, y + height), fill=0)
            x += width
        x += module  # the narrow gap between characters


def separator_sheet(placement=None, barcode=True):
    """A Patch T separator sheet, as Kodak prints them: the patch bars (narrow, wide, narrow, wide,
    parallel to the leading edge) and the Code 39 barcode PATCHT in the middle; with `placement`,
    a second barcode below that says where the next document belongs (e.g. AKTENPLAN 702); without
    `barcode`, the bars alone, as some vendors print them."""
    page = Page()
    draw = page.draw
    x, y, narrow, wide = 600, 180, 24, 60  # 0.08 and 0.2 inch at 300 dpi, 2 inches long
    for width in [narrow, wide, narrow, wide]:
        draw.rectangle((x, y, x + 600, y + width - 1), fill=0)
        y += width + narrow
    page.y = 560
    page.text("PATCH T", BOLD)
    page.text("Trennblatt – Separator sheet", BODY)
    if barcode:
        code39(draw, "PATCHT", 700, 1500)
    if placement:
        code39(draw, placement, 300, 2100, module=5, height=260)
    return page


def mailroom():
    """samples/mailroom/: one multi-page TIFF as a mailroom scanner writes it for a whole stack of
    post: letters separated by Patch T sheets, one with a blank back side, one marked
    persönlich; and its manifest (the documents a correct separation finds)."""
    folder = os.path.join(HERE, "mailroom")
    os.makedirs(folder, exist_ok=True)
    by_file = {letter["file"]: letter for letter in LETTERS}
    dog = by_file["03-hundesteuer-abmeldung.jpg"]
    dog = dict(dog, pages=[dict(dog["pages"][0], rotation=0), {"blank": True}])  # upright, blank back side
    personal = dict(by_file["02-widerspruch-abfallgebuehren.png"], marking="PERSÖNLICH",
                    sender=["Helga Brandt", "Am Anger 7", "34567 Lindenau"])
    # The sheet before the personal letter says where it belongs (AKTENPLAN 702): that wins over
    # the classifier, though the marking still sends the letter to review. The last sheet has the
    # patch bars only, no barcode.
    stack = [("03-hundesteuer-abmeldung", dog), None, ("08-strassenschaden", by_file["08-strassenschaden.png"]),
             "AKTENPLAN 702", ("02-widerspruch-persoenlich", personal), "BARS ONLY",
             ("01-bauantrag-nachreichung", by_file["01-bauantrag-nachreichung.tif"])]
    rng = random.Random(4242)
    images, documents, separators = [], [], []
    placements = {}
    for entry in stack:
        if entry is None or isinstance(entry, str):
            bars_only = entry == "BARS ONLY"
            sheet = separator_sheet(None if bars_only else entry, barcode=not bars_only)
            images.append(scanner_defects(sheet.image, {"skew": 0.4}, rng, False))
            separators.append(len(images))
            if entry and not bars_only:
                placements[len(images) + 1] = entry
            continue
        name, letter = entry
        first = len(images) + 1
        images += [scanner_defects(page.image, spec, rng, False) for page, spec in zip(render(letter), letter["pages"])]
        documents.append({"letter": name, "pages": list(range(first, len(images) + 1)), "plan_code": letter["plan_code"],
                          "barcode_placement": placements.get(first),
                          "blank_pages": [first + i for i, spec in enumerate(letter["pages"]) if spec.get("blank")],
                          "schutzbedarf": "hoch" if "marking" in letter else "normal"})
    pages = [bilevel(image) for image in images]
    path = os.path.join(folder, "posteingang-stapel.tif")
    pages[0].save(path, compression="group4", save_all=True, append_images=pages[1:], dpi=(DPI, DPI))
    manifest = {"generator": "samples/generate.py", "file": "posteingang-stapel.tif", "pages": len(pages),
                "separator_pages": separators, "documents": documents}
    with open(os.path.join(folder, "manifest.json"), "w", encoding="utf-8") as out:
        json.dump(manifest, out, ensure_ascii=False, indent=2)
        out.write("\n")
    print(f"{len(pages)} pages, {len(documents)} documents in {path}")


CAPTURE_TEXT = [
    "Sehr geehrte Damen und Herren,",
    "hiermit beantrage ich die Erteilung einer Sondernutzungserlaubnis für das Aufstellen eines "
    "Baugerüstes vor dem Haus Lindenstraße 12 in der Zeit vom 4. bis 29. Mai 2026. Das Gerüst wird "
    "auf dem Gehweg aufgestellt und ragt höchstens einen Meter in die Fahrbahn hinein; eine "
    "Beschilderung der Baustelle übernimmt die ausführende Firma.",
    "Die Fassade des Hauses wird in dieser Zeit gedämmt und neu verputzt. Die Arbeiten werden "
    "werktags zwischen sieben und achtzehn Uhr ausgeführt. Ein Lageplan mit den Abmessungen des "
    "Gerüstes und die Bestätigung der Haftpflichtversicherung der Firma liegen diesem Schreiben bei.",
    "Für Rückfragen stehe ich Ihnen gern zur Verfügung. Bitte teilen Sie mir mit, welche Gebühren "
    "für die Sondernutzung anfallen und ob eine Sicherheitsleistung zu hinterlegen ist.",
    "Mit freundlichen Grüßen",
]


def letter_page(title, lines=CAPTURE_TEXT):
    page = Page()
    for line in ["Jonas Albrecht", "Lindenstraße 12", "34567 Lindenau"]:
        page.text(line, SMALL, gap=44)
    page.y += 120
    for line in TOWN_HALL:
        page.text(line.format(office="Fachbereich Tiefbau"))
    page.y += 110
    page.text("Lindenau, 14. April 2026", right=True)
    page.y += 60
    page.text(title, BOLD)
    page.y += 50
    for paragraph in lines:
        page.paragraph(paragraph)
    return page


def scribble(draw, rng, x, y, width, colour, strokes=1):
    """Handwriting-like strokes: a pen line along a baseline with loops, in words."""
    import math
    while width > 80:
        word = rng.randint(90, 260)
        points = []
        for step in range(0, min(word, width), 4):
            phase = step / rng.uniform(9, 14)
            points.append((x + step + 6 * math.sin(phase * 1.7), y - 22 * abs(math.sin(phase)) + rng.uniform(-2, 2)))
        draw.line(points, fill=colour, width=5, joint="curve")
        x += word + rng.randint(30, 60)
        width -= word + 45


def handwritten_page(rng):
    """A page of handwriting only: no printed word on it."""
    image = Image.new("RGB", A4, (250, 249, 244))
    draw = ImageDraw.Draw(image)
    for row in range(14):
        scribble(draw, rng, 300, 600 + row * 150, 1800, (20, 40, 120))
    return image


def drawing_page(rng):
    """A sketch: a site plan drawn by hand, lines and circles, no text."""
    image = Image.new("L", A4, 252)
    draw = ImageDraw.Draw(image)
    draw.rectangle((500, 800, 1900, 1900), outline=30, width=6)
    draw.rectangle((800, 1100, 1300, 1500), outline=30, width=5)
    for index in range(9):
        cx, cy = rng.randint(500, 1900), rng.randint(2100, 2900)
        draw.ellipse((cx - 60, cy - 60, cx + 60, cy + 60), outline=40, width=5)
    draw.line([(400, 2000), (2100, 2050), (2000, 3000)], fill=30, width=6)
    for index in range(12):
        draw.line([(500 + index * 120, 1900), (540 + index * 120, 2000)], fill=50, width=4)
    return image


def capture():
    """samples/capture/: pages of the kinds scanctl once lost content or colour on, as the tests
    and the capture benchmark use them: a letter photographed on a dark background and skewed by
    1.2°, a page of handwriting only, a hand drawing, a colour letterhead, an upright letter
    with handwritten corrections, and an MRC-style compact PDF (a 150-ppi colour background and a
    300-ppi bilevel text layer)."""
    folder = os.path.join(HERE, "capture")
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    rng = random.Random(7777)

    # Photographed on a dark desk: the sheet a little smaller than the frame, skewed 1.2° (enough
    # to be straightened; below 0.5° scanctl leaves a page as it is).
    letter = letter_page("Antrag auf Sondernutzungserlaubnis: Baugerüst Lindenstraße 12").image
    sheet = letter.convert("RGB").point(lambda v: int(v * 0.93) + 8)
    frame = Image.new("RGB", (2650, 3650), (28, 26, 24))
    frame.paste(sheet.resize((2420, 3420), Image.LANCZOS), (110, 115))
    frame = frame.rotate(1.2, resample=Image.BICUBIC, fillcolor=(28, 26, 24))
    frame = frame.filter(ImageFilter.GaussianBlur(0.8))
    frame.save(os.path.join(folder, "dunkler-hintergrund-schraeg.jpg"), quality=80, dpi=(DPI, DPI))

    handwritten_page(rng).save(os.path.join(folder, "handschrift.jpg"), quality=80, dpi=(DPI, DPI))
    drawing_page(rng).convert("1").save(os.path.join(folder, "zeichnung.png"), optimize=True, dpi=(DPI, DPI))

    # A colour letterhead: a red and blue logo and a coloured rule above the letter.
    page = letter_page("Einladung zur Bürgerversammlung am 20. Mai 2026").image.convert("RGB")
    draw = ImageDraw.Draw(page)
    draw.ellipse((1900, 120, 2200, 420), fill=(200, 30, 40))
    draw.rectangle((1960, 180, 2140, 360), fill=(20, 70, 170))
    draw.rectangle((295, 500, 2244, 520), fill=(0, 120, 60))
    page.save(os.path.join(folder, "farbiger-briefkopf.jpg"), quality=85, dpi=(DPI, DPI))

    # Upright, with handwritten corrections in the margin and between the lines.
    page = letter_page("Widerspruch gegen den Gebührenbescheid vom 2. April 2026").image.convert("RGB")
    draw = ImageDraw.Draw(page)
    for row in range(5):
        scribble(draw, rng, 1500, 1850 + row * 190, 700, (30, 50, 160))
    scribble(draw, rng, 300, 3150, 1500, (30, 50, 160))
    page.filter(ImageFilter.GaussianBlur(0.7)).save(os.path.join(folder, "handschriftliche-korrekturen.jpg"),
                                                     quality=80, dpi=(DPI, DPI))

    mrc_pdf(os.path.join(folder, "kopierer-mrc.pdf"),
            letter_page("Mitteilung über die Änderung der Bankverbindung").image)
    print(f"{len(os.listdir(folder))} files in {folder}")


def mrc_pdf(path, text_page):
    """An office copier's compact PDF: the page as a 150-ppi colour JPEG (paper tone and a blue
    logo) under a 300-ppi 1-bit stencil mask with the text, painted black."""
    import io
    import zlib
    background = Image.new("RGB", (1240, 1754), (246, 243, 232))
    ImageDraw.Draw(background).ellipse((960, 60, 1110, 210), fill=(30, 80, 170))
    jpeg = io.BytesIO()
    background.save(jpeg, format="JPEG", quality=70)
    mask = text_page.point(lambda v: 0 if v < 150 else 255).convert("1")  # 0 = ink: painted
    bits = zlib.compress(mask.tobytes(), 9)
    width, height = 595.28, 841.89
    content = (f"q {width} 0 0 {height} 0 0 cm /Bg Do Q q 0 g {width} 0 0 {height} 0 0 cm /Fg Do Q\n").encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents 4 0 R "
        f"/Resources << /XObject << /Bg 5 0 R /Fg 6 0 R >> >> >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 1240 /Height 1754 /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % len(jpeg.getvalue())
        + jpeg.getvalue() + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ImageMask true /BitsPerComponent 1 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n" % (mask.width, mask.height, len(bits)) + bits + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as file:
        file.write(out)


def variants(out, count):
    """Writes `count` more copies of the batch for benchmarks: the same letters with other dust,
    noise and skew (so every file has its own SHA-256), as vNN-<name> in `out`. No ground truth."""
    os.makedirs(out, exist_ok=True)
    for variant in range(1, count + 1):
        for number, letter in enumerate(LETTERS):
            rng = random.Random(100000 * variant + number)
            pages = render(letter)
            specs = [dict(spec, skew=spec.get("skew", 0.0) + rng.uniform(-0.4, 0.4)) if not spec.get("blank") else spec
                     for spec in letter["pages"]]
            texture = letter["format"] in ("jpeg", "pdf")
            images = [scanner_defects(page.image, spec, rng, texture) for page, spec in zip(pages, specs)]
            save(letter, images, os.path.join(out, f"v{variant:02d}-{letter['file']}"))
    pages = count * sum(len(l["pages"]) for l in LETTERS)
    print(f"{count * len(LETTERS)} files, {pages} pages in {out}")


# A contractor's delivery of digitised Bestandsakten: one folder per Akte, named by its Aktenzeichen
# and title, one TIFF per sheet side (a few multi-page), as a scanning contractor hands them over,
# with the manifest (CSV) that lists them. The typewriter letters are invented, like the town.
AKTEN = [
    {"folder": "632-0147 Bauakte Birkenweg 14", "aktenzeichen": "632-0147", "title": "Bauakte Birkenweg 14",
     "laufzeit": ("1987-04-02", "1989-11-20"), "plan_code": "632",
     "sheets": [
         ["Landkreis Lindenau - Bauaufsichtsamt", "", "Baugenehmigung Nr. 147/1987",
          "Bauvorhaben: Neubau eines Einfamilienhauses mit Garage", "Baugrundstueck: Birkenweg 14, Gemarkung Lindenau",
          "Bauherr: Heinrich Feldmann", "", "Die Baugenehmigung wird nach Massgabe der", "beigefuegten Bauvorlagen erteilt.",
          "Der Baubeginn ist zwei Wochen vorher anzuzeigen."],
         None,
         ["Niederschrift ueber die Schlussabnahme", "", "Bauvorhaben Birkenweg 14, Einfamilienhaus",
          "Die Schlussabnahme fand am 20. November 1989 statt.", "Maengel wurden nicht festgestellt.",
          "Das Gebaeude darf genutzt werden."],
     ]},
    {"folder": "633-0022 Abbruch Scheune Muehlenweg 3", "aktenzeichen": "633-0022", "title": "Abbruch Scheune Muehlenweg 3",
     "laufzeit": ("1979-03-01", "1981-06-30"), "plan_code": "633",
     "sheets": [
         ["Antrag auf Genehmigung des Abbruchs", "", "Hiermit beantrage ich den Abbruch der baufaelligen",
          "Scheune auf dem Grundstueck Muehlenweg 3.", "Der Rueckbau erfolgt durch die Firma Krause."],
         ["Abbruchgenehmigung", "", "Der Abbruch der Scheune Muehlenweg 3 wird genehmigt.",
          "Bauschutt ist ordnungsgemaess zu entsorgen."],
     ]},
    {"folder": "021-0009 Bewerbungen Sachbearbeitung Bauamt", "aktenzeichen": "021-0009",
     "title": "Bewerbungen Sachbearbeitung Bauamt", "laufzeit": ("1998-01-15", "1998-05-31"), "plan_code": "021",
     "multi": [1],
     "sheets": [
         ["Stellenausschreibung", "", "Die Stadtverwaltung Lindenau sucht zum 1. Juli 1998",
          "eine Sachbearbeiterin oder einen Sachbearbeiter", "fuer das Bauamt. Bewerbungen mit Lebenslauf und Zeugnissen",
          "bis zum 28. Februar 1998."],
         ["Bewerbung als Sachbearbeiterin", "", "Sehr geehrte Damen und Herren,", "hiermit bewerbe ich mich auf die",
          "ausgeschriebene Stelle. Lebenslauf und Zeugnisse", "liegen bei."],
         ["Lebenslauf", "", "geboren 1970 in Lindenau", "Ausbildung zur Verwaltungsfachangestellten",
          "seit 1992 Sachbearbeiterin in der Kreisverwaltung"],
     ]},
    {"folder": "013-0004 Aufwandsentschaedigung Ratsmitglieder", "aktenzeichen": "013-0004",
     "title": "Aufwandsentschaedigung Ratsmitglieder", "laufzeit": ("1994-01-01", "1995-12-31"), "plan_code": "013",
     "grey": True,
     "sheets": [
         ["Satzung ueber die Aufwandsentschaedigung", "der Ratsmitglieder der Stadt Lindenau", "",
          "Paragraph 1: Jedes Ratsmitglied erhaelt ein Sitzungsgeld", "von 30 DM je Sitzung des Rates.",
          "Paragraph 2: Verdienstausfall wird auf Antrag erstattet."],
         ["Abrechnung Sitzungsgeld 1995", "", "Mandat und Sitzungen des Rates im Jahr 1995",
          "Aufwandsentschaedigung insgesamt 4.320 DM"],
     ]},
]
TYPEWRITER = font("DejaVuSansMono.ttf", 44)
SCANNER_TAGS = {271: "Fujitsu", 272: "fi-7700", 305: "PaperStream Capture 3.2"}  # Make, Model, Software


def delivery():
    """samples/delivery/: four Akten as a scanning contractor delivers them, and manifest.csv."""
    folder = os.path.join(HERE, "delivery")
    if os.path.isdir(folder):
        import shutil
        shutil.rmtree(folder)
    os.makedirs(folder)
    rng = random.Random(1987)
    rows, truth = [], []
    for akte in AKTEN:
        path = os.path.join(folder, akte["folder"])
        os.makedirs(path)
        images = []
        for sheet in akte["sheets"]:
            page = Page()
            for line in sheet or []:
                page.text(line, TYPEWRITER, gap=70)
            spec = {"blank": True} if sheet is None else {"skew": rng.uniform(-1.2, 1.2)}
            images.append(scanner_defects(page.image, spec, rng, False))
        # One file per page, except where the contractor scanned sheets into one multi-page file.
        files, number = [], 1
        index = 0
        while index < len(images):
            together = 2 if index in akte.get("multi", []) else 1
            name = f"{number:04d}.tif"
            group = images[index:index + together]
            if akte.get("grey"):
                group[0].save(os.path.join(path, name), compression="tiff_lzw", save_all=True, append_images=group[1:],
                              dpi=(DPI, DPI), tiffinfo=SCANNER_TAGS)
            else:
                pages = [bilevel(image) for image in group]
                pages[0].save(os.path.join(path, name), compression="group4", save_all=True, append_images=pages[1:],
                              dpi=(DPI, DPI), tiffinfo=SCANNER_TAGS)
            files.append({"file": name, "pages": len(group)})
            number += 1
            index += together
        rows.append(f"{akte['folder']};{akte['aktenzeichen']};{akte['title']};{akte['laufzeit'][0]};{akte['laufzeit'][1]};Karton 1")
        truth.append({"folder": akte["folder"], "aktenzeichen": akte["aktenzeichen"], "plan_code": akte["plan_code"],
                      "pages": len(images), "files": files,
                      "blank_pages": [i + 1 for i, sheet in enumerate(akte["sheets"]) if sheet is None],
                      "laufzeit_bis": akte["laufzeit"][1]})
    with open(os.path.join(folder, "manifest.csv"), "w", encoding="utf-8") as out:
        out.write("path;aktenzeichen;title;laufzeit_von;laufzeit_bis;karton\n" + "\n".join(rows) + "\n")
    with open(os.path.join(HERE, "delivery-manifest.json"), "w", encoding="utf-8") as out:
        json.dump({"generator": "samples/generate.py", "akten": truth}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    print(f"{len(AKTEN)} Akten, {sum(len(a['sheets']) for a in AKTEN)} pages in {folder}")


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(description="Render scanctl's sample mailroom batch.")
    parser.add_argument("--variants", type=int, default=0,
                        help="instead of samples/batch, write this many variants of the batch (for benchmarks)")
    parser.add_argument("--out", help="folder for --variants")
    parser.add_argument("--capture-only", action="store_true", help="write only samples/capture/")
    parser.add_argument("--delivery-only", action="store_true", help="write only samples/delivery/")
    arguments = parser.parse_args()
    if arguments.capture_only:
        capture()
    elif arguments.delivery_only:
        delivery()
    elif arguments.variants:
        if not arguments.out:
            parser.error("--variants needs --out")
        variants(arguments.out, arguments.variants)
    else:
        main()
