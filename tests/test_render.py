"""Rendering per answer kind: terminal text and chat HTML (fast: the fake embedder)."""
import html
import re

import pytest

from assistant.answer import Answer, Hit, Quote, Table
from assistant.query import Intent
from assistant.render import answer_html, answer_text, best_quote, table_text, text_width


@pytest.fixture
def conv(fake_assistant):
    return fake_assistant.conversation(top_k=5)


def cards(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'class="c2c-card c2c-n(\d+)"', page)]


def test_list_answer_cards_in_japanese(fake_assistant, conv):
    answer = conv.ask("インドネシアの事業の一覧")
    assert answer.kind == "list"
    page = answer_html(answer)
    assert page.index("c2c-line") < page.index("c2c-card")  # the answer line first
    assert cards(page) == [4, 9, 14, 15]
    assert page.count("<details") == 4  # one disclosure per card
    p = fake_assistant.get(4)
    text = html.unescape(page)
    assert p.title in text and p.proposer in text and "c2c-tag" in page
    assert "c2c-quote-en" not in page  # Japanese question: no English rendering
    # every quote shown is verbatim
    for q in re.findall(r'<blockquote class="c2c-quote" lang="ja">「(.*?)」</blockquote>', page):
        plain = html.unescape(re.sub(r"</?mark>", "", q))
        assert any(plain in fake_assistant.get(n).summary for n in (4, 9, 14, 15))


def test_english_answer_uses_the_english_view_and_shows_the_rendering_under_the_quote(fake_assistant, conv):
    answer = conv.ask("tiltable wind turbines")
    page = answer_html(answer)
    card = page[page.index('c2c-n8"'):]
    card = card[:card.index("<details")]
    p = fake_assistant.get(8)
    assert html.unescape(card).count(p.en.title) == 1 and p.title not in html.unescape(card)
    assert card.count('class="c2c-quote"') == 1 and card.count("c2c-quote-en") == 1  # the single best quote
    assert card.index('class="c2c-quote"') < card.index("c2c-quote-en")
    assert "<mark>" in card
    best, _ = best_quote(answer.hits[0])
    assert best.text in p.sentences  # q.text as is


def test_breakdown_renders_an_escaped_table_with_bars(conv):
    answer = conv.ask("国別の事業数")
    assert answer.kind == "breakdown" and answer.table is not None
    page = answer_html(answer)
    assert page.index("c2c-line") < page.index("<table")
    assert "<th" in page and page.count("<tr>") == len(answer.table.rows) + 1
    assert page.count('class="c2c-bar ') == len(answer.table.rows)
    assert "width:100%" in page  # the largest group fills its bar
    assert "c2c-card" not in page
    text = answer_text(answer, tty=False)
    assert text.splitlines()[0] == answer.text
    assert "インドネシア" in text


def test_compare_renders_the_table(fake_assistant, conv):
    answer = conv.ask("compare #8 and #12")
    assert answer.kind == "compare"
    page = html.unescape(answer_html(answer))
    assert "<table" in page and "#8" in page and "#12" in page and "c2c-bar" not in page
    assert fake_assistant.get(8).en.title in page


def test_none_is_a_short_message_with_suggestions(fake_assistant):
    intent = Intent("qwxzv", "en")
    answer = Answer("qwxzv", intent, "No project matches this question.", (), False, kind="none",
                    suggestions=(3, 5))
    page = answer_html(answer)
    assert "c2c-card" not in page and "<table" not in page
    assert "&#35;3" in page and "&#35;5" in page
    assert answer_text(answer, tty=False) == "No project matches this question.\nPerhaps worth a look: #3, #5"
    assert "#" not in answer_text(Answer("x", intent, "Nothing.", (), False, kind="none"), tty=False)


def test_everything_is_escaped(fake_assistant):
    p = fake_assistant.get(1)
    evil = "<script>alert(1)</script>"
    intent = Intent(evil, "en")
    table = Table(("<b>x</b>", "n"), ((evil, 3), ("[a](javascript:x)", 1)))
    for kind, tab in (("breakdown", table), ("compare", table), ("list", None)):
        hit = Hit(p, 1.0, (Quote(p.sentences[0], 0, ((0, 2),)),), (evil,))
        page = answer_html(Answer(evil, intent, evil, (hit,), True, kind=kind, table=tab))
        assert "<script" not in page and "<b>x</b>" not in page and "](" not in page
        assert "&#60;script&#62;" in page


def test_table_text_aligns_columns():
    table = Table(("対象国", "件数"), (("インドネシア", 4), ("Palau", 2)))
    lines = table_text(table).splitlines()
    assert len(lines) == 4
    assert len({text_width(line) for line in lines}) == 1  # every row as wide as the header
    assert lines[2].endswith(" 4") and lines[3].startswith("Palau ")


def test_cli_text_cards(fake_assistant, conv):
    answer = conv.ask("Which projects are in Indonesia?")
    text = answer_text(answer, tty=False)
    assert text.splitlines()[0] == answer.text
    assert f"#4 {fake_assistant.get(4).en.title}" in text
    assert "unofficial" in text
    underlined = answer_text(conv.ask("tiltable wind turbines"), tty=True)
    assert "\x1b[4m" in underlined
