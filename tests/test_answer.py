from assistant.answer import choose_quotes, mark_spans
from index.lexical import tokenize


def test_mark_spans_on_japanese_bigrams_merge():
    text = "水素製造および燃料電池による系統連系"
    spans = mark_spans(text, set(tokenize("水素と燃料電池")))
    assert [text[a:b] for a, b in spans] == ["水素", "燃料電池"]


def test_mark_spans_maps_full_width_back_to_the_original():
    text = "ＪＣＭ設備補助事業"
    spans = mark_spans(text, {"jcm"})
    assert [text[a:b] for a, b in spans] == ["ＪＣＭ"]


def test_mark_spans_english_words_by_stem():
    text = "Feasibility studies on hydrogen production"
    spans = mark_spans(text, set(tokenize("hydrogen productions study")))
    assert [text[a:b] for a, b in spans] == ["studies", "hydrogen", "production"]


def test_choose_quotes_are_verbatim_sentences(corpus):
    p = corpus[1]  # #2, with (1)(2)(3) items
    quotes = choose_quotes(p, "コークス乾式消火設備", {}, lang="en", has_content=True)
    assert quotes[0].text == "(3)コークス乾式消火設備の導入可能性調査"
    assert quotes[0].text in p.summary
    assert quotes[0].en == p.en.sentences[4]
    assert "".join(quotes[0].text[a:b] for a, b in quotes[0].marks) == "コークス乾式消火設備"


def test_listing_quotes_the_opening_sentence(corpus):
    p = corpus[3]
    quotes = choose_quotes(p, "", {}, lang="ja", has_content=False)
    assert [q.text for q in quotes] == [p.sentences[0]] and quotes[0].en is None
