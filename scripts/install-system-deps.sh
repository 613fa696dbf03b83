#!/usr/bin/env bash
# Installs the Debian packages the program and its tests need: Qt's runtime
# libraries, a virtual screen, CJK fonts, poppler and LibreOffice Writer; gcc builds the
# fault drills' socket shim (tests/faults/test_no_network.py).
# Idempotent; does nothing (with a hint) when not root or not on Debian/Ubuntu.
set -euo pipefail

PACKAGES=(
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-randr0
  libxcb-xinerama0 libxcb-xfixes0
  fonts-noto-cjk fonts-liberation2 poppler-utils libreoffice-writer-nogui binutils
  gcc libc6-dev xdotool
)
# Linux bundles (issue 14): Debian 11 roots made by mmdebstrap; the arm64 one runs under qemu-user (binfmt_misc).
PACKAGES+=(qemu-user-static binfmt-support mmdebstrap arch-test)
# The Windows bundle and installer, built and smoke-tested under Wine (make dist-windows):
# Wine, NSIS, mingw-w64 for the build-host-only icuuc.dll stand-in, and the locales that
# give Wine's programs the code pages 936 (zh_CN) and 1252 (en_US).
PACKAGES+=(wine wine64 nsis gcc-mingw-w64-x86-64-win32 locales)
LOCALES=(zh_CN.UTF-8 en_US.UTF-8)

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: apt-get not found; install these packages yourself: ${PACKAGES[*]}" >&2
  exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: missing Debian packages (run as root to install): ${missing[*]}" >&2
    exit 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "install-system-deps: installed ${missing[*]}"
fi

# Locales for Wine's code pages (tests/windows run programs in both).
for loc in "${LOCALES[@]}"; do
  norm=$(echo "${loc%%.*}.utf8")
  if ! locale -a 2>/dev/null | grep -qx "$norm"; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "install-system-deps: locale $loc missing (run as root to generate it)" >&2
      continue
    fi
    localedef -i "${loc%%.*}" -f UTF-8 "$loc"
    echo "install-system-deps: generated locale $loc"
  fi
done
