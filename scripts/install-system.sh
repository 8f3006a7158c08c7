#!/usr/bin/env bash
# System packages cehours needs: tesseract with Chinese, CJK fonts (sample scans and PDF sheets),
# poppler (PDF rendering for checks), Chromium for browser tests, PostgreSQL for the DB tests,
# nginx (the HTTPS reverse proxy of deploy/nginx, run by tests/test_https_proxy.py) and openssl.
# Idempotent: skips apt entirely when everything is already there.
set -euo pipefail
PKGS=(tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng fonts-noto-cjk fonts-wqy-zenhei
      fonts-wqy-microhei fonts-arphic-ukai fonts-arphic-uming poppler-utils
      chromium postgresql libheif1 nginx openssl)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "missing system packages: ${missing[*]} (run this script as root, or: sudo $0)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# the lists are fresh when CI updated them a moment ago; otherwise update once
[ -n "$(find /var/lib/apt/lists -maxdepth 1 -name "*Packages*" -mmin -120 2>/dev/null | head -1)" ] || apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
