"""Build the handbook with Zensical, first naming everything of the config that Zensical ignores.

Zensical 0.0.73 reads mkdocs.yml but drops plugins it does not know, some plugin
options, validation settings, MkDocs hooks and mkdocs-macros' module hooks
without a word. This prints one line per dropped setting before the build, so
nothing is lost silently; docs/about/engines.md lists the lines we expect and
tests/test_zensical.py fails on any other.

Runs inside .venv-zensical (it imports Zensical), from scripts/run.sh build-zensical,
the tests and the benchmark:

    ZENSICAL_SITE_DIR=site-zensical .venv-zensical/bin/python scripts/build_zensical.py [CONFIG]

CONFIG defaults to the project's mkdocs.zensical.yml; the tests pass a throw-away project's.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import zensical
# Private names of the pinned version, on purpose: Zensical's own table of supported plugins decides
# what is reported, and its own loader resolves INHERIT and !ENV as the build will; an upgrade that
# changes either shows in tests/test_zensical.py.
from zensical.config import _PLUGIN_UNSUPPORTED_OPTIONS, _yaml_load

CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.zensical.yml"
IGNORED = "Zensical 忽略："
# MkDocs' validation settings Zensical maps onto its own link checks (zensical/config.py, _apply_defaults).
VALIDATION_READ = {"not_found", "anchors"}
# Module functions mkdocs-macros calls besides define_env; Zensical's macros calls define_env only.
MACROS_HOOKS = ("on_pre_page_macros", "on_post_page_macros", "on_post_build")


def plugin_entries(plugins) -> list[tuple[str, dict]]:
    """(name, options) of each plugin, from either form mkdocs.yml allows: a list or a mapping."""
    items = plugins.items() if isinstance(plugins, dict) else [
        next(iter(entry.items())) if isinstance(entry, dict) else (entry, {}) for entry in plugins or []
    ]
    return [(name.removeprefix("material/"), options or {}) for name, options in items]


def ignored_settings(config: dict) -> list[str]:
    """What of the config Zensical drops, read from Zensical's own table of supported plugins."""
    ignored = []
    for name, options in plugin_entries(config.get("plugins")):
        if name not in _PLUGIN_UNSUPPORTED_OPTIONS:
            ignored.append(f"插件 {name}")
        else:
            ignored += [f"插件 {name} 的选项 {option}" for option in options if option in _PLUGIN_UNSUPPORTED_OPTIONS[name]]
    validation = config.get("validation")
    if isinstance(validation, dict):
        # Zensical lifts the settings under validation.links up a level before reading them.
        keys = [key for key in validation if key != "links"] + [f"links.{key}" for key in validation.get("links") or {}]
        ignored += [f"validation.{key}" for key in keys if key.removeprefix("links.") not in VALIDATION_READ]
    if config.get("hooks"):
        ignored.append("hooks（MkDocs 钩子）")
    macros = dict(plugin_entries(config.get("plugins"))).get("macros")
    if macros is not None:
        module = __import__(macros.get("module_name", "main"))
        ignored += [f"macros 模块的 {hook}" for hook in MACROS_HOOKS if hasattr(module, hook)]
    return ignored


def main(config_file: Path) -> None:
    project = config_file.parent
    # mkdocs-macros puts the project folder on sys.path so `module_name: macros` imports; Zensical does not.
    sys.path.insert(0, str(project))
    os.chdir(project)  # paths in the config, such as the glossary's, are the project's
    with config_file.open(encoding="utf-8") as source:
        config = _yaml_load(source)
    for setting in ignored_settings(config):
        print(f"{IGNORED}{setting}", file=sys.stderr)
    # As `zensical build --clean --strict`: a fresh cache, so changed checklist data is never served stale.
    zensical.build(str(config_file), {"clean": True, "strict": True})


if __name__ == "__main__":
    main(Path(sys.argv[1]).absolute() if len(sys.argv) > 1 else CONFIG)
