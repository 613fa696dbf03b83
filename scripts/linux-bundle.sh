#!/usr/bin/env bash
# Linux one-folder bundles with a low glibc floor (issue 14), built in Debian 11 (bullseye, glibc 2.31)
# root file systems under build/linux/, never with the host's own Python:
#
#   scripts/linux-bundle.sh build x86_64    -> dist/xxgk-report/ and dist/xxgk-report-<v>-linux-x86_64.tar.gz
#   scripts/linux-bundle.sh build aarch64   -> dist/linux-aarch64/xxgk-report/ and …-linux-aarch64.tar.gz
#   scripts/linux-bundle.sh run aarch64 CMD…  runs CMD inside the arm64 root (under qemu-user, binfmt_misc)
#   scripts/linux-bundle.sh unmount          removes every mount left under build/linux/ (make clean calls it)
#
# Layers, each cached with a key file and rebuilt when its key changes:
#   build/linux/toolchain/   amd64 bullseye: gcc, the aarch64 cross gcc, the -dev packages of both
#                            architectures, and CPython 3.11 compiled twice from Debian's python3.11 source
#                            (bookworm's 3.11.2 with its upstream security fixes): natively for x86_64
#                            (/opt/xxgk-python) and cross for aarch64 (/out/aarch64/opt/xxgk-python).
#   build/linux/aarch64/     arm64 bullseye run-time root (what an arm64 desktop has: Qt's system
#                            libraries, fonts), the cross-built interpreter copied in.
#   …/opt/xxgk-env           the project's pinned dependencies (pip); recreated when pyproject.toml,
#                            build.spec or this script change.
# Debian 11 has Python 3.9 only; the project needs 3.11, and bookworm's python3.11 binaries need glibc 2.34+,
# hence the compile. Cross-compiling is ~10x faster than compiling under qemu.
#
# Every chroot command runs in a private mount namespace (unshare -m): its proc/sys/dev and read-only pip
# folders vanish with the process, even when it is killed, so no mount can outlive a build and block
# `rm -rf build`. A trap unmounts anything left under build/linux/ all the same.
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
B=$HERE/build/linux
SUITE=bullseye
PY_SOURCE_PACKAGE=python3.11          # from bookworm's deb-src
PY_PREFIX=/opt/xxgk-python
ENV_PREFIX=/opt/xxgk-env
# Debian-specific patches of the python3.11 source package (install layouts, multiarch, disabled ensurepip …)
# come first in its series; from this one on they are upstream fixes and CVE backports, which we apply.
PY_FIRST_UPSTREAM_PATCH=shutdown-deadlock.diff

# What a target desktop has and the bundle therefore does not carry (build.spec keeps these out): Qt's
# system libraries; the run-time root holds them so that the smoke tests meet them as a desktop would.
RUNTIME_PACKAGES=(
  ca-certificates binutils libffi7 zlib1g libbz2-1.0 liblzma5 libuuid1 libssl1.1
  libgl1 libegl1 libopengl0 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 libzstd1
  libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-util1 libxcb-randr0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1
  libxcb-xinerama0 libxkbcommon0 libxkbcommon-x11-0 libsm6 libice6 fonts-noto-cjk
)
TOOLCHAIN_PACKAGES=(
  build-essential crossbuild-essential-arm64 pkg-config dpkg-dev xz-utils patch
  libffi-dev zlib1g-dev libbz2-dev liblzma-dev uuid-dev libssl-dev
  libffi-dev:arm64 zlib1g-dev:arm64 libbz2-dev:arm64 liblzma-dev:arm64 uuid-dev:arm64 libssl-dev:arm64
  "${RUNTIME_PACKAGES[@]}"
)

log() { printf 'linux-bundle: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
now() { date +%s; }

mirror() {
  # The Debian mirror this machine's apt uses (deb.debian.org when none is found).
  if [ -n "${XXGK_DEBIAN_MIRROR:-}" ]; then echo "$XXGK_DEBIAN_MIRROR"; return; fi
  local m
  m=$(grep -hsE '^(URIs:|deb) ' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
      | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -1 | tr -d ' ')
  echo "${m:-http://deb.debian.org/debian}"
}

unmount_all() {
  # Anything mounted under build/linux/ in this mount namespace, deepest first.
  local targets
  targets=$(awk -v b="$B/" 'index($5, b) == 1 {print $5}' /proc/self/mountinfo | sort -r)
  for t in $targets; do umount -l "$t" 2>/dev/null || true; done
}
trap unmount_all EXIT

need_root() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (mmdebstrap and chroot); CI and these machines are root"
  for tool in mmdebstrap unshare chroot; do command -v "$tool" >/dev/null || die "missing $tool: run scripts/install-system-deps.sh"; done
}

enable_qemu() {
  # aarch64 programs run through qemu-user-static registered with binfmt_misc (F flag: works in a chroot).
  [ -d /proc/sys/fs/binfmt_misc ] || die "no /proc/sys/fs/binfmt_misc"
  [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  if ! grep -qs '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64; then
    update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || update-binfmts --import qemu-aarch64 >/dev/null
  fi
  grep -qs '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 || die "qemu-aarch64 is not registered with binfmt_misc"
}

pip_paths() {
  # Local folders and files this machine's pip configuration names (wheel folders, file:// indexes,
  # constraint files): they are bind-mounted read-only at the same place inside the root.
  {
    env | grep -E '^PIP_' | cut -d= -f2-
    cat /etc/pip.conf /etc/xdg/pip/pip.conf "$HOME/.config/pip/pip.conf" "$HOME/.pip/pip.conf" 2>/dev/null
  } | tr ' =\t' '\n\n\n' | sed -e 's#^file://##' -e 's#/simple/*$##' | grep -E '^/' | sort -u | while read -r p; do
    if [ -e "$p" ]; then echo "$p"; fi
  done
  return 0
}

prepare_root_files() {
  # Name resolution, this machine's CA bundle and pip configuration, for pip inside the root.
  local r=$1
  cp -L /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null || true
  if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    mkdir -p "$r/etc/ssl/certs" && cp -L /etc/ssl/certs/ca-certificates.crt "$r/etc/ssl/certs/ca-certificates.crt"
  fi
  for f in /etc/pip.conf /etc/xdg/pip; do [ -e "$f" ] && { mkdir -p "$r$(dirname "$f")"; cp -rL "$f" "$r$(dirname "$f")/"; }; done
  for f in .config/pip .pip; do [ -e "$HOME/$f" ] && { mkdir -p "$r/root/$(dirname "$f")"; cp -rL "$HOME/$f" "$r/root/$(dirname "$f")/"; }; done
  return 0
}

in_root() {
  # in_root ROOT CMD…: CMD inside ROOT, in a private mount namespace (mounts die with it).
  local r=$1; shift
  local binds
  binds=$(pip_paths | tr '\n' ' ')
  unshare --mount --propagation private --fork -- /bin/bash -c '
    set -e
    r=$1; binds=$2; shift 2
    mount -t proc proc "$r/proc"
    mount --rbind /sys "$r/sys"
    mount --rbind /dev "$r/dev"
    for p in $binds; do
      if [ -d "$p" ]; then mkdir -p "$r$p"; else mkdir -p "$r$(dirname "$p")"; touch "$r$p"; fi
      mount --bind "$p" "$r$p" && mount -o remount,bind,ro "$r$p"
    done
    exec chroot "$r" /usr/bin/env -i HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 \
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      $(env | grep -E "^(PIP_[A-Z_]+|SSL_CERT_FILE|REQUESTS_CA_BUNDLE|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY|QT_QPA_PLATFORM|CI)=" | tr "\n" " ") \
      "$@"
  ' _ "$r" "$binds" "$@"
}

key_of() { sha256sum "$@" | sha256sum | cut -c1-16; }

make_root() {
  # make_root DIR ARCHES PACKAGES…: a bullseye root made by mmdebstrap (in its own mount namespace).
  local dir=$1 arches=$2; shift 2
  local m; m=$(mirror)
  local sources=("deb $m $SUITE main" "deb $m $SUITE-updates main")
  # The toolchain root fetches bookworm's python3.11 source; the arm64 root needs no source index.
  case "$arches" in *amd64*) sources+=("deb-src $m bookworm main") ;; esac
  rm -rf "$dir.new"
  log "mmdebstrap $SUITE ($arches) into $dir from $m"
  unshare --mount --propagation private --fork -- mmdebstrap --quiet --variant=minbase --architectures="$arches" \
    --include="$(IFS=,; echo "$*")" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/zh_CN/*' \
    --aptopt='Acquire::Languages "none"' \
    "$SUITE" "$dir.new" "${sources[@]}"
  rm -rf "$dir" && mv "$dir.new" "$dir"
}

build_python_script() {
  # Runs inside the toolchain root: fetch Debian's python3.11 source, apply the upstream fixes, compile.
  cat <<EOF
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
rm -rf /src && mkdir -p /src && cd /src
apt-get update -qq
apt-get source --download-only -qq $PY_SOURCE_PACKAGE 2>&1 | grep -v 'unsandboxed' || true
# apt-get checked the files against the signed Sources index; dpkg-source lacks Debian's keyring here.
dpkg-source --no-check --skip-patches -x ${PY_SOURCE_PACKAGE}_*.dsc python >/dev/null
cd python
sed -n '/^$PY_FIRST_UPSTREAM_PATCH/,\$p' debian/patches/series | grep -v '^#' | while read -r p _; do
  patch -p1 -s --no-backup-if-mismatch < "debian/patches/\$p"
done
# The fix of CVE-2026-4224 includes an internal header in pyexpat.c; Debian builds pyexpat into the
# interpreter (Py_BUILD_CORE_BUILTIN), here it is a shared module like the others.
grep -q Py_BUILD_CORE_MODULE Modules/pyexpat.c || sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif' Modules/pyexpat.c
# x86_64: glibc 2.29 gave exp/log/pow/exp2/log2 new symbol versions; bind the old ones (same results) and
# leave sem_clockwait (2.30) unused, so that the interpreter needs no more than glibc 2.28.
cat > /src/glibc-2.28.h <<'H'
#if defined(__x86_64__) && !defined(__ASSEMBLER__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
#endif
H
common="--prefix=$PY_PREFIX --enable-shared --disable-test-modules --with-ensurepip=install --without-static-libpython"
# No -g: PyInstaller strips the symbols anyway, and debug information makes the compile slower.
export OPT="-DNDEBUG -fwrapv -O2 -Wall"
mkdir -p /src/b-x86_64 && cd /src/b-x86_64
../python/configure -q \$common ac_cv_func_sem_clockwait=no \
  CFLAGS_NODIST="-include /src/glibc-2.28.h" LDFLAGS="-Wl,-rpath,$PY_PREFIX/lib"
make -s -j"\$(nproc)" >/dev/null
make -s install >/dev/null
mkdir -p /src/b-aarch64 && cd /src/b-aarch64
../python/configure -q \$common --host=aarch64-linux-gnu --build=x86_64-linux-gnu \
  --with-build-python=$PY_PREFIX/bin/python3.11 \
  ac_cv_file__dev_ptmx=yes ac_cv_file__dev_ptc=no ac_cv_buggy_getaddrinfo=no \
  PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig \
  LDFLAGS="-Wl,-rpath,$PY_PREFIX/lib -Wl,-z,max-page-size=65536"
make -s -j"\$(nproc)" >/dev/null
rm -rf /out/aarch64 && make -s install DESTDIR=/out/aarch64 >/dev/null
# ssl is for pip inside the roots only: the bundle leaves it out (build.spec).
$PY_PREFIX/bin/python3.11 -c 'import zlib, bz2, lzma, ctypes, decimal, pyexpat, _uuid, ssl, venv, ensurepip'
EOF
}

toolchain() {
  local t=$B/toolchain
  local key; key=$(printf '%s\n' "$SUITE" "${TOOLCHAIN_PACKAGES[@]}" | sha256sum | cut -c1-16)
  if [ "$(cat "$t.key" 2>/dev/null)" != "$key" ] || [ ! -x "$t/usr/bin/aarch64-linux-gnu-gcc" ]; then
    local s; s=$(now)
    rm -f "$t.key" "$B/python.key"
    make_root "$t" amd64,arm64 "${TOOLCHAIN_PACKAGES[@]}"
    echo "$key" > "$t.key"
    log "toolchain root: $(( $(now) - s )) s"
  fi
  local pkey; pkey=$( (build_python_script; echo "$key") | sha256sum | cut -c1-16)
  if [ "$(cat "$B/python.key" 2>/dev/null)" != "$pkey" ] || [ ! -x "$t/out/aarch64$PY_PREFIX/bin/python3.11" ]; then
    local s; s=$(now)
    prepare_root_files "$t"
    build_python_script > "$t/build-python.sh"
    in_root "$t" /bin/bash /build-python.sh
    echo "$pkey" > "$B/python.key"
    log "CPython x86_64 + aarch64 compiled: $(( $(now) - s )) s"
  fi
}

arm64_root() {
  local r=$B/aarch64
  local key; key=$(printf '%s\n' "$SUITE" "${RUNTIME_PACKAGES[@]}" "$(cat "$B/python.key")" | sha256sum | cut -c1-16)
  if [ "$(cat "$r.key" 2>/dev/null)" != "$key" ] || [ ! -x "$r$PY_PREFIX/bin/python3.11" ]; then
    local s; s=$(now)
    make_root "$r" arm64 "${RUNTIME_PACKAGES[@]}"
    cp -a "$B/toolchain/out/aarch64$PY_PREFIX" "$r/opt/"
    echo "$key" > "$r.key"
    log "arm64 root: $(( $(now) - s )) s"
  fi
}

project_env() {
  # project_env ROOT: the project's dependencies in $ENV_PREFIX (a venv of the compiled interpreter).
  local r=$1
  local recipe="$PY_PREFIX/bin/python3.11 -m venv $ENV_PREFIX && \
      $ENV_PREFIX/bin/python -m pip install --quiet --upgrade pip && \
      $ENV_PREFIX/bin/python -m pip install --quiet '/src/xxgk-report[gui,test,build]'"
  local key; key=$( (cat "$HERE/pyproject.toml" "$HERE/build.spec" "$r.key" "$B/python.key"; echo "$recipe") | sha256sum | cut -c1-16)
  if [ "$(cat "$r$ENV_PREFIX.key" 2>/dev/null)" != "$key" ] || [ ! -f "$r$ENV_PREFIX/pyvenv.cfg" ]; then
    local s; s=$(now)
    prepare_root_files "$r"
    sync_source "$r"
    rm -rf "$r$ENV_PREFIX" "$r$ENV_PREFIX.key" "$r/out/dist.key"
    in_root "$r" /bin/sh -c "$recipe"
    echo "$key" > "$r$ENV_PREFIX.key"
    log "project environment in $(basename "$r"): $(( $(now) - s )) s"
  fi
}

sync_source() {
  # The project's tracked and new files (not build/, dist/, .venv) copied to ROOT/src/xxgk-report.
  local r=$1
  rm -rf "$r/src/xxgk-report" && mkdir -p "$r/src/xxgk-report"
  (cd "$HERE" && git ls-files -z --cached --others --exclude-standard 2>/dev/null || find . -path ./build -prune -o -path ./dist -prune -o -path ./.venv -prune -o -type f -print0) \
    | (cd "$HERE" && xargs -0 cp --parents -t "$r/src/xxgk-report" 2>/dev/null || true)
}

bundle() {
  # bundle ROOT OUTDIR ARCH: PyInstaller on build.spec inside ROOT, the folder and tarball into OUTDIR.
  local r=$1 out=$2 arch=$3
  local s; s=$(now)
  local version
  version=$(sed -n 's/^__version__ *= *"\(.*\)"/\1/p' "$HERE/report/__init__.py")
  sync_source "$r"
  # Rebuilt when what goes into the bundle changed (not for a change in tests/ or docs/): PyInstaller
  # under qemu takes minutes.
  local key; key=$( (cat "$r$ENV_PREFIX.key"; cd "$r/src/xxgk-report" && \
    find report gui templates resources packaging build.spec pyproject.toml -type f ! -name '*.pyc' -print0 \
    | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16)
  if [ "$(cat "$r/out/dist.key" 2>/dev/null)" = "$key" ] && [ -x "$out/xxgk-report/xxgk" ] \
     && [ -f "$HERE/dist/xxgk-report-$version-linux-$arch.tar.gz" ]; then
    log "bundle $arch: up to date (${out#$HERE/}/xxgk-report)"
    return 0
  fi
  rm -f "$r/out/dist.key"
  in_root "$r" /bin/sh -c "cd /src/xxgk-report && rm -rf /out/dist /out/work && \
    $ENV_PREFIX/bin/python -m PyInstaller --noconfirm --log-level WARN --distpath /out/dist --workpath /out/work build.spec"
  mkdir -p "$out"
  rm -rf "$out/xxgk-report"
  cp -a "$r/out/dist/xxgk-report" "$out/xxgk-report"
  tar -C "$out" -czf "$HERE/dist/xxgk-report-$version-linux-$arch.tar.gz" xxgk-report
  echo "$key" > "$r/out/dist.key"
  log "bundle $arch: $(( $(now) - s )) s -> ${out#$HERE/}/xxgk-report, dist/xxgk-report-$version-linux-$arch.tar.gz"
}

cmd=${1:-}; arch=${2:-}
case "$cmd" in
  build)
    need_root
    mkdir -p "$B" "$HERE/dist"
    start=$(now)
    toolchain
    case "$arch" in
      x86_64)
        project_env "$B/toolchain"
        bundle "$B/toolchain" "$HERE/dist" x86_64 ;;
      aarch64)
        enable_qemu
        arm64_root
        project_env "$B/aarch64"
        bundle "$B/aarch64" "$HERE/dist/linux-aarch64" aarch64 ;;
      *) die "usage: $0 build x86_64|aarch64" ;;
    esac
    log "total $(( $(now) - start )) s" ;;
  run)
    need_root
    shift 2
    case "$arch" in
      aarch64) enable_qemu; r=$B/aarch64 ;;
      x86_64) r=$B/toolchain ;;
      *) die "usage: $0 run x86_64|aarch64 CMD…" ;;
    esac
    [ -f "$r$ENV_PREFIX/pyvenv.cfg" ] || die "no $arch root; run: make dist-$arch"
    in_root "$r" "$@" ;;
  unmount) unmount_all ;;
  *) die "usage: $0 build|run|unmount …" ;;
esac
