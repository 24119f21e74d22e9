#!/usr/bin/env bash
# 办公室工作手册 的一键命令。用法：bash scripts/run.sh serve|test|build
#   serve  建好环境，在 http://127.0.0.1:8000 预览（改动自动刷新）
#   test   建好环境（含 Debian 的 chromium），运行全部测试
#   build  建好环境，生成静态站点 site/（构建失败时保留旧的 site/）
set -euo pipefail

cd "$(dirname "$0")/.."
VENV=.venv
# Material prints a notice about MkDocs 2.0 on every build; we pin MkDocs 1.x.
export NO_MKDOCS_2_WARNING=1

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "需要 root 权限安装系统软件包：$*" >&2
    return 1
  fi
}

# Debian's python3 has no venv module until python3-venv is installed.
ensure_venv() {
  local requirements=$1
  if [ ! -x "$VENV/bin/python" ]; then
    if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
      as_root apt-get update -qq
      as_root apt-get install -y -qq python3-venv
    fi
    python3 -m venv "$VENV"
  fi
  # Reinstall only when the requirements changed since the last install.
  local stamp="$VENV/.installed-$(basename "$requirements")"
  if [ ! -f "$stamp" ] || [ -n "$(find requirements*.txt -newer "$stamp")" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    touch "$stamp"
  fi
}

# Browser tests need Debian's Chromium, CJK fonts and poppler's pdf tools.
ensure_system_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  command -v pdfinfo >/dev/null || missing+=(poppler-utils)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "安装系统软件包：${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

case "${1:-}" in
  serve)
    ensure_venv requirements.txt
    exec "$VENV/bin/mkdocs" serve --dev-addr 127.0.0.1:8000
    ;;
  test)
    ensure_venv requirements-test.txt
    ensure_system_packages
    shift
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  build)
    ensure_venv requirements.txt
    # The address readers open; instant navigation needs its path and port to match.
    export SITE_URL="${SITE_URL:-http://localhost/}"
    # Build beside the live site and swap only on success: a failed build never leaves a half site.
    rm -rf site.new
    "$VENV/bin/mkdocs" build --strict --site-dir site.new
    rm -rf site.old
    if [ -d site ]; then mv site site.old; fi
    mv site.new site
    rm -rf site.old
    echo "站点已生成：site/"
    ;;
  *)
    echo "用法：bash scripts/run.sh serve|test|build" >&2
    exit 2
    ;;
esac
