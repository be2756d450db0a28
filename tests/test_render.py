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


# ---------------------------------------------------------------- issue #21: copy text, evidence, see also, tables

def test_copy_text_is_plain_answer_line_proposals_and_quotes(fake_assistant, conv):
    from assistant.render import answer_plain

    answer = conv.ask("インドネシアの事業の一覧")
    text = answer_plain(answer)
    assert text.splitlines()[0] == answer.text
    assert "<" not in text and "&#" not in text
    for h in answer.hits:
        assert f"**#{h.number} {h.proposal.title}**" in text
        assert f"> {best_quote(h)[0].text}" in text
    page = answer_html(answer)
    hidden = re.search(r'<pre class="c2c-copytext">(.*?)</pre>', page).group(1)
    assert "\n" not in hidden  # newlines as entities: a blank line would end the chat's HTML block
    assert html.unescape(hidden) == text
    table = answer_plain(conv.ask("国別の事業数"))
    assert "| 対象国 | 件数 | 事業 |" in table and "|---|---|---|" in table


def test_evidence_and_see_also_are_labelled_and_apart(fake_assistant):
    from assistant.answer import Evidence

    p, q = fake_assistant.get(15), fake_assistant.get(7)
    ev = Evidence("names", p.sentences[0], 1.0, "summary", 0, None, "水素")
    near = Evidence("meaning", p.sentences[1], 0.8, "summary", 1)
    hit = Hit(p, 1.0, (Quote(p.sentences[2], 2),), (), (ev, near))
    related = Hit(q, 0.5, (Quote(q.sentences[0], 0),))
    for lang, names, meaning, see in (("ja", "テーマを明記", "意味が近い", "関連（この回答には含めていません）"),
                                      ("en", "names the topic", "close in meaning", "See also (not part of this answer)")):
        answer = Answer("水素", Intent("水素", lang), "1件", (hit,), True, kind="list", related=(related,))
        page = html.unescape(answer_html(answer))
        card = page[page.index('class="c2c-card'):page.index('class="c2c-related"')]
        assert names in card and meaning in card and p.sentences[0] in card and p.sentences[1] in card
        assert 'c2c-n7' not in card  # the related proposal is never inside the claim
        assert see in page[page.index('class="c2c-related"'):] and "c2c-n7" in page[page.index('class="c2c-related"'):]
        assert page.index('class="c2c-related"') > page.index('class="c2c-card')
        from assistant.render import answer_plain

        assert see in answer_plain(answer) and f"> {p.sentences[0]}" in answer_plain(answer)


def test_compare_each_field_once_with_gists(fake_assistant, conv):
    from assistant.render import compare_parts

    answer = conv.ask("#8と#12を比較")
    shared, differing = compare_parts(answer.table, skip=("事業名",))
    labels = [k for k, _ in shared] + [r[0] for r in differing.rows]
    assert len(labels) == len(set(labels)) and "対象国" in [k for k, _ in shared] and "事業名" not in labels
    page = html.unescape(answer_html(answer))
    shown = re.sub(r'<pre class="c2c-copytext">.*?</pre>', "", page, flags=re.S)  # (the copy text keeps it)
    assert page.count('class="c2c-gist ') == 2 and answer.text not in shown  # the line does not repeat the table


def test_attribute_of_several_is_a_table_and_of_one_no_card(fake_assistant, conv):
    answer = conv.ask("who proposed #4 and #9?")
    assert answer.kind == "attribute"
    page = html.unescape(answer_html(answer))
    assert "<table" in page and "c2c-card" not in page and fake_assistant.get(9).en.proposer in page
    one = answer_html(conv.ask("#5の提案者は？"))
    assert "c2c-card" not in one and "c2c-rec-5" in one and "c2c-ref-5" in one


def test_breakdown_line_does_not_repeat_its_table(conv):
    answer = conv.ask("国別の事業数")
    line = re.search(r'<p class="c2c-line">(.*?)</p>', answer_html(answer)).group(1)
    assert "ベトナム" not in html.unescape(re.sub("<[^>]+>", "", line))


def test_follow_ups_in_the_answers_language(conv):
    from assistant.render import followups

    ja = followups(conv.ask("インドネシアの事業の一覧"))
    assert 2 <= len(ja) <= 3 and "#4と#9を比較" in ja and "#4に似た事業" in ja
    en = followups(conv.ask("Which projects are in Indonesia?"))
    assert "compare #4 and #9" in en and "similar to #4" in en


def test_no_doubled_opening_bracket():
    from assistant.render import quote_html

    page = quote_html(Quote("「脱炭素」を目指す。", 0))
    assert "「「" not in html.unescape(page)
    assert html.unescape(quote_html(Quote("本事業は", 0))).count("「本事業は」") == 1
