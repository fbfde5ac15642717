#!/usr/bin/env bash
# Installs what scanctl needs on Debian 12 (Swift itself must already be installed), idempotently:
# apt runs only when a package is missing.
set -euo pipefail

packages=(
  pkg-config
  libtesseract-dev libleptonica-dev   # OCR engine and image I/O (linked)
  tesseract-ocr-deu tesseract-ocr-eng tesseract-ocr-osd   # language data and orientation detection
  libstemmer-dev                      # Snowball German stemming for classification (linked)
  hunspell-de-de                      # German word list: compound splitting in classification and plan search
  libqpdf-dev qpdf                    # record PDFs as PDF/A-2b (linked); the tests inspect them with qpdf --json
  libzbar-dev                         # barcodes and QR codes on separator sheets (linked)
  libtiff-dev                         # the scanner's make and model from TIFF tags, for the Transfervermerk (linked)
  icc-profiles-free                   # sRGB.icc: the PDF/A output intent
  libsqlite3-dev                      # workspace state and audit trail (GRDB)
  libxml2-utils                       # xmllint: the tests validate xdomea messages against the XSD
  poppler-utils                       # pdfinfo, pdfimages, pdftotext, pdftoppm: reading PDF input
  curl                                # scanctl watch sends its notices over SMTP with curl
)
packages+=("$@")

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v swift >/dev/null || { echo "Swift is not installed (see https://www.swift.org/install/linux/)" >&2; exit 1; }
