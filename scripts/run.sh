#!/usr/bin/env bash
# 办公室工作手册 的一键命令。用法：bash scripts/run.sh serve|serve-zensical|test|build|build-zensical|bench
#   serve           建好环境，在 http://127.0.0.1:8000 预览（改动自动刷新）
#   serve-zensical  用 Zensical 在 http://127.0.0.1:8001 预览（同上）
#   test            建好两个环境（含 Debian 的 chromium、firefox-esr 和固定版本的 npm 工具），运行全部测试
#   build           建好环境，生成静态站点 site/（构建失败时保留旧的 site/）
#   build-zensical  用第二套引擎 Zensical 生成 site-zensical/（同上，失败时保留旧的）
#   bench           基准测试：构建时间、每页字节数、勾选耗时、Lighthouse、搜索准确率和速度，结果存 bench/results.md
set -euo pipefail

cd "$(dirname "$0")/.."
# Material prints a notice about MkDocs 2.0 on every build; we pin MkDocs 1.x.
export NO_MKDOCS_2_WARNING=1

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "需要 root 权限安装系统软件包：$*" >&2
    return 1
  fi
}

# ensure_venv DIR REQUIREMENTS: MkDocs lives in .venv, Zensical in .venv-zensical, so neither changes the other.
# Debian's python3 has no venv module until python3-venv is installed.
ensure_venv() {
  local venv=$1 requirements=$2
  if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
      as_root apt-get update -qq
      as_root apt-get install -y -qq python3-venv
    fi
    python3 -m venv "$venv"
  fi
  # Reinstall only when the requirements changed since the last install.
  local stamp="$venv/.installed-$(basename "$requirements")"
  if [ ! -f "$stamp" ] || [ -n "$(find requirements*.txt -newer "$stamp")" ]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    touch "$stamp"
  fi
}

# Browser tests need Debian's Chromium and Firefox ESR, CJK fonts and poppler's pdf tools;
# the browser-support checks and the Firefox tests run on Node.js (Debian's 18+ is new enough).
ensure_system_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  command -v npm >/dev/null || missing+=(nodejs npm)
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  # A TrueType-outline CJK font: Chromium embeds it in PDFs as a named font (see print.css).
  [ -d /usr/share/fonts/truetype/wqy ] || missing+=(fonts-wqy-microhei)
  command -v pdfinfo >/dev/null || missing+=(poppler-utils)
  # LibreOffice renders the Word templates to check them, and saves a .docx for the format check's tests.
  command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "安装系统软件包：${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# The npm tools pinned in package-lock.json (stylelint, es-check, puppeteer-core), reinstalled only
# when the lock file changed. puppeteer-core drives the installed Firefox ESR and downloads no browser.
ensure_node_tools() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
}

# publish DIR: the build went to DIR.new; swap it in only now that it succeeded, so a failed build
# never leaves a half site.
publish() {
  local live=$1
  rm -rf "$live.old"
  if [ -d "$live" ]; then mv "$live" "$live.old"; fi
  mv "$live.new" "$live"
  rm -rf "$live.old"
  echo "站点已生成：$live/"
}

case "${1:-}" in
  serve)
    ensure_venv .venv requirements.txt
    exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000
    ;;
  serve-zensical)
    ensure_venv .venv-zensical requirements-zensical.txt
    # Zensical loads macros/ from the project but, unlike mkdocs-macros, does not put the project on
    # sys.path, so `import handbook` needs it here. Port 8001 (DEV_ADDR changes it): both previews can run side by side.
    # Its own folder: the preview never overwrites a published site-zensical/. A fresh cache, as
    # build_zensical.py does: Zensical's page cache does not know the checklist data changed.
    rm -rf .cache
    exec env ZENSICAL_SITE_DIR=site-zensical.serve PYTHONPATH="$PWD" \
      .venv-zensical/bin/zensical serve -f mkdocs.zensical.yml --dev-addr "${DEV_ADDR:-127.0.0.1:8001}"
    ;;
  test)
    ensure_venv .venv requirements-test.txt
    # The browser tests also build the site with Zensical, calling it from .venv-zensical.
    ensure_venv .venv-zensical requirements-zensical.txt
    ensure_system_packages
    ensure_node_tools
    shift
    # One test worker per CPU; worksteal hands a worker that is done the tests another has left
    # (the page-by-page checks are split into shards for it). "-n 0" after the command runs one process.
    exec .venv/bin/python -m pytest -n auto --dist worksteal "$@"
    ;;
  build)
    ensure_venv .venv requirements.txt
    # The address readers open; instant navigation needs its path and port to match.
    export SITE_URL="${SITE_URL:-http://localhost/}"
    rm -rf site.new
    .venv/bin/mkdocs build --strict --site-dir site.new
    publish site
    ;;
  build-zensical)
    ensure_venv .venv-zensical requirements-zensical.txt
    export SITE_URL="${SITE_URL:-http://localhost/}"
    rm -rf site-zensical.new
    ZENSICAL_SITE_DIR=site-zensical.new .venv-zensical/bin/python scripts/build_zensical.py
    publish site-zensical
    ;;
  bench)
    ensure_venv .venv requirements-test.txt
    ensure_venv .venv-zensical requirements-zensical.txt
    # Lighthouse runs on Node.js (installed here); Debian's nodejs is new enough for the pinned Lighthouse 12.
    ensure_system_packages
    shift
    exec .venv/bin/python -m bench "$@"
    ;;
  *)
    echo "用法：bash scripts/run.sh serve|serve-zensical|test|build|build-zensical|bench" >&2
    exit 2
    ;;
esac
