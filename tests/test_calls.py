"""Pages with nothing but plain macro calls are filled in without Jinja, exactly as Jinja would."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from macros.calls import expand_plain_calls

ROOT = Path(__file__).resolve().parent.parent


def checklist_link(checklist_id: str) -> str:
    return f'<a href="{checklist_id}">{checklist_id} 清单</a>'


def checklist_index() -> str:
    return "<table>全部清单</table>"


MACROS = {"checklist_link": checklist_link, "checklist_index": checklist_index}


def with_jinja(markdown: str, macros=MACROS) -> str:
    """What mkdocs-macros does with the page: a default Jinja environment, the macros as globals."""
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    environment.globals.update(macros)
    return environment.from_string(markdown).render()


@pytest.mark.parametrize(
    "markdown",
    [
        '# 标题\n\n见 {{ checklist_link("meeting") }}。\n',
        '{{checklist_link("meeting")}}、{{  checklist_link( "five-checks" )  }}',
        "# 全部清单\n\n{{ checklist_index() }}\n\n末尾\n\n",
        "# 没有模板代码的页面\n\n正文。\n",
    ],
)
def test_plain_calls_give_what_jinja_gives(markdown):
    assert expand_plain_calls(markdown, MACROS) == with_jinja(markdown)


@pytest.mark.parametrize(
    "markdown",
    [
        '{% if true %}{{ checklist_link("meeting") }}{% endif %}',
        '{{ checklist_link("meeting") }} {{ page.title }}',
        "{{ checklist_link('meeting') }}",  # single quotes: Jinja reads them, the fast path does not
        '{{ checklist_link("meeting") | upper }}',
        '{{ now() }} {{ checklist_link("meeting") }}',  # not one of our macros
        '{# 注释 #} {{ checklist_link("meeting") }}',
    ],
)
def test_anything_else_is_left_to_jinja(markdown):
    assert expand_plain_calls(markdown, MACROS) is None


def test_an_error_in_a_macro_is_raised_not_written_into_the_page():
    def unknown(checklist_id: str) -> str:
        raise KeyError(checklist_id)

    with pytest.raises(KeyError):
        expand_plain_calls('{{ checklist_link("nope") }}', {"checklist_link": unknown})


def test_every_handbook_page_comes_out_as_jinja_renders_it():
    macros = {
        "checklist": lambda checklist_id: f"<section>{checklist_id}</section>",
        "checklist_counts": lambda checklist_id: f"{checklist_id} 的阶段和条目数",
        "checklist_runs": lambda: "<div>事项</div>",
        **MACROS,
    }
    expanded = 0
    for page in sorted((ROOT / "docs").rglob("*.md")):
        markdown = page.read_text(encoding="utf-8")
        result = expand_plain_calls(markdown, macros)
        if result is not None:
            expanded += 1
            assert result == with_jinja(markdown, macros), page
    assert expanded > 0


def test_a_page_with_other_template_code_is_still_rendered_by_jinja(fixture_project):
    fixture_project.copy_checklist("meeting")
    fixture_project.page("checklists/meeting.md", '# 办会\n\n{{ checklist("meeting") }}\n')
    fixture_project.page("index.md", '# 首页\n\n{% for id in ["meeting"] %}见 {{ checklist_link(id) }}。{% endfor %}\n')
    build = fixture_project.build()
    assert build.returncode == 0, build.output
    page = (build.site / "index.html").read_text(encoding="utf-8")
    assert '<p>见 <a class="checklist-link" href="checklists/meeting/#cl-meeting">办会十九步</a>。</p>' in page
