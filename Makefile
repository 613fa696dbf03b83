# The README's first two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ARCH := $(shell uname -m)

.PHONY: run test bench system-deps venv lint dist clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[gui,test,build]"
	touch $(STAMP)

venv: $(STAMP)

system-deps:
	bash scripts/install-system-deps.sh

run: system-deps venv
	$(PY) -m gui

# The suite includes the frozen bundles' smoke tests (tests/frozen, tests/windows), so the bundles are built first.
test: system-deps venv dist dist-windows
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: system-deps venv
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

# Linux one-folder bundle: dist/xxgk-report/ and dist/xxgk-report-<version>-linux-<arch>.tar.gz,
# built in a Debian 11 root under build/linux/ (glibc floor 2.28 on x86_64; see scripts/linux-bundle.sh).
dist: system-deps
	bash scripts/linux-bundle.sh build $(ARCH)

# The same bundle built with the host's venv (quick, but it needs the host's glibc: 2.36 on Debian 12).
dist-host: system-deps venv
	rm -rf dist/xxgk-report build/pyinstaller
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec
	version=$$($(PY) -c "import report; print(report.__version__)"); \
	tar -C dist -czf dist/xxgk-report-$$version-linux-$(ARCH).tar.gz xxgk-report; \
	echo "dist/xxgk-report-$$version-linux-$(ARCH).tar.gz"

# --- Windows (packaging/windows/): built and smoke-tested under Wine on this Linux machine ---
# dist/windows/xxgk-report/ (xxgk-gui.exe, xxgk.exe), dist/xxgk-report-<version>-windows-x86_64.zip and
# dist/xxgk-report-<version>-setup.exe, from the Wine prefix cached in build/wine/ (recreated when
# pyproject.toml or build.spec changes). Nothing is rebuilt when no input changed.
.PHONY: dist-windows
dist-windows: system-deps venv
	$(PY) packaging/windows/dist_windows.py

lint: venv
	$(PY) -m pip install --quiet ruff
	$(PY) -m ruff check report gui tests bench

clean:
	bash scripts/linux-bundle.sh unmount
	rm -rf $(VENV) build dist .pytest_cache

# --- arm64 (aarch64) bundle (issue 14): built and smoke-tested in a Debian 11 arm64 root under qemu-user ---
# dist/linux-aarch64/xxgk-report/ and dist/xxgk-report-<version>-linux-aarch64.tar.gz; tests/arm64 runs it.
.PHONY: dist-arm64
test: dist-arm64
dist-arm64: system-deps
	bash scripts/linux-bundle.sh build aarch64
