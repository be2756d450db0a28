"""Readings from the fourth and fifth blind sets, each general and in both languages where the language has
the form (fast tier)."""
import pytest

from assistant.core import Conversation


def last_answer(fake, turns):
    """The answer to the last of these questions, asked in turn in one conversation."""
    c = Conversation(fake)
    for q in turns:
        a = c.ask(q)
    return a


def nums(answer):
    return sorted(h.number for h in answer.hits)


@pytest.mark.parametrize("q, want", [
    ("I'm with a Japanese boiler manufacturer. Which proposals involve boilers?", [3, 6, 18]),
    ("I work at the Philippine embassy. Is there any project with a city in the Philippines?", [16]),
    ("うちは太陽光パネルのメーカーなんですが、インドネシアで太陽光発電の導入を提案している案件は？", [14]),
])
def test_who_is_asking_is_no_part_of_the_question(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_a_sentence_that_says_who_asks_and_what_they_need_is_kept(fake):
    # "interested in" is the need: the topic stays
    assert nums(fake.ask("I'm interested in circular economy approaches - which proposals mention them?")) \
        == [2, 3, 7, 17]


@pytest.mark.parametrize("first, then, want", [
    ("Kitakyushu projects?", "and Indonesia projects except Kitakyushu ones?", [9, 14, 15]),
    ("大阪市の提案は何件あって、それぞれどこの国向け？", "大阪市以外で、デジタル技術が対象分野に入っているのは？",
     [1, 2, 9, 10, 11, 12]),
])
def test_excluding_what_the_previous_answer_selected_starts_afresh(fake, first, then, want):
    c = Conversation(fake)
    c.ask(first)
    assert nums(c.ask(then)) == want


@pytest.mark.parametrize("then", ["which don't?", "the rest?"])
def test_which_dont_is_the_complement(fake, then):
    c = Conversation(fake)
    claimed = nums(c.ask("Which proposals mention JCM?"))
    assert nums(c.ask(then)) == sorted(set(range(1, 19)) - set(claimed))


@pytest.mark.parametrize("q, want", [
    ("how many proposals does nippon koei hav in total?", [1, 7, 10, 11, 14, 17, 18]),  # "hav" is "have"
    ("which projects are in teh Philippines?", [16]),  # "teh" is "the"
    ("fuel cell vehicles", [15]),  # "cell" is no misspelt "tell"
])
def test_misspelt_little_words_are_no_topic(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_examples_after_eg_are_alternatives(fake):
    a = fake.ask("Which projects mention financing, e.g. subsidies, leasing or raising funds?")
    assert a.intent.topic.split(" / ") == ["financing", "subsidies", "leasing", "raising funds"]


def test_commas_without_examples_are_no_alternatives(fake):
    a = fake.ask("MRV (measurement, reporting and verification) of emissions")
    assert a.kind == "none"


def test_a_term_keeps_its_own_meaning_before_or(fake):
    """"an MoU or formal cooperation agreement": the MoU itself, not an "MoU agreement"."""
    assert {1, 17, 18} <= set(nums(fake.ask("Do any projects mention an MoU or formal cooperation agreement?")))


def test_capacity_building_is_no_building(fake):
    got = nums(fake.ask("Which proposals target the buildings sector?"))
    assert {13, 16} <= set(got) and len(got) <= 3


@pytest.mark.parametrize("q", ["ボイラーの導入・高効率化を扱う提案を探しています。", "Which projects propose boilers?"])
def test_a_word_taken_out_between_alternatives_leaves_the_shared_one(fake, q):
    """「ボイラーの導入・高効率化」: boilers introduced or made efficient - every boiler, not every efficiency."""
    assert nums(fake.ask(q)) == [3, 6, 18]


@pytest.mark.parametrize("first, then, want, says", [
    ("anything about wind power?", "where is that?", [8], "Palau"),
    ("Ehime prefecture's projects", "Does Shiga have one too?", [6], "Shiga"),
])
def test_short_follow_ups(fake, first, then, want, says):
    c = Conversation(fake)
    c.ask(first)
    a = c.ask(then)
    assert nums(a) == want and says in a.text


def test_bali_alone_is_the_partner(fake):
    a = fake.ask("バリの水素の事業って期間は何年？")
    assert a.kind == "unrecorded" and nums(a) == [15]


def test_who_is_asking_stays_when_the_question_points_back_at_them(fake):
    assert nums(fake.ask("I work for Kitakyushu city. Which proposals are we part of?")) == [2, 4, 12]


def test_the_company_with_the_most_proposals(fake):
    a = fake.ask("一番たくさん提案を出している会社はどこ？何件？")
    assert a.kind == "breakdown" and "日本工営" in a.text and "7件" in a.text


@pytest.mark.parametrize("q, want", [
    ("建物・建築物分野の脱炭素を扱う案件を知りたいです。", [13, 16]),  # 分野 modifies 脱炭素: no fields asked
    ("国内自治体の地元企業と組んでいる提案はどれですか？", None),
])
def test_an_attribute_word_that_modifies_a_topic_asks_for_projects(fake, q, want):
    a = fake.ask(q)
    assert a.kind in ("ranked", "none") and not a.intent.asked
    if want is not None:
        assert nums(a) == want


@pytest.mark.parametrize("q, asked", [
    ("コークス乾式消火設備(CDQ)の導入可能性を調べるのはどこの会社の提案?", "proposer"),
    ("#5の対象国は？", "country"),
])
def test_an_attribute_word_that_heads_or_asks_is_asked(fake, q, asked):
    assert fake.ask(q).intent.asked == asked


@pytest.mark.parametrize("q, want", [
    ("工場などの廃熱を利用する取組を含む提案はありますか", [6]),  # 工場 is an example of where the heat is
    ("高効率ボイラーなど、ボイラーの導入に触れている事業はどれですか？", [3, 6, 18]),
    ("EV（電気自動車などの電動車両）の導入を検討している事業", [6, 12, 15]),  # など inside a bracket
])
def test_examples_before_nado_lead_into_the_topic(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_each_asks_each_topic_apart(fake):
    assert nums(fake.ask("セメントの案件と養殖の案件、それぞれ何番？")) == [3, 4]


@pytest.mark.parametrize("q, want", [
    ("○○町の環境政策担当です。来年の応募を検討中なのですが、浄化槽の導入を扱っている提案はありますか？", [6, 9]),
    ("大学のレポートで調べています。EVに関する取り組みを含む提案を全部教えてください", [6, 12, 15]),
    ("Hello, I work at Ho Chi Minh City hall. Is there a proposal for our city?", [18]),
    ("For my article: is it right that Nippon Koei is behind the most proposals? How many?",
     [1, 7, 10, 11, 14, 17, 18]),
])
def test_greetings_and_who_asks_are_no_topic(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_a_known_name_of_several_words_is_never_corrected_word_by_word(fake):
    """"digital transformation" is the DX field, not "digital" + a misspelt "transportation"."""
    a = fake.ask("Which proposals use digital technologies or digital transformation (DX)?")
    assert nums(a) == [1, 2, 9, 10, 11, 12, 17, 18]


def test_each_of_them_is_asked_of_every_claim(fake):
    c = Conversation(fake)
    assert nums(c.ask("浄化槽の導入を扱っている提案はありますか？")) == [6, 9]
    assert nums(c.ask("それぞれの提案者は？")) == [6, 9]


def test_excluding_within_a_refinement_keeps_the_earlier_proposals(fake):
    c = Conversation(fake)
    assert nums(c.ask("水素を扱っている提案はありますか")) == [7, 10, 11, 15]
    assert nums(c.ask("その中でベトナムのは？")) == [7, 10]
    assert nums(c.ask("ベトナム以外のは？")) == [11, 15]


def test_yi_gai_after_joined_names_excludes_each(fake):
    assert nums(fake.ask("インドネシアとベトナム以外だと？")) == [2, 5, 8, 11, 12, 13, 16, 17]


@pytest.mark.parametrize("q", ["大阪市の提案は何件で、富山市の提案は何件？", "How many projects in Osaka and how many in Toyama?"])
def test_a_count_asked_for_each_value_is_a_tally(fake, q):
    a = fake.ask(q)
    assert a.kind == "breakdown" and "3" in a.text and "2" in a.text


@pytest.mark.parametrize("q, want", [
    ("廃棄物発電（ごみ発電）の案件を探しています", [1, 7, 17]),  # ごみ is read, and ゴミ発電 stays one word
    ("ゴミの分別についての事業はありますか", [10]),
    ("汚泥処理の案件はありますか？", [3, 6]),  # the longest synonym first: 汚泥の炭化 is a sludge treatment
    ("anything on electric buses?", [12]),
    ("Any projects on recovering and destroying CFCs or other fluorocarbon refrigerants?", [5]),
    ("LED照明の導入を提案しているのはどれ？", [14, 18]),
])
def test_topics_from_the_seventh_blind_set(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_an_acronym_is_no_typo(fake):
    """LEED is not a misspelt LED (and "fuel cels" still is "fuel cells")."""
    assert fake.ask("green building certification such as LEED or EDGE").kind == "none"
    assert nums(fake.ask("Which projects work on fuel cels?")) == [15]


def test_when_does_it_start_is_not_recorded(fake):
    a = fake.ask("神戸市とドンナイ省の事業はいつ開始？")
    assert a.kind == "unrecorded" and nums(a) == [1]


def test_which_province_is_that_after_one_proposal(fake):
    c = Conversation(fake)
    c.ask("Which project deals with aquaculture?")
    a = c.ask("Which Vietnamese province is that?")
    assert a.kind == "attribute" and nums(a) == [3] and "Ben Tre" in a.text


def test_how_about_a_field_after_one_record_is_yes_or_no(fake):
    c = Conversation(fake)
    c.ask("Any proposals in South America?")
    c.ask("What technologies does it mention?")
    a = c.ask("how about CCU?")
    assert a.kind == "check" and nums(a) == [11] and a.text.startswith("Yes")


def test_the_rest_after_counting_an_answer_is_every_other_proposal(fake):
    c = Conversation(fake)
    c.ask("一番案件が多い国はどこ？")
    assert nums(c.ask("何件？")) == [1, 3, 6, 7, 10, 18]
    assert nums(c.ask("それ以外の国の案件は？")) == [2, 4, 5, 8, 9, 11, 12, 13, 14, 15, 16, 17]


def test_same_country_after_one_proposal(fake):
    c = Conversation(fake)
    assert nums(c.ask("堺市役所の者です。うちの市が入ってる案件の相手先ってどこでしたっけ")) == [7]
    assert nums(c.ask("同じ国でほかの案件は？")) == [1, 3, 6, 10, 18]


@pytest.mark.parametrize("q, want", [
    ("愛媛県議会議員です。愛媛県が関わっている提案を教えてください。", [3, 9]),
    ("べトナムで日本工営じゃないのは？", [3, 6]),  # one hiragana letter typed into a katakana name
    ("Which proposals talk about the circular economy?", [2, 3, 7, 17]),
    ("病院や医療分野に関わる事業を探しています", [2, 9]),
])
def test_readings_from_the_eighth_blind_set(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_drop_excludes(fake):
    c = Conversation(fake)
    c.ask("Which proposals are in Indonesia or Thailand?")
    assert 14 not in nums(c.ask("drop the Indonesian ones"))


@pytest.mark.parametrize("q, want", [
    ("今年度から県の環境政策課に配属されました。都市間連携事業の提案って全部で何件あるんですか？", list(range(1, 19))),
    ("Anything on digitalisation or DX?", [1, 2, 9, 10, 11, 12, 17, 18]),
    ("Show me the water and sanitation projects.", [1, 6, 9]),
    ("Do any projects touch agriculture or aquaculture?", [3, 6]),
    ("Which proposals list transport infrastructure as a target field, not counting Nippon Koei's?", [5, 12, 15]),
])
def test_readings_from_the_tenth_blind_set(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_how_much_funding_is_a_budget(fake):
    c = Conversation(fake)
    c.ask("Tell me about #5")
    a = c.ask("how much funding does it get?")
    assert a.kind == "unrecorded" and nums(a) == [5]


@pytest.mark.parametrize("turns, want", [
    (["What is proposal no. 7 about?", "Who proposed it?", "Which other Vietnam proposals did that company submit?"],
     [1, 10, 18]),  # that company and a place
    (["#3", "その会社の他のインドネシアの案件は？"], [9, 15]),
])
def test_that_company_and_a_place_narrow_together(fake, turns, want):
    assert sorted(nums(last_answer(fake, turns))) == want


@pytest.mark.parametrize("q, want", [
    ("17番と同じくタイを対象とした案件はほかにありますか", [5]),  # not a yes or no about #17
    ("Are there other Thailand projects besides #17?", [5]),
    ("Vietnam projects except #3", [1, 6, 7, 10, 18]),
    ("ベトナムの案件で#3以外は？", [1, 6, 7, 10, 18]),  # 以外 is said of #3, not of Vietnam
])
def test_the_others_beside_a_named_proposal(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


@pytest.mark.parametrize("q, want, lang", [
    ("Which proposals don't list energy efficiency (省エネルギー) as a target field?", [15], "en"),
    ("JCM事業", None, "ja"),
])
def test_an_english_question_quoting_japanese_is_english(fake, q, want, lang):
    a = fake.ask(q)
    assert a.lang == lang
    if want is not None:
        assert nums(a) == want  # the name in brackets is the same name, negated with it


@pytest.mark.parametrize("q, want", [
    ("相手都市と政策対話を行う提案", [16, 17, 18]),  # with the partner city: no partner city asked
    ("Which city partnerships have signed or plan to sign an MoU?", [1, 17, 18]),
    ("Which project sets up a public-private partnership platform with local businesses?", [5]),
])
def test_an_attribute_word_that_modifies_asks_for_projects(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


def test_two_attributes_joined_are_both_asked(fake):
    a = fake.ask("7番の提案者と国内都市は？")
    assert "日本工営" in a.text and "堺市" in a.text


@pytest.mark.parametrize("q, want", [
    ("愛媛県が関わる案件の担当者の連絡先を知りたいです", [3, 9]),
    ("When was the Ho Chi Minh City carbon neutrality project approved?", [18]),
])
def test_what_is_not_recorded_names_the_few_proposals_meant(fake, q, want):
    a = fake.ask(q)
    assert a.kind == "unrecorded" and sorted(nums(a)) == want


@pytest.mark.parametrize("q, first, second, count", [
    ("日本エヌ・ユー・エスの案件はいくつ？パラオのはある？", [3, 8, 9, 15], [8], "4"),
    ("インドネシアの案件は何件で、その中で富山市が組んでるのはどれ？", [4, 9, 14, 15], [15], "4"),
    ("How many projects are in Indonesia, and which of those involve Toyama City?", [4, 9, 14, 15], [15], "4"),
])
def test_two_questions_in_one_are_both_answered(fake, q, first, second, count):
    """The second is a follow-up of the first: both lines, the first one's proposals then the second's."""
    a = fake.ask(q)
    assert nums(a)[:len(first)] == first and count in a.text
    assert a.text.count("#8" if second == [8] else "#15") >= 2  # named again by the second line


def test_a_part_that_says_nothing_alone_is_asked_whole(fake):
    a = fake.ask("What countries do the proposals span? Number of projects per country pls")
    assert a.kind == "breakdown"


def test_one_question_is_not_split(fake):
    from assistant.understand import split_questions

    assert split_questions("Hello? Which projects use solar?", fake.knowledge) == ["Hello? Which projects use solar?"]
    assert split_questions("太陽光発電の事業は？", fake.knowledge) == ["太陽光発電の事業は？"]


@pytest.mark.parametrize("q, want, says", [
    ("12番のようにEVの導入を扱っている案件は、12番以外にありますか？", [6, 15], "#12以外"),
    ("Which projects besides #12 deal with EVs?", [6, 15], "2 projects other than #12 mention"),
    ("#12 plans electric buses and garbage trucks. Which other proposals involve electric vehicles?", [6, 15], "#12"),
    ("#13 focuses on low-carbon buildings. Is there any other proposal that targets the building sector?", [16], "#13"),
])
def test_a_topic_among_the_others_beside_a_named_proposal(fake, q, want, says):
    """A statement naming a proposal, or "besides #12", sets it apart: the topic among the others."""
    a = fake.ask(q)
    assert sorted(nums(a)) == want and says in a.text


def test_others_after_a_narrowing_keep_the_earlier_filter(fake):
    c = Conversation(fake)
    c.ask("List the proposals that have hydrogen technology as a target field.")
    c.ask("And in Indonesia?")
    assert nums(c.ask("And the others, outside Indonesia — which ones are they?")) == [7, 10, 11]


def test_any_others_after_a_topic_set_the_previous_apart(fake):
    c = Conversation(fake)
    assert nums(c.ask("I work for an engineering consultancy. Which proposals look at EV buses?")) == [12]
    assert sorted(nums(c.ask("Any others involving EVs at all?"))) == [6, 15]
    c = Conversation(fake)
    c.ask("Is there a project dealing with medical waste?")
    assert nums(c.ask("What else does that project study?"))[:1] == [2]  # that project: its record


@pytest.mark.parametrize("q, want, says", [
    ("When was the Osaka–EEC memorandum signed?", [17], "2022"),
    ("17番の覚書はいつ締結されましたか？", [17], "2022年2月"),
    ("神戸市の事業の覚書はいつ結ばれる予定？", [1], "2024年訪日"),
])
def test_a_date_the_list_has_no_column_for_is_quoted_from_the_text(fake, q, want, says):
    a = fake.ask(q)
    assert a.kind == "unrecorded" and nums(a) == want and says in a.text
    for h in a.hits:  # the quote is the evidence's own text (Japanese verbatim, or its rendering)
        assert any(e.text in h.proposal.summary for e in h.evidence)


@pytest.mark.parametrize("turns, want", [
    (["Is there anything involving Thailand?",
      "And the other Southeast Asian countries apart from Vietnam, Indonesia and Thailand?"], [13, 16]),
    (["Apart from #15, which proposals also mention hydrogen?"], [7, 10, 11]),  # "apart" is said of #15
    (["Which proposals plan workshops?"], [7, 10, 14, 18]),  # plan: a verb after the project noun
    (["議会で聞かれたので、北九州市が国内都市になっている提案を全部教えてください。"], [2, 4, 12]),  # a reason, no topic
    (["For my class: which proposals involve a university or human resource development?"], [9, 10]),
    (["ボイラー更新・導入の案件"], [3, 6, 18]),
    (["浄化槽の普及や導入に関わる事業を教えてください"], [6, 9]),
])
def test_readings_from_the_thirteenth_blind_sets(fake, turns, want):
    assert sorted(nums(last_answer(fake, turns))) == want


def test_plan_as_a_noun_stays(fake):
    assert "plan" in fake.ask("plan formulation support").text


@pytest.mark.parametrize("q, want", [
    ("For our country portfolio review: which proposals target Indonesia?", [4, 9, 14, 15]),  # purpose: no topic
    ("For a news segment on Pacific island nations in Oceania: which projects are there?", [8, 12]),  # its names count
    ("太陽光発電の導入を検討している提案はどれですか。営業先を探しています。", [3, 6, 14]),  # a statement after
])
def test_what_a_question_is_for_is_no_part_of_it(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


def test_a_second_question_of_its_own_is_answered_alone(fake):
    a = fake.ask("Which project deals with palm oil waste, and which one with aquaculture?")
    assert sorted(nums(a)) == [3, 14] and "palm oil waste" in a.text and "aquaculture" in a.text


@pytest.mark.parametrize("q, want", [
    ("15番と似たような、水素と交通の両方に取り組む事業はほかにありますか？", {11}),  # 両方: both fields
    ("Something similar to #6 - which other proposals deal with septic tanks?", {9}),
    ("Anything similar to #12, the Koror one?", None),  # the name describes #12: its similar projects
])
def test_like_a_named_proposal_with_a_topic_or_names(fake, q, want):
    """The others the topic or names select (the most like #N first: the model tier has the order)."""
    a = fake.ask(q)
    if want is None:
        assert a.kind == "similar" and a.hits and 12 not in nums(a)
    else:
        assert set(nums(a)) == want


def test_a_proposer_is_described_as_the_list_writes_it(fake):
    assert "日本工営(株)" in fake.ask("日本工営が提案者になっている事業は何件ありますか？").text


@pytest.mark.parametrize("turns, want", [
    (["来週の市長レクで使うので確認させてください。ベトナムを対象国とする提案は全部で何件ありますか？"], [1, 3, 6, 7, 10, 18]),
    (["医療廃棄物を扱う提案と、病院（ホスピタル）の整備に関わる提案はそれぞれどれですか？"], [2, 9]),
    (["ホテルを対象にした取組を含む提案はありますか？", "その2件の対象国は？"], [6, 12]),
    (["15番の富山市・バリ州の事業に似た提案はほかにありますか？"], None),  # the names were #15's own: similar
    (["Which proposals have a Japanese prefecture rather than a city as the domestic partner?"], [3, 6, 9, 10]),
    (["Which proposals say they are in their second phase?"], [15, 17]),
    (["waste-to-energy plants"], [1, 7, 17]),
    (["Which proposals offer support for building policies, regulations or institutional frameworks in the partner "
      "city?"], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18]),
])
def test_readings_from_the_fifteenth_blind_sets(fake, turns, want):
    a = last_answer(fake, turns)
    if want is None:
        assert a.kind == "similar" and 11 in nums(a)
    else:
        assert sorted(nums(a)) == want


def test_the_second_most_of_an_attribute_named_again(fake):
    c = Conversation(fake)
    c.ask("Which organisation submitted the most proposals, and how many?")
    a = c.ask("And the organisation with the second most?")
    assert "Japan NUS" in a.text and "4" in a.text


def test_a_dated_sentence_is_quoted_when_asked_when(fake):
    c = Conversation(fake)
    c.ask("Which proposals mention a memorandum of understanding (MOU) with the partner city?")
    c.ask("Which of those are in Vietnam?")
    a = c.ask("And when was the Thai one signed?")
    assert a.kind == "unrecorded" and "2022" in a.text


@pytest.mark.parametrize("turns, want", [
    (["大学院で都市計画を学んでいます。浄化槽の導入に関係する提案はどれですか？"], [6, 9]),
    (["I'm a grad student in urban planning — does any proposal involve a university?"], [9]),
    (["#3", "Who proposed it, and what other proposals does that company have?"], [3, 8, 9, 15]),
    (["15番（富山市・バリ州）と同じく水素を扱っている提案はほかにありますか？"], [7, 10, 11]),  # brackets describe #15
    (["delegation visits or site tours"], [1, 10, 16]),
])
def test_readings_from_the_sixteenth_blind_sets(fake, turns, want):
    a = last_answer(fake, turns)
    assert sorted(nums(a)) == want


def test_where_in_the_partner_country_asks_the_partner(fake):
    a = fake.ask("7番の提案は、日本のどの自治体と相手国のどこの連携ですか？")
    assert "バリアブンタウ省" in a.text and "堺市" in a.text


@pytest.mark.parametrize("turns, want", [
    (["商社のインフラ案件担当です。ベトナムの自治体を相手にした都市間連携で、水素関連の技術を扱っている事業はどれでしょうか。"],
     [7, 10]),  # 技術: the kind of thing two field names share
    (["現地調査"], [10, 13, 14]),  # kept whole, 現地 is no frame here
    (["Which project is built around Bangkok's climate change master plan?"], [5]),
    (["I'm looking at #15. Are there other proposals with electric-vehicle activities like it?"], [6, 12]),
    (["インドを対象にした事業はありますか？", "対象になっている都市はどこですか？"], [2]),
    (["Which proposals include inspection tours of factories or environmental infrastructure?"], [10, 16]),
    (["waste-to-energy power generation"], [1, 7, 17]),
])
def test_readings_from_the_seventeenth_blind_sets(fake, turns, want):
    a = last_answer(fake, turns)
    assert sorted(nums(a)) == want


def test_a_yes_from_the_text_quotes_the_sentence(fake):
    c = Conversation(fake)
    c.ask("9番")
    a = c.ask("その事業には大学も参加していますか？")
    assert a.kind == "check" and "愛媛大学" in a.text


def test_a_field_word_of_one_name_stays_a_topic(fake):
    a = fake.ask("フロンガスの回収・破壊")
    assert a.kind == "ranked" and nums(a) == [5]


def test_both_of_them_after_two_single_answers(fake):
    c = Conversation(fake)
    c.ask("Can you tell me about proposal #6?")
    c.ask("What about #9?")
    a = c.ask("Do both of them involve septic tanks?")
    assert a.kind == "check" and sorted(nums(a)) == [6, 9]
    c = Conversation(fake)
    c.ask("#6")
    assert nums(c.ask("Does it involve septic tanks?")) == [6]  # one proposal: no "both"


@pytest.mark.parametrize("q, want", [
    ("Which proposals mention a 2050 target year?", [5, 14, 16]),  # a four-digit number is a year a topic names
    ("新人です。うちの課で話題になっていたんですが、ベトナムを対象にした案件って全部で何件ありますか？", [1, 3, 6, 7, 10, 18]),
    ("I'm new in our city's environment section. Which proposals are in Pacific island countries?", [8, 12]),
    ("Which projects are meant to spread decarbonisation to neighbouring cities, the so-called decarbonisation "
     "domino?", [11, 14, 18]),
])
def test_readings_from_the_nineteenth_blind_sets(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


@pytest.mark.parametrize("turns, want", [
    # the later part of one sentence asks about the first part's proposals
    (["Which proposal lists the fewest target fields, and what are they?"], [16]),
    (["対象分野が最も少ない事業はどれで、いくつの分野がありますか。"], [16]),
    (["Which projects mention septic tanks?", "Which one is in Indonesia, and who proposed it?"], [9]),
    # Japanese marks no number: その after two is both of them
    (["浄化槽に触れている事業は？", "その提案者は？"], [6, 9]),
    # the other one of two, after one was picked
    (["Which proposals are in Palau?", "which one mentions wind power?", "and the other one?"], [12]),
    (["パラオの事業は？", "風力発電に触れているのはどちら？", "もう一方の国内都市は？"], [12]),
    # names before a colon are what the question picks from
    (["Of the two Palau proposals: which one mentions wind power?"], [8]),
    # restating the filter with a new condition asks afresh over it
    (["Which proposals are in Indonesia?", "Which of the Indonesian ones list hydrogen technology?",
      "And which Indonesian ones don't include digital technology?"], [4, 14, 15]),
    (["Which proposals in Indonesia are in the field smart city development?", "and which Indonesian ones aren't?"],
     [4, 14, 15]),
    # an exclusion alone narrows the list just given
    (["北九州市が国内都市の事業は？", "ATGREEN以外が提案しているのは？"], [2, 4]),
    (["Which proposals have Kitakyushu City as the Japanese city?", "Which ones are not proposed by ATGREEN?"], [2, 4]),
    # "of those" with a negated condition of its own is no complement
    (["Which proposals did Nippon Koei submit?", "Of those, which ones do not include energy efficiency as a field?"],
     []),
    # a name the introduction gave is what "it" refers to
    (["I'm a student looking at Japan NUS. Which proposals does it have in Indonesia?"], [9, 15]),
    # "what about outside X?" keeps the rest of the previous question; "where are the rest?" asks their countries
    (["Any smart city development proposals in Indonesia?", "What about outside Indonesia?"], [1, 7, 13, 17, 18]),
    (["Which proposals are in Southeast Asia?", "And where are the rest?"], [2, 8, 11, 12]),
    # "which countries other than …": the other countries' proposals, tallied
    (["Other than Vietnam and Indonesia, which countries have proposals?"], [2, 5, 8, 11, 12, 13, 16, 17]),
    (["ベトナムとインドネシア以外にどの国の事業がありますか？"], [2, 5, 8, 11, 12, 13, 16, 17]),
])
def test_readings_from_the_twentieth_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("q, want", [
    ("Which other proposals are in the same country as #12?", [8]),
    ("12番と同じ国のほかの事業は？", [8]),
    ("Which other proposals have the same Japanese city as the Ehime–Ben Tre project?", [9]),
    ("愛媛県とベンチェ省の事業と同じ国内都市のほかの事業は？", [9]),
])
def test_the_others_sharing_a_named_proposals_value(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("q, want", [
    # a fragment after the question narrows it (and a topic in no proposal stays "none")
    ("水素技術の事業はありますか？ベトナムで。", [7, 10]),
    ("Any hydrogen technology projects? In Vietnam.", [7, 10]),
    ("地熱発電の事業はありますか？インドネシアで。", []),
    # 「…ていないか知りたい」 asks whether; it negates nothing
    ("北九州市の事業に風力発電が入っていないか知りたいです。", []),
    # a place phrase after an attribute word is where, not what is asked
    ("workshops in the partner city", [7, 10, 14, 18]),
    # 「日本の」 says nothing every proposal does not; 相手 is the partner
    ("日本の大学が関わる事業", [9]),
    ("インドネシアの都市が相手の事業", [4, 9, 14, 15]),
    # "shows up", "appears" frame the question
    ("Ehime Prefecture shows up in which proposals?", [3, 9]),
    # signing frames an agreement: the memorandum is the topic
    ("覚書を締結予定の事業", [1, 17, 18]),
    # a prefecture or Tokyo Metropolis as the Japanese side
    ("国内側の自治体が都道府県レベルの事業", [3, 6, 9, 10, 13]),
    # "has X as a target field": X is what is asked for, the field word only its category
    ("Which proposals have septic tanks as a target field?", [6, 9]),
    # a name with digits is no proposal number; a purpose clause closes at "I"
    ("Which partner city is described as a C40 participant?", [16]),
    ("As a finance officer I'm curious whether any proposal mentions carbon credits", [17]),
    # synonyms written with a word between (小規模な水力), or with the thing made ("… power plants")
    ("小規模な水力発電", [15]),
    ("waste-to-energy power plants", [1, 7, 17]),
])
def test_readings_from_the_twentieth_blind_topic_set(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("turns, want", [
    # what two lists just given have in common
    (["Which proposals list hydrogen technology as a field?", "And which list transport infrastructure?",
      "Which proposals appear in both lists?"], [11, 15]),
    (["水素技術が対象分野の事業は？", "交通インフラは？", "両方に入っている事業は？"], [11, 15]),
    # ", and in which countries?" asks of the first part's proposals
    (["How many proposals does IGES have, and in which countries?"], [4, 13]),
    # the conversation goes on from the first part, not from what was asked of its answer
    (["対象分野が一番多い提案はどれですか？いくつの分野がありますか。", "逆に、一番少ないのは？"], [16]),
    (["Which proposal has the most target fields, and how many does it list?", "And the fewest?"], [16]),
    # "another proposal with the same Japanese city"
    (["Tell me about #15", "Is there another proposal with the same Japanese city?"], [11]),
    # the same proposals listed again add nothing
    (["パラオの事業は何件？番号も教えて。"], [8, 12]),
])
def test_readings_from_the_twenty_second_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("q, want", [
    ("Which proposal refers to the C40 network?", [16]),
    # a reason about the asker before ", so which …" is no part of it
    ("Septic tanks are a big issue in our town, so which proposals deal with septic tanks?", [6, 9]),
    # a later clause asking for proposals: the attribute word before it is no question
    ("I'm checking which partner cities mention septic tanks; which proposals say so?", [6, 9]),
])
def test_readings_from_the_twenty_second_blind_topic_set(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("turns, want", [
    # a first-person statement before the question says who asks, unless it names the projects asked about
    (["We sell boilers. Which proposals mention septic tanks?"], [6, 9]),
    (["I remember one proposal about cement. Which country is it in?"], [4]),
    # "What about ones without X?" asks the same question with the other field
    (["Which proposals are not in the field renewable energy?", "What about ones without energy efficiency?"], [15]),
])
def test_readings_from_the_twenty_third_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("q, want", [
    ("Race to Zero キャンペーンの事業", [11]),
    ("Which proposals work together with a university?", [9]),
    ("I'm at the Palau embassy — which proposals involve Palau?", [8, 12]),
])
def test_readings_from_the_twenty_third_blind_topic_set(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("q, want", [
    # "both" with two target fields asks for proposals in each, not either
    ("水素技術と交通インフラの両方が対象分野の事業", [11, 15]),
    ("Which proposals have both hydrogen technology and transport infrastructure as fields?", [11, 15]),
    ("hydrogen technology or transport infrastructure", [5, 7, 10, 11, 12, 14, 15, 17]),
    # a proposal has one country: "both Vietnam and Indonesia" can only mean either
    ("projects in both Vietnam and Indonesia", [1, 3, 4, 6, 7, 9, 10, 14, 15, 18]),
])
def test_both_fields_means_each(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("turns, want", [
    # words every proposal uses add nothing to a field named
    (["交通分野の脱炭素を含む事業"], [5, 11, 12, 14, 15, 17]),
    # the other extreme, the key named again
    (["対象分野の数がいちばん多い提案はどれですか？", "逆に、対象分野がいちばん少ないのは？"], [16]),
    # 「…をやってます。」「…で働いています。」 say who asks; 事例 are projects
    (["浄化槽の販売会社をやってます。浄化槽について書かれている提案はありますか？"], [6, 9]),
    (["県庁で働いています。パラオで風力発電に自治体が関わっている事例はありますか？"], [8]),
    # two places asked: どこの自治体とどこの地域
    (["15番について", "それはどこの自治体とどこの地域の連携ですか？"], [15]),
    # 地元の (local) says nothing the text must
    (["地元の大学と協力する事業はありますか"], [9]),
    # the domino effect is the text's 脱炭素ドミノ
    (["Which proposals talk about a domino effect?"], [11, 14, 18]),
])
def test_readings_from_the_twenty_fourth_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("turns, want", [
    (["北九州市の事業は？", "そのうち提案者が(公財)地球環境戦略研究機関なのは？", "その事業はどの産業の脱炭素化を扱っていますか"],
     "セメント"),
    (["#2", "その事業で北九州市が連携している現地の企業グループは？"], "ラムキー"),
])
def test_a_topic_asked_of_one_proposal_quotes_its_sentence(fake, turns, want):
    """"Which industry does it decarbonise?" about one proposal: the line quotes the sentence that says it,
    verbatim from the source."""
    a = last_answer(fake, turns)
    quote = a.text.split("根拠：「", 1)[1].rsplit("」", 1)[0]
    assert want in quote
    p = a.hits[0].proposal
    assert quote in p.summary.replace("\n", "") or quote in p.title


@pytest.mark.parametrize("turns, want", [
    # names, a comma, then which of them: "more target fields" between two is the per-proposal extreme
    (["Comparing the two Palau proposals, which one lists more target fields?"], [12, 8]),
    (["パラオの2件を比べると、対象分野が多いのはどちら？"], [12, 8]),
    (["Which proposals are in Palau?", "Which one has fewer target fields?"], [8, 12]),
    # which of two named proposals has more target fields: both, the one with more first
    (["8番と12番では、どちらのほうが対象分野が多いですか？"], [12, 8]),
    (["Which has fewer target fields, #8 or #12?"], [8, 12]),
    # "what does it plan?" about one proposal, its words in no sentence: its record
    (["#2", "What specific studies does it plan?"], [2]),
    # Japanese drops "it": 「どんな…」 after one proposal is about it
    (["#15", "どんな技術を活用するの？"], [15]),
    # a Japanese side of two municipalities together (geography: joint_japanese_side)
    (["国内側の自治体が2つ組になっている提案は？"], [13]),
    (["Which proposals are in Malaysia or the Philippines?", "Which of them involves two Japanese municipalities?"], [13]),
    # "single" is no "fewest"
    (["Which single proposal covers the largest number of target fields?"], [11]),
])
def test_readings_from_the_twenty_fifth_blind_sets(fake, turns, want):
    assert [h.number for h in last_answer(fake, turns).hits] == want


@pytest.mark.parametrize("q, want", [
    # a year in a topic must be in the sentence ("by 2050" belongs to each alternative)
    ("net zero or carbon neutrality by 2050", [5, 14, 16]),
    ("2050年 カーボンニュートラル", [5, 14, 16]),
    # 政策提言 is the text's 政策・制度の提案 too
    ("政策提言", [3, 9, 15]),
    ("policy recommendations", [3, 9, 15]),
    # stakeholders and "between the Japanese city and its partner" frame the question
    ("Which proposals hold workshops with local stakeholders?", [7, 10, 14, 18]),
    ("memorandum of understanding signed between the Japanese city and its partner", [1, 17, 18]),
])
def test_readings_from_the_tuning_part_across_sets(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("turns, want", [
    # an exclusion that leaves none of the previous proposals asks about the others, afresh
    (["Which proposals did Nippon Koei submit?", "Which of those are in the field hydrogen technology?",
      "And apart from Nippon Koei, which proposals are in the field hydrogen technology?"], [15]),
    # a noun before 分野 names a sector (a topic), not the field list
    (["#13", "ほかに建物分野に焦点を当てている提案はありますか？"], [16]),
    # "with the partner city" is who with, not what is asked
    (["memorandum of understanding with the partner city"], [1, 17, 18]),
    # a year said once belongs to each alternative
    (["2050 net-zero or carbon-neutral targets"], [5, 14, 16]),
    # "leaves X out of its target fields"
    (["Is there any proposal that leaves energy efficiency out of its target fields?"], [15]),
    # an English question glossing a Japanese term in brackets is English; "any proposer" still asks
    (["Which proposals have an 'Other (その他)' entry among their target fields?"], [1, 5, 6, 11]),
    (["Apart from Nippon Koei and Japan NUS, does any proposer have more than one proposal?"], [4, 13]),
    # バイオマスエネルギー is biomass
    (["バイオマスエネルギー"], [7, 12]),
])
def test_readings_from_the_twenty_sixth_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


def test_a_gloss_in_brackets_keeps_a_question_english(fake):
    assert fake.ask("Which proposals have an 'Other (その他)' entry among their target fields?").intent.lang == "en"


@pytest.mark.parametrize("turns, want", [
    # a statement about what the asker is doing says who asks (「…を見ています。」); "Two things:" frames
    (["新聞社でデータを見ています。パラオの提案は何件？"], [8, 12]),
    (["Two things: how many proposals list hydrogen technology, and which of them is in Chile?"], [7, 10, 11, 15]),
    # 「別々？」 asks whether they differ: the values of each
    (["愛媛県が関わる事業を全部教えて。対象国は別々？"], [3, 9]),
    # "And which ones mention Y?" after "which mention X?" is a topic of its own; "also" narrows
    (["Which proposals mention septic tanks?", "And which ones mention hotels?"], [6, 12]),
    (["Which proposals mention septic tanks?", "And which ones also mention hotels?"], [6]),
])
def test_readings_from_the_twenty_seventh_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("turns, want", [
    # a preface clause (「…のですが、」, "On deadline here:") names nothing asked; its place is kept when the
    # question names nothing of its own
    (["締切前なので手短に。日本工営が提案者の案件は何件？"], [1, 7, 10, 11, 14, 17, 18]),
    (["On deadline here: how many proposals did Japan NUS submit?"], [3, 8, 9, 15]),
    (["パラオ向けの提案を比べたいのですが、何件ありますか？"], [8, 12]),
    (["富山市の環境政策課で係長をしています。うちの市が国内都市として関わっている提案はどれでしょうか。"], [11, 15]),
    (["Hi, I'm a staff member at Quezon City hall. Which proposals include septic tanks?"], [6, 9]),
    # 「逆に入っていない」: the complement, counted
    (["水素技術が対象分野に入っている案件の数を教えてください。", "逆に入っていない案件は何件？"],
     [1, 2, 3, 4, 5, 6, 8, 9, 12, 13, 14, 16, 17, 18]),
    # places in no proposal beside an exclusion: none
    (["Besides Hyderabad, is there any proposal that covers Delhi or Mumbai?"], []),
    # 関与, 環境対策 frame a question
    (["富山市が関与する都市間連携"], [11, 15]),
    (["養殖業の環境対策を扱う提案は？"], [3]),
])
def test_readings_from_the_twenty_eighth_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("turns, want", [
    (["C40に加盟する都市との事業"], [16]),
    (["「ドミノ」という表現を使っている提案はどれですか？"], [11, 14, 18]),
    (["Which proposals have a prefecture (not a city) as the Japanese partner?"], [3, 6, 9, 10]),
    (["Which proposals are in Malaysia, Thailand or India?", "Among those, which has the fewest target fields?"],
     [13]),
])
def test_readings_from_the_twenty_ninth_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("turns, want", [
    # a statement before a question with a topic of its own is context; its names are kept when the question
    # names none
    (["Hotels are a big energy user here. Which proposals include hotels in their studies?"], [6, 12]),
    (["Vietnam is our focus. Which proposals mention hydrogen?"], [7, 10]),
    (["ホテルは大きなエネルギー消費者です。ホテルを対象にした提案は？"], [6, 12]),
    # a decimal point ends no sentence; "e.g." neither
    (["大気汚染（PM2.5など）の改善をうたう案件はどれですか"], []),
    (["Which projects mention financing, e.g. subsidies, leasing or raising funds?"], [7, 9, 11, 16, 18]),
    # "aimed at" frames a place
    (["List the proposals aimed at Indonesia."], [4, 9, 14, 15]),
])
def test_readings_from_the_thirtieth_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("turns, want", [
    # "the other one" after which of two has more
    (["Ehime has two proposals. Which of them has more target fields?", "Who proposed the other one?"], [3]),
    # excluding the region the previous answer selected is the other way
    (["How many proposals target Southeast Asian countries?", "And which ones are not in Southeast Asia?"],
     [2, 8, 11, 12]),
    # a statement naming a proposal by its places, then "other than that one": the others
    (["The Toyama–Bali project combines hydrogen with mobility. Other than that one, which proposals list both "
      "hydrogen technology and transport infrastructure as target fields?"], [11]),
    # "Two quick ones: …, and which mentions …?"
    (["Two quick ones: which proposal mentions Race to Zero, and which mentions C40?"], [11, 16]),
    # 建物部門 is the building sector: the text's 建物分野 (#16) and 低炭素型建物 (#13)
    (["建物部門の脱炭素化に焦点を当てた案件"], [13, 16]),
])
def test_readings_from_the_thirty_first_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


def test_a_per_proposal_table_counts_values_not_projects(fake):
    """"Which has more target fields, #8 or #12?": the count column is how many fields, not "Projects"."""
    a = fake.ask("Which has more target fields, #8 or #12?")
    assert a.table is not None and a.table.columns[1] == "How many"
    assert [row[1] for row in a.table.rows] == [6, 4]


@pytest.mark.parametrize("turns, want", [
    # both of two fields, one of them spelt two ways in the list (デジタル技術 / デジタル技術（ＤＸ）)
    (["対象分野に「スマートシティ開発」と「デジタル技術」の両方が入っている提案は何件？"], [1, 9, 17, 18]),
    # "system-building support" is the field 制度構築支援 in other words
    (["How many proposals list institutional/system-building support as a target field?"],
     [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18]),
    # 「…資料用に、」 says what for; 「…一覧にしたいです。」 is the need
    (["市長室でインターンをしています。来週の打ち合わせ資料用に、浄化槽に触れている提案を一覧にしたいです。該当するのはどれですか？"],
     [6, 9]),
])
def test_readings_from_the_thirty_second_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("turns, want, says", [
    (["Which projects have more than five target fields?"], [1, 5, 7, 9, 10, 11, 12, 17, 18],
     "with more than 5 target fields"),
    (["対象分野が3つ以下の事業は？"], [4, 16], "対象分野が3つ以下"),  # 3つ counts fields: no proposal #3
    (["3分野以上の事業は何件？"], [n for n in range(1, 19) if n != 16], "17"),
    (["Which projects have seven target fields?"], [1, 17], "exactly 7"),
    (["対象分野が2つだけの事業"], [16], "ちょうど2つ"),
    (["How many projects have at least 6 target fields?"], [1, 5, 7, 9, 10, 11, 12, 17, 18], "9"),
    (["ベトナムの事業で、対象分野が5つ以上のものは？"], [1, 6, 7, 10, 18], "ベトナム"),
    (["Which proposals are in Vietnam?", "which of those have no more than 4 fields?"], [3], "at most 4"),
])
def test_how_many_fields_a_proposal_has_is_a_condition(fake, turns, want, says):
    a = last_answer(fake, turns)
    assert nums(a) == want and says in a.text


@pytest.mark.parametrize("q", ["Which 3 projects have the most fields?", "Which project has the most target fields?",
                               "What does #3 list as its fields?"])
def test_a_number_counting_projects_or_naming_one_is_no_size(fake, q):
    assert fake.ask(q).intent.sizes == ()


@pytest.mark.parametrize("turns", [["#3は？", "その提案で養殖のほかに挙げられている2つの分野は何ですか？"],
                                   ["Tell me about #3", "What are the 2 fields it lists besides waste management?"]])
def test_a_number_beside_fields_asked_for_counts_what_is_asked(fake, turns):
    a = last_answer(fake, turns)
    assert a.intent.sizes == () and nums(a) == [3]


@pytest.mark.parametrize("q, says, lacks", [
    ("What fields does #3 list besides waste management?", "besides Waste management (3)", "Waste management (廃"),
    ("#3の対象分野で、廃棄物処理以外は？", "廃棄物処理以外の対象分野（3件）", "廃棄物処理（"),
])
def test_a_named_proposals_values_besides_one(fake, q, says, lacks):
    a = fake.ask(q)
    assert a.kind == "attribute" and nums(a) == [3] and says in a.text and lacks not in a.text


def test_other_fields_are_more_fields_not_the_other_category(fake):
    assert fake.ask("What other fields does #3 list?").intent.filters == {}
    assert nums(fake.ask('Which projects have an "Other" field?')) == [1, 5, 6, 11]


@pytest.mark.parametrize("turns, want", [
    # a place in no proposal beside a named city: the pair is in no proposal
    (["北九州市とスラバヤ市の都市間連携の案件"], []),
    (["Kitakyushu and Surabaya partnership"], []),
    # "the remaining ones" after an exclusion: what that answer kept
    (["How many Nippon Koei proposals?", "Which of those are not in Vietnam?",
      "Of the remaining ones, which talk about a decarbonization \"domino\" effect?"], [11, 14]),
    (["Nippon Koei proposals?", "ベトナム以外はどれ？", "残ったもののうち、ドミノ効果に触れているのは？"], [11, 14]),
    # "with a partner in" is where, not what is asked
    (["Is there a proposal with a partner in Latin America?"], [11]),
    # a first-person statement that says what is sought, before a question that names nothing
    (["I remember one about Japanese-style timber houses with high insulation. Which one was that?"], [13]),
    # words of the asking, not of a topic
    (["How many proposals list hydrogen technology?", "Leaving out the Vietnamese ones, which remain?"], [11, 15]),
    (["I work for a Japanese city that is thinking about a partnership in the Philippines. "
      "Is there already a proposal there?"], [16]),
    (["ホテルを対象にした取り組みが含まれる提案はどれですか。観光地の脱炭素に関心があって。"], [6, 12]),
    # the same key of proposals named by description; the others of "the same company" just talked about
    (["Were the Ehime–Ben Tre and Ehime–Gorontalo proposals submitted by the same organisation?"], [3, 9]),
    (["パラオの2つの事業は同じ提案者ですか？"], [8, 12]),
    (["Tell me about the green and smart industrial park project with Dong Nai. Which Japanese city is behind it?",
      "Which other Vietnam proposals did the same company submit?"], [7, 10, 18]),
    # the Other category asked with quotes; a size and two named values: both of them
    (['Some proposals list an "other" target field. Which ones?'], [1, 5, 6, 11]),
    (["対象分野が「省エネルギー」と「再生可能エネルギー」の2つだけという提案はある？"], [16]),
])
def test_readings_from_the_thirty_third_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


def test_a_few_proposers_are_named_as_the_list_writes_them(fake):
    a = fake.ask("Were the Ehime–Ben Tre and Ehime–Gorontalo proposals submitted by the same organisation?")
    assert "Japan NUS Co., Ltd. (日本エヌ・ユー・エス(株))" in a.text


@pytest.mark.parametrize("turns, want", [
    # words that spell out a field named beside them in brackets are no topic of their own
    (["CO2を回収して利用する技術（CCU）"], [11]),
    (["CCU（二酸化炭素の回収・利用）に取り組む提案"], [11]),
    (["Is anyone working on recovering and destroying fluorocarbon (CFC) gases?"], [5]),
    # "C40" is no proposal #40 at the end of a question either
    (["Which partner city is a member of C40?"], [16]),
    # a heading before a colon; a request without a question mark, then why
    (["Embassy question: which projects involve hotels?"], [6, 12]),
    (["工業団地を対象にした提案を全部知りたいです。商社で工場向け設備を扱っていて、工業団地の案件なら営業をかけやすいので。"],
     [1, 3, 6, 7, 14, 16]),
    # an English short form; a green hospital in other words
    (["smart city dev as target field - list + count"], [1, 7, 9, 13, 17, 18]),
    (["来年の議会で病院の省エネ・環境配慮について質問する予定です。海外の病院のグリーン化に関わる提案はありますか？"], [9]),
    # after "which proposal has the fewest fields?", a bare attribute question is about the one it named
    (["対象分野の数がいちばん少ない提案はどれでしょうか。", "提案者は？"], [16]),
    (["Which proposal has the most target fields?", "Who is the proposer?"], [11]),
])
def test_readings_from_the_thirty_fourth_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


def test_one_claimed_proposal_is_quoted_in_the_line(fake):
    a = fake.ask("バンコク都の気候変動マスタープランの事業では、主にどんな活動をしますか？")
    assert nums(a) == [5] and "公民連携プラットフォーム" in a.text


@pytest.mark.parametrize("q, missing", [
    ("When does the Gorontalo project end, and how many staff are assigned to it?", "staff"),
    ("How many staff are assigned to the Gorontalo project?", "staff"),
    ("ゴロンタロの事業には何人の職員が関わりますか？", "staff"),
])
def test_a_count_of_a_thing_the_list_does_not_record(fake, q, missing):
    a = fake.ask(q)
    assert a.kind == "unrecorded" and a.intent.missing == missing and nums(a) == [9]


def test_staff_in_a_topic_is_no_unrecorded_thing(fake):
    assert fake.ask("Which projects offer training or capacity building for local government staff?").kind != "unrecorded"


def test_which_cities_have_a_topic_are_each_proposal_that_says_it(fake):
    a = fake.ask("Which cities have a 2050 net-zero or carbon-neutral target mentioned?")
    assert a.kind == "breakdown" and len(a.hits) >= 2 and nums(a) != list(range(1, 19))


@pytest.mark.parametrize("q, words", [
    ("もみ殻や稲わらをエネルギー利用する案件", ["もみ殻", "稲わら"]),  # one kanji written with its kana is a word
])
def test_a_kanji_written_with_kana_stays_a_word(fake, q, words):
    a = fake.ask(q)
    assert all(w in a.intent.content for w in words) and a.kind == "none"


@pytest.mark.parametrize("q, want", [
    ("太平洋の島しょ国向けの案件はどれですか", [8, 12]),  # 島しょ国 names the region, no word 島しょ
    ("養殖場から出る汚泥をどうにかする事業は？", [3]),  # から出る: a particle and a verb, no word
    ("水素を使った事業", [7, 10, 11, 15]),
])
def test_kana_after_a_particle_or_before_a_verb_ending_makes_no_word(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("turns, want", [
    # attribute words as the subject of a clause about the projects
    (["日本側の自治体と相手都市が覚書（MOU）を結んでいる、または結ぶ予定の提案"], [1, 17, 18]),
    # after a narrowing, "the rest" is the rest of the list it started from ("their" projects: the actor's)
    (["インドネシアの案件一覧をください", "日本工営のはどれ？", "残りの案件の提案者は？"], [4, 9, 15]),
    (["Nippon Koei projects in Viet Nam", "And the rest of their projects?"], [11, 14, 17]),
    # "the one that doesn't" is the complement; "which of the two" ranks the two
    (["Which proposals target the Philippines or Malaysia?", "Which of the two has fewer target fields?"], [13, 16]),
    # "Phase 2" is a phase, no proposal #2; "in its target fields" asks the fields of "it"
    (["Which proposals describe themselves as being in Phase 2?"], [15, 17]),
    (["フェーズ2の事業は？"], [15, 17]),
    (["#11", "What does it list in its target fields?"], [11]),
    (["How many proposals list something under 'other' in their target fields, and what are they?"], [1, 5, 6, 11]),
])
def test_readings_from_the_thirty_seventh_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


def test_the_fewer_of_two_comes_first(fake):
    a = last_answer(fake, ["Which proposals target the Philippines or Malaysia?", "Which of the two has fewer target fields?"])
    assert a.hits[0].number == 16


@pytest.mark.parametrize("turns, want, says", [
    # a date in the text (a year with its month, a range of months) is what "date" / 「時期」 looks for
    (["覚書（MOU）を締結済み、または締結予定と書かれている事業はどれ？", "そのうち締結の時期まで書いてあるのは？"], [1, 17], "2022年2月"),
    (["Is there a date for signing the MoU?"], [1, 17], "February 2022"),
    # "to date" (so far) is no date
    (["Which proposals mention a specific month or date?"], [1, 17], "#1"),
])
def test_a_date_in_the_text_is_found_and_quoted(fake, turns, want, says):
    a = last_answer(fake, turns)
    assert nums(a) == want and says in a.text


@pytest.mark.parametrize("q, want", [
    # a sentence that says why the asker asks is said whole, not only its clause that names them
    ("市役所の国際交流課の者です。来月ベトナムの省政府と意見交換があり、参考にしたいと考えています。"
     "ベトナム向けの提案のうち、日本工営以外が提案者になっているものを教えていただけますか。", [3, 6]),
    ("県議会の調査で、県が日本側の主体になっている案件を調べています。国内都市の欄が「〇〇県」になっている提案を全部挙げてください。",
     [3, 6, 9, 10]),
])
def test_a_sentence_saying_why_is_no_part_of_the_question(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("turns, want", [
    # someone else's question, reported: who asked is no part of it
    (["A newspaper reader asked me whether any project explicitly talks about human rights. Is there one?"], [14]),
    (["市民から質問があり、水素を扱う事業はあるか知りたいそうです。"], [7, 10, 11, 15]),
    # 「同じ県」 is the same Japanese side
    (["#3は？", "同じ県が関わっている別の提案もある？"], [9]),
])
def test_readings_from_the_thirty_eighth_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("turns, want", [
    # a statement before a request (「…教えてください。」) that names its own city is context
    (["市議会で北九州市の国際協力について質問する予定です。北九州市が国内都市になっている提案を教えてください。"], [2, 4, 12]),
    (["国内側が「県」になっている提案はいくつありますか？"], [3, 6, 9, 10]),
    # household wastewater is what septic tanks treat; 改善, 達成 are words of the asking
    (["生活排水や下水の処理を改善する提案はありますか"], [1, 6, 9]),
    (["SDGsの達成と脱炭素を一緒に掲げている提案はどれですか"], [9, 11]),
])
def test_readings_from_the_thirty_ninth_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


def test_two_things_the_list_does_not_record_in_one_question(fake):
    a = fake.ask("Does the list say when each project starts, or who the contact person is at each proposer?")
    assert a.kind == "unrecorded" and not a.hits


@pytest.mark.parametrize("turns, want", [
    # a kanji written with kana in brackets (田んぼ) is a word: a topic in no proposal stays none
    (["水田（田んぼ）からのメタン排出を減らす取り組みはありますか？"], []),
    # where a word appears (事業名や概要に) and "the word" itself are no topic
    (["SDGsの授業で使いたいのですが、事業名や概要にSDGsという言葉がはっきり出てくる提案はどれですか？"], [9, 11]),
    # "apart from those" is the complement of the previous answer
    (["Osaka proposals?", "And how many proposals are there apart from those?"], list(range(1, 16))),
    # an attribute word as the subject of a clause, an adverb after が
    (["相手都市がすでに持っている気候変動マスタープランや気候変動実行計画の実施を後押しする事業"], [5, 16, 18]),
])
def test_readings_from_the_fortieth_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


def test_a_partner_city_is_said_with_its_country(fake):
    assert "Chile" in fake.ask("Are any of the partner cities in South America?").text


@pytest.mark.parametrize("turns, want", [
    # a size with the key's values between, unquoted
    (["対象分野が省エネルギーと再生可能エネルギーの2つだけ、という事業はありますか？"], [16]),
    # two attributes of each of a few proposals: each, not a tally of one key
    (["パラオ向けの2件について、それぞれ国内都市と提案者を並べて比べてもらえますか。"], [8, 12]),
    # long polite openings; "-partnered" says who, no topic; segregation at source is waste separation
    (["Tell me about the Toyama–Renca project.",
      "Thank you very much. Might I further ask whether that same Japanese city takes part in any other proposal, "
      "and with which region?"], [15]),
    (["Which Kitakyushu-partnered proposals cover waste?"], [2, 4, 12]),
    (["waste segregation at source"], [10]),
])
def test_readings_from_the_forty_second_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


def test_each_proposal_with_both_attributes(fake):
    a = fake.ask("パラオ向けの2件について、それぞれ国内都市と提案者を並べて比べてもらえますか。")
    assert "日本エヌ・ユー・エス(株)" in a.text and "(株)ATGREEN" in a.text


@pytest.mark.parametrize("turns, want", [
    # a want after the request says why (「FS案件に応募したい。」)
    (["工業団地の脱炭素化を扱う提案をすべて教えてください。FS案件に応募したい。"], [1, 3, 6, 7, 14, 16]),
    # hospitality is no hospital (read whole); it is what hotels are
    (["hotels and hospitality"], [6, 12]),
    # "to the partner government" says where
    (["I'm a Japanese consultant looking at Ehime Prefecture's two proposals. Which of them say they will make "
      "policy recommendations to the partner government?"], [3]),
    # 「どちらが」 asks which of the two, wherever it stands
    (["#3と#9", "どちらが対象分野が多い？"], [3, 9]),
    # "among the others" after "which of those don't …" is the others of those
    (["List the proposals targeting Vietnam.", "Of those, which don't include digital technology as a target field?",
      "And among the others, which one includes hydrogen technology?"], [10]),
    (["Which proposals have a Japanese prefecture, rather than a city, as the domestic partner?"], [3, 6, 9, 10]),
    (["Which proposal pairs Osaka with Ho Chi Minh City?"], [18]),
])
def test_readings_from_the_forty_third_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("q, want, says", [
    # a count with a topic says what it counted; words of the asking are no topic
    ("How many proposals did Nippon Koei submit this round?", [1, 7, 10, 11, 14, 17, 18], "7 projects"),
    ("Is Malaysia covered anywhere in this list?", [13], "Malaysia"),
    ("How many projects mention geothermal?", [], "geothermal"),
    # when the sentence naming the topic gives no date, the dated one that names a word of it is quoted too
    ("神戸市とドンナイ省の工業団地の事業について、協力覚書はいつ頃結ぶ予定になっていますか？", [1], "8月～9月頃"),
])
def test_readings_from_the_forty_fourth_blind_sets(fake, q, want, says):
    a = fake.ask(q)
    assert nums(a) == want and says in a.text


@pytest.mark.parametrize("q, want", [
    # 「…を調べています。」 says what is sought; the Japanese side and the partner side are two things
    ("バリ島での水素・燃料電池の事業化を調べています。富山市の経験を使った案件はありますか？", [15]),
    # 「XのようにY」: X is an example of Y
    ("県議会で質問する予定で調べています。北九州市が関わる提案のうち、EVごみ収集車のように廃棄物収集を電動化する内容はどれですか？", [12]),
])
def test_what_is_sought_and_examples_in_japanese(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("turns, want", [
    # carbonisation is read whole (no "carbon"); waste treatment is the field
    (["Are there proposals dealing with sludge, e.g. sludge treatment or carbonisation?"], [3, 6]),
    (["Osaka projects?", "Which of them doesn't list waste treatment?"], [16]),
    (["Which proposals do NOT list waste treatment as a target field?"], [13, 16]),
])
def test_readings_from_the_forty_fifth_blind_sets(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("turns, want", [
    # a proposal named by its cities is the subject, even with "it" and one proposal just shown
    (["What is proposal 14 about?", "Who is behind the Yokohama–Bangkok proposal, and which fields does it list?"], [5]),
    # "this project" / 「その事業」 with a place describing the value asked: the one just shown
    (["#8", "Which Palau state is this project partnered with?"], [8]),
    (["#3は？", "その事業はベトナムのどの省と組んでいますか？"], [3]),
])
def test_it_is_the_one_shown_unless_another_is_named(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("turns", [
    ["How many proposals list transport infrastructure as a target field?", "And how many don't?"],
    ["対象分野に交通インフラを含む事業は何件？", "含まないのは何件？"],
    ["ベトナムの事業は？", "そうでないのは？"],
])
def test_how_many_dont_is_the_complement(fake, turns):
    c = Conversation(fake)
    first = nums(c.ask(turns[0]))
    rest = c.ask(turns[1])
    assert first and nums(rest) == sorted(set(range(1, 19)) - set(first))
    assert str(18 - len(first)) in rest.text


def test_wording_is_no_topic_word(fake):
    assert nums(fake.ask("Which proposals use the domino wording?")) == [11, 14, 18]


@pytest.mark.parametrize("q, want", [
    ("Chilean embassy here. Is there anything in Chile in this year's list?", [11]),
    ("Philippine embassy here: which projects are in the Philippines?", [16]),
])
def test_someone_here_says_who_asks(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("q", ["Two things: which proposal targets India, and which one targets Malaysia?",
                               "インドの事業はどれで、マレーシアの事業はどれですか？"])
def test_the_same_question_of_another_value_is_asked_afresh(fake, q):
    assert nums(fake.ask(q)) == [2, 13]


def test_of_those_with_another_value_still_narrows(fake):
    c = Conversation(fake)
    c.ask("Which projects are in India?")
    assert nums(c.ask("Which of those are in Malaysia?")) == []


@pytest.mark.parametrize("turns, want", [
    (["対象分野の数が一番多いのは？"], [11]),
    (["大阪市の事業は？", "その中で対象分野の数が一番多いのは？"], [17]),
    (["Osaka City's projects?", "Which of them has the largest number of target fields?"], [17]),
])
def test_the_number_of_fields_ranks_proposals(fake, turns, want):
    assert last_answer(fake, turns).hits[0].number == want[0]


def test_the_field_most_proposals_list_is_still_a_field(fake):
    a = fake.ask("一番多い対象分野は？")
    assert a.kind == "breakdown" and len(a.hits) == 18


@pytest.mark.parametrize("q", ["バイオマス、バイオガス、バイオ炭のいずれかに触れている提案を全部教えてください",
                               "バイオマス・バイオガス・バイオ炭", "any of biomass, biogas or biochar"])
def test_a_list_offered_as_any_of_is_alternatives(fake, q):
    a = fake.ask(q)
    assert a.intent.topic.split(" / ") == ["バイオマス", "バイオガス", "バイオ炭"] or \
        a.intent.topic.split(" / ") == ["biomass", "biogas", "biochar"]
    assert {6, 7, 11, 12} <= set(nums(a))


@pytest.mark.parametrize("q, want, says", [
    ("富山市とバリ州の事業は、何フェーズ目の事業と書かれていますか？", [15], "フェーズ2"),
    ("大阪市とEECの事業は何年次？", [17], "3年次"),
])
def test_which_phase_in_japanese_looks_for_the_phase(fake, q, want, says):
    a = fake.ask(q)
    assert nums(a) == want and says in a.text


@pytest.mark.parametrize("turns, want", [
    (["What projects in this programme involve Thailand?",
      "Does either of them deal with fluorocarbon (CFC) gas recovery?"], [5]),
    (["Toyama City shows up in which proposals?", "Do either of them list smart city development as a target field?"],
     []),
    (["タイの事業は？", "どちらかにフロン回収は含まれますか？"], [5]),
])
def test_a_yes_or_no_of_several_claims_the_ones_it_says_yes_of(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


def test_a_yes_or_no_of_one_keeps_its_subject(fake):
    assert nums(fake.ask("Does #5 mention hydrogen?")) == [5]


@pytest.mark.parametrize("then", ["その中で、これから締結する予定と書かれているのはどれ？",
                                  "そのうち、覚書をまだ結んでおらず今後締結する予定となっているのは？"])
def test_what_is_still_planned_is_set_apart_from_what_is_done(fake, then):
    c = Conversation(fake)
    assert nums(c.ask("覚書に触れている事業は？")) == [1, 17, 18]
    assert nums(c.ask(then)) == [1]


def test_planned_alone_is_no_topic(fake):
    assert nums(fake.ask("MOUを結んでいる、または結ぶ予定の案件は？")) == [1, 17, 18]


@pytest.mark.parametrize("q, top", [("most target fields?", 11), ("fewest target fields", 16)])
def test_a_superlative_before_the_fields_counts_them(fake, q, top):
    a = fake.ask(q)
    assert a.hits[0].number == top and len(a.hits) == 1


@pytest.mark.parametrize("q", ["most common field", "most common target fields", "Which target field is the most common?"])
def test_the_most_common_field_is_a_field(fake, q):
    a = fake.ask(q)
    assert a.kind == "breakdown" and len(a.hits) == 18 and "Energy efficiency" in a.text


def test_what_the_asker_wants_before_a_question_with_its_own_topic_is_context(fake):
    q = ("I plan economic zones in the Philippines and want to learn from peers: which proposals target "
         "industrial parks or industrial estates?")
    assert nums(fake.ask(q)) == [1, 3, 6, 7, 14, 16]


@pytest.mark.parametrize("q, want", [
    ("refuse-derived fuel: turning waste into fuel", [3, 4]),
    ("healthcare sector: hospitals or medical waste", [2, 9]),
])
def test_a_heading_before_a_colon_is_one_more_way_to_name_the_topic(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("turns", [
    ["Which proposals target Palau?", "Of the two, which one lists transport infrastructure as a target field?",
     "And which one plans a feasibility study on wind power?"],
    ["パラオの事業は？", "2件のうち、交通インフラが対象分野なのはどちら？", "じゃあ風力発電のFSをするのはどちら？"],
])
def test_and_which_one_picks_again_from_the_same_few(fake, turns):
    assert nums(last_answer(fake, turns)) == [8]


@pytest.mark.parametrize("q, want", [
    # a year said in Japanese (「2022年」) is said of every alternative, as "2050" is
    ("2022年にMOU（協力覚書）を締結したと書かれている提案はどれですか。", [17]),
    # the comma continues a list や began
    ("弊社は水処理機器メーカーで、海外営業を担当しております。下水処理や浄化槽、汚泥処理について触れている提案を教えていただけますか。",
     [1, 3, 6, 9]),
    # "it" is the topic the introduction said
    ("I'm researching palm oil waste. Does any proposal deal with it?", [14]),
    ("Which proposal has the most target fields, and which has the fewest?", [11, 16]),
    ("風力発電について書かれている提案はありますか。ある場合、対象国はどこですか。", [8]),
    ("Which proposals have a Japanese prefecture (県) rather than a city as the domestic partner?", [3, 6, 9, 10]),
])
def test_readings_from_the_fiftieth_blind_sets(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_a_student_looking_at_a_company_still_asks_of_the_company(fake):
    assert nums(fake.ask("I'm a student looking at Nippon NUS. How many proposals does it have?")) == [3, 8, 9, 15]


def test_what_kind_of_study_quotes_each_sentence_that_names_it(fake):
    a = last_answer(fake, ["南アジアの国を対象にしたものはありますか？", "その事業ではどんな調査をするんですか？"])
    assert nums(a) == [2] and a.kind == "ranked" and "医療廃棄物" in a.text


@pytest.mark.parametrize("q", ["Compare Indonesia and Thailand: which proposals does each have, and which country has more?",
                               "インドネシアとタイ、どちらの事業が多いですか？"])
def test_which_of_two_countries_has_more(fake, q):
    a = fake.ask(q)
    assert a.kind == "breakdown" and "4" in a.text and [h.number for h in a.hits][:4] == [4, 9, 14, 15] \
        and nums(a) == [4, 5, 9, 14, 15, 17]


def test_which_vietnamese_provinces_or_cities_are_their_partners(fake):
    a = fake.ask("Which Vietnamese provinces or cities are covered?")
    assert a.kind == "breakdown" and "Hanoi" in a.text


@pytest.mark.parametrize("q, want", [
    ("hotels and tourism", [6, 12]),  # a few keywords joined by "and": each a way into the topic
    ("排熱を有効利用する技術", [6]),  # 有効利用 is how, not what (排熱 is the text's 廃熱)
])
def test_readings_from_the_fifty_third_blind_sets(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("turns", [["#12", "Is there another one in the same country?"],
                                   ["I liked the Koror proposal. Is there another one like it in the same country?"]])
def test_another_one_in_the_same_country(fake, turns):
    assert nums(last_answer(fake, turns)) == [8]


@pytest.mark.parametrize("turns, want, says", [
    (["恐れ入りますが、対象分野に「水素技術」を掲げている提案をすべてご教示いただけますでしょうか。件数も併せてお願いいたします。"],
     [7, 10, 11, 15], "4件"),
    (["ベトナムの都市を相手にした案件って全部で何件ありますか？", "そのうち日本工営が提案者になっているのは？",
      "じゃあ残りのベトナム案件はどこの会社の提案？"], [3, 6], "KANSOテクノス"),
    (["Which proposal covers Ho Chi Minh City?", "And the Hanoi one - is it from the same proposer?"], [10], "Nippon Koei"),
    (["Dear Sir or Madam, I should be grateful if you could tell me which proposal lists the greatest number of "
      "target fields."], [11], "8"),
])
def test_readings_from_the_fifty_fourth_chat_set(fake, turns, want, says):
    a = last_answer(fake, turns)
    assert nums(a) == want and says in a.text


@pytest.mark.parametrize("turns, want", [
    (["How many proposals list institutional capacity building as a target field?", "Which one doesn't?"], [16]),
    (["インドネシアの案件のうち、対象分野に廃棄物処理が入っていないものはありますか？", "じゃあインドネシアの案件は全部で何件？"],
     [4, 9, 14, 15]),
])
def test_which_one_doesnt_and_all_of_them_in_total(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("q, want", [
    # a name said twice, once before the negation, is excluded
    ("再エネ（再生可能エネルギー）を対象分野に含まない提案ってどれ？", [4]),
    # who the asker is (電力会社) is no topic, what they look for is; the question's own negation wins
    ("海外の再エネ案件を探している電力会社の者です。18件のうち、対象分野に「再生可能エネルギー」が入っていない提案はありますか？", [4]),
    # 「2050年」: the counter 年 is read with its number
    ("「2050年」に言及している提案を教えてください。", [5, 14, 16]),
])
def test_readings_from_the_fifty_fifth_blind_sets(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_other_than_that_one_asks_the_others(fake):
    a = last_answer(fake, ["Which proposal mentions Race to Zero?",
                           'Other than that one, which proposals also talk about a decarbonization "domino" effect?'])
    assert nums(a) == [14, 18]


@pytest.mark.parametrize("q, want", [
    ("医療とか病院に関係する取り組みが入ってる提案ってある？", [2, 9]),  # とか offers alternatives as や does
    ("Electrifying waste collection - electric garbage trucks or boats", [6, 12]),  # electrifying is an EV word
])
def test_readings_from_the_fifty_seventh_blind_sets(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("turns, want", [
    (["覚書に触れている事業は？", "そのうち、締結した年月が書かれているのはどれ？"], [17]),  # #1's is 結ぶ予定
    (["Which projects have signed or plan to sign a memorandum of understanding?"], [1, 17, 18]),
    (["MOUを結んでいる、または結ぶ予定の案件は？"], [1, 17, 18]),
])
def test_what_is_signed_is_set_apart_from_what_is_planned(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("turns", [["12番の相手都市は？", "大阪市と北九州市、どちらの提案が多いですか？"],
                                   ["#12", "Which has more projects, Osaka or Kitakyushu?"]])
def test_two_named_values_compared_after_one_proposal(fake, turns):
    a = last_answer(fake, turns)
    assert a.kind == "breakdown" and nums(a) == [2, 4, 12, 16, 17, 18]


@pytest.mark.parametrize("q, want", [
    ("LED照明を提案しているのは？", [14, 18]),  # Japanese marks no number: every proposal that mentions it
    ("Who proposes LED lighting?", [14, 18]),  # no project noun: each one
    ("バイオガスを扱う事業の提案者は？", [6, 9, 11]),
])
def test_an_attribute_of_a_topic_is_asked_of_every_proposal_that_mentions_it(fake, q, want):
    a = fake.ask(q)
    assert nums(a) == want and a.kind == "breakdown"


def test_an_attribute_of_the_one_project_named_by_topic_is_its_best_match(fake):
    assert nums(fake.ask("Who proposed the small hydropower project?")) == [15]


def test_overlapping_question_words_all_go():
    """"which japanese" and "japanese local governments" overlap: both are question words, none is left as a topic."""
    from assistant.knowledge import WordList
    w = WordList(("which japanese", "japanese local government*"), ())
    assert w.blank("which japanese local governments are involved", "_") == "_ are involved"
    assert w.blank("nothing here", "_") == "nothing here"


def test_japanese_local_governments_asked_after_one_project(fake):
    a = last_answer(fake, ["Show me the Malaysia project — which city is the partner?",
                           "Which Japanese local governments are involved?"])
    assert a.kind == "attribute" and nums(a) == [13] and "Saitama" in a.text


@pytest.mark.parametrize("q, want", [
    ("ESG審査の観点で、人権への配慮に触れている提案はありますか？", [14]),  # the clause says what the question is for
    ("次年度の予算要求の参考に、水素を扱う事業を教えて", [7, 10, 11, 15]),  # no budget asked: no "not recorded"
    ("環境省の国際協力担当です。次年度の検討のため、既存の設備補助事業の成果を横展開・水平展開すると書いている案件を洗い出したいです。",
     [11, 18]),  # who asks, and what for, are no topic; 洗い出したい asks
])
def test_a_japanese_clause_saying_what_the_question_is_for_keeps_only_its_names(fake, q, want):
    a = fake.ask(q)
    assert nums(a) == want and a.kind != "unrecorded"


def test_japanese_side_local_government_experience_is_no_attribute_question(fake):
    """日本側 and 自治体 are one phrase of the key, modifying 経験: no attribute is asked."""
    a = fake.ask("日本側の自治体の経験をもとに政策提言を行う事業はどれ？")
    assert a.kind == "ranked" and nums(a) == [3, 9, 15]


@pytest.mark.parametrize("q, key_word", [("提案者は？", "提案者"), ("Who are the proposers?", "proposers"),
                                         ("対象国は？", "対象国"), ("Which Japanese cities are involved?", "Japanese cities")])
def test_an_attribute_asked_first_is_answered_for_every_proposal(fake, q, key_word):
    a = fake.ask(q)
    assert a.kind == "breakdown" and len(a.hits) == 18 and key_word.split()[0].lower() in a.text.lower()


def test_a_title_asked_of_nothing_is_still_no_answer(fake):
    assert fake.ask("What is the title?").kind == "none"


@pytest.mark.parametrize("turns, want, says", [
    (["Which projects don't mention JCM?"], [1, 2, 3, 4, 6, 8, 11, 12, 13, 15], "do not mention"),
    (["JCMに触れていない事業は？"], [1, 2, 3, 4, 6, 8, 11, 12, 13, 15], "触れていない"),
    (["JCMに言及している提案を挙げて。", "JCMに触れてないのは何件？"], [1, 2, 3, 4, 6, 8, 11, 12, 13, 15], "10"),
    (["ベトナムの案件でJCMに触れていないのは？"], [1, 3, 6], "ベトナム"),  # the negation is JCM's, not Viet Nam's
])
def test_a_denied_topic_answers_the_proposals_whose_text_does_not_name_it(fake, turns, want, says):
    a = last_answer(fake, turns)
    assert nums(a) == want and says in a.text
    assert not any(h.evidence for h in a.hits)


def test_a_denied_topic_says_the_ones_that_do_apart(fake):
    a = fake.ask("Which projects don't mention JCM?")
    assert sorted(h.number for h in a.related) == [5, 7, 9, 10, 14, 16, 17, 18]
    assert all(h.evidence for h in a.related) and "8 do" in a.text


@pytest.mark.parametrize("q, want", [
    ("廃棄物処理を含まない事業は？", [13, 16]),  # a field after the negation is excluded, as before
    ("日本工営の提案ではないのはどれ？", [2, 3, 4, 5, 6, 8, 9, 12, 13, 15, 16]),  # 提案では+ない negates the name
])
def test_a_denied_name_is_still_an_exclusion(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("turns, want, says", [
    (["対象分野が2番目に少ない提案は？"], [4], "2番目に少ない"),  # 2番目 is a rank, no #2 and no "2 fields"
    (["Which proposal has the second most target fields?"], [1, 17], "second most"),
    (["対象分野が最も少ない事業は？", "じゃあ2番目に少ないのは？"], [4], "2番目に少ない"),
    (["Which proposal has the fewest target fields?", "and 2nd fewest"], [4], "second fewest"),
])
def test_a_rank_below_the_first_of_most_or_least(fake, turns, want, says):
    a = last_answer(fake, turns)
    assert nums(a) == want and says in a.text


def test_each_asks_of_every_proposal_shown(fake):
    a = last_answer(fake, ["Which proposals mention sludge treatment?", "Which Japanese prefecture is behind each?"])
    assert nums(a) == [3, 6] and "Shiga" in a.text


def test_kokunai_wa_doko_asks_the_japanese_city(fake):
    a = fake.ask("フロンガスの回収・破壊を対象分野にしている案件って、国内はどこの都市？")
    assert nums(a) == [5] and "横浜市" in a.text


@pytest.mark.parametrize("q, want", [
    ("現地でワークショップを開く予定の事業はどれか、議員に説明資料を作りたいので番号で教えて", [7, 10, 14, 18]),
    ("太陽光を知りたいので教えて", [3, 6, 14]),  # the clause is the question: kept
])
def test_a_japanese_reason_clause_keeps_only_its_names_unless_it_is_the_question(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("q, want, kind", [
    ("名古屋市が絡んでる提案ってある？地元の市が海外協力やってないか調べてる", [], "none"),  # why they ask: no question
    ("ベトナム相手の案件で、ごみ・廃棄物処理も扱ってるのはどれ？地元企業の関わりを記事にしたい", [6, 10, 18], "ranked"),
    ("うち北九州の地方紙なんだけど、北九州市が国内都市になってる提案を全部ちょうだい", [2, 4, 12], "list"),
])
def test_casual_statements_of_who_asks_or_why_are_no_topic(fake, q, want, kind):
    a = fake.ask(q)
    assert nums(a) == want and a.kind == kind


def test_a_japanese_question_mark_ends_a_sentence_without_a_space():
    from assistant.understand import _SENTENCE_END
    assert [p for p in _SENTENCE_END.split("提案ってある?地元の市が") if p] == ["提案ってある?", "地元の市が"]


def test_the_partner_state_asked_beside_the_japanese_city(fake):
    a = fake.ask("パラオの案件が2つあるみたいだけど、国内都市と対象の州はそれぞれ？")
    assert nums(a) == [8, 12] and "アイライ州" in a.text and "コロール州" in a.text


@pytest.mark.parametrize("turns", [["チリの案件", "対象分野いくつ"], ["Tell me about the Chile project.", "How many target fields?"]])
def test_how_many_fields_after_one_proposal_counts_its_own(fake, turns):
    a = last_answer(fake, turns)
    assert a.kind == "attribute" and nums(a) == [11] and "8" in a.text


def test_how_many_fields_asked_first_counts_the_corpus(fake):
    assert fake.ask("対象分野はいくつ？").kind == "breakdown"


@pytest.mark.parametrize("q, says", [("東南アジア以外の国を対象にした案件はどれですか？", ["インド", "パラオ", "チリ"]),
                                     ("Which projects are outside Southeast Asia?", ["India", "Palau", "Chile"])])
def test_projects_outside_a_region_say_their_country(fake, q, says):
    a = fake.ask(q)
    assert nums(a) == [2, 8, 11, 12] and all(s in a.text for s in says)


@pytest.mark.parametrize("turns, want, says", [
    (["日本エヌ・ユー・エス(株)は何件提案していますか？", "対象国の内訳も教えてください。"], [3, 8, 9, 15], "インドネシア（Indonesia） 2件"),
    (["How many different organisations submitted proposals in total?"], list(range(1, 19)), "8 proposers"),
    (["Which proposal deals with palm oil industry waste?", "And which one mentions medical waste?"], [2], "medical"),
    (["Which proposals mention LED lighting?", "The one in Indonesia — which Japanese city is it paired with?"], [14],
     "Kawasaki"),
    (["List the proposals where Osaka City is the Japanese partner.", "Which of them has the fewest target fields?"],
     [16], "fewest"),
    (["Which proposal targets Quezon City, and which international city network does that city belong to?"], [16],
     "C40"),
])
def test_readings_from_the_sixty_fifth_and_sixty_sixth_blind_chat_sets(fake, turns, want, says):
    a = last_answer(fake, turns)
    assert sorted(nums(a)) == want and says in a.text


@pytest.mark.parametrize("q, want", [
    ("養殖分野の汚泥処理に取り組む提案があったと記憶しているのですが、どれでしたでしょうか。", [3]),  # what is recalled is asked
    ("I'm tracking industrial parks/estates. Which proposals mention industrial parks in their text?", [1, 3, 6, 7, 14, 16]),
    ("「2050年」という目標年が書かれている事業はどれ？", [5, 14, 16]),  # the year is the topic, 目標年 says what it is
    ("ごみ収集に電気で動く車両や船を使う提案はありますか？", [6, 12]),  # 電気 車両: an everyday word for EV
    ("高校で気候変動の国際協力について授業をします。生徒にわかりやすい例として、太陽光発電を導入する提案はどれですか？", [3, 6, 14]),
])
def test_topic_readings_from_the_sixty_fifth_and_sixty_sixth_blind_sets(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_of_two_compared_both_are_shown_the_winner_first(fake):
    a = fake.ask("Compare the two Ehime Prefecture proposals: which one covers more target fields?")
    assert [h.number for h in a.hits] == [9, 3]


def test_acronyms_are_no_english_words():
    from assistant.query import detect_lang
    assert detect_lang("CO2回収・貯留（CCS）") == "ja" and detect_lang("Ho Chi Minh ホーチミン") == "en"


@pytest.mark.parametrize("q, want", [
    ("越向け案件、件数と一覧", [1, 3, 6, 7, 10, 18]),  # 越: Viet Nam, a word of its own (glossary alias)
    ("越 水素", [7, 10]),
    ("日越の案件", [1, 3, 6, 7, 10, 18]),
    ("印 水素", []),
])
def test_one_kanji_country_abbreviations(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("text", ["比較的新しい事業", "1億円を越える事業", "超越した", "矢印の先"])
def test_a_one_kanji_abbreviation_inside_a_word_names_nothing(fake, text):
    from assistant.knowledge import find_names, normalize
    found, _ = find_names(normalize(text), fake.knowledge.names)
    assert not any(f.name.kind == "filter" and f.name.key == "country" for f in found)


@pytest.mark.parametrize("turns, want", [
    (["富山市の案件2件、それぞれ対象国は？"], [11, 15]),  # 案件2件 counts: no #2
    (["工営とNUS以外が提案した案件、一覧で"], [2, 4, 5, 6, 12, 13, 16]),  # company short names
    (["LED導入に触れてる案件"], [14, 18]),  # an acronym before Japanese is a topic word
    (["Which proposal has the longest list of target fields?"], [11]),
    (["Kitakyushu seems very active. How many proposals list it as the Japanese city?"], [2, 4, 12]),
    (["大阪市の案件は？", "このうちデジタル技術が対象外なのは？"], [16]),  # 対象外 negates
    (["デジタル技術を対象分野にしている案件は？", "じゃあ入ってない方は？"], [3, 4, 5, 6, 7, 8, 13, 14, 15, 16]),
])
def test_readings_from_the_sixty_seventh_blind_chat_set(fake, turns, want):
    assert sorted(nums(last_answer(fake, turns))) == want


def test_a_katakana_abbreviation_is_no_prefix_of_a_longer_word(fake):
    assert fake.ask("スマメ導入").kind == "none"  # スマ|メ is no スマート


def test_nw_is_a_network(fake):
    assert nums(fake.ask("商工会議所NW活用")) == [17]


@pytest.mark.parametrize("turns, want", [
    (["日本工営がproposerになってる案件をざっとlist upしてもらえます？"], [1, 7, 10, 11, 14, 17, 18]),  # English mixed in
    (["タイの案件で、フロンガスの回収・破壊をtarget fieldに入れているのはどれ？国内都市も教えて。", "タイのもう一件のproposerは？"], [17]),
    (["国別の内訳をお願いします", "インドネシアの案件について、分野別の件数は？"], [4, 9, 14, 15]),  # 分野別の: no "other"
    (["List the proposals where waste management is NOT one of the target fields."], [13, 16]),  # negation after it
    (["Is there a proposal whose only target fields are energy efficiency and renewable energy, nothing else?"], [16]),
    (["省エネと再エネのみを対象にしている事業は？"], [16]),
])
def test_readings_from_the_sixty_ninth_blind_chat_set(fake, turns, want):
    assert sorted(nums(last_answer(fake, turns))) == want


@pytest.mark.parametrize("turns, want, says", [
    (["ベトナムを対象国とする提案は何件で、全18件に占める割合はどれくらいですか？"], [1, 3, 6, 7, 10, 18], "33%"),
    (["全18件のうち、交通インフラを対象分野に挙げている提案は何件で、全体の何割くらいですか。"], [5, 11, 12, 14, 15, 17], "33%"),
    (["What share of the proposals target Vietnam?"], [1, 3, 6, 7, 10, 18], "33% of all 18"),
    (["Toyama City seems to work with Bali. Which proposals involve Toyama?"], [11, 15], "Toyama"),
    (["How many Japanese cities or prefectures appear in more than one proposal, and which ones?"],
     [2, 3, 4, 9, 11, 12, 15, 16, 17, 18], "(4)"),
    (["対象分野の数が一番多い提案はどれですか？いくつ挙がっているかも教えてください。", "逆に一番少ないのは？"], [16], "2件"),
    (["パラオ向けの提案は？", "浦添市じゃない方の提案者は？"], [12], "ATGREEN"),
])
def test_readings_from_the_seventy_first_and_second_blind_sets(fake, turns, want, says):
    a = last_answer(fake, turns)
    assert sorted(nums(a)) == want and says in a.text


def test_a_proposal_then_does_it_is_asked_as_two(fake):
    a = fake.ask("Which proposal targets the Philippines, and does it include waste treatment among its target fields?")
    assert nums(a) == [16]


@pytest.mark.parametrize("turns, want, kind", [
    (["水産養殖の分野を含む提案は何件ありますか？"], [3], "count"),  # a noun and の before 分野 names a sector
    (["愛媛県が関わっている提案はどれですか", "前者の対象分野は？"], [3], "attribute"),  # 前者 is no sector
])
def test_a_sector_named_before_no_bunya(fake, turns, want, kind):
    a = last_answer(fake, turns)
    assert nums(a) == want and a.kind == kind


@pytest.mark.parametrize("turns, want, says", [
    (["Which proposals mention MOUs?"], [1, 17, 18], "MOU"),  # an acronym's plural is its singular
    (["Which proposals mention MOUs?", "Which one is based on an MOU signed in February 2022, and which Japanese city "
                                       "is behind it?"], [17], "Osaka"),  # the attribute of the one the text names
    (["Which projects are by Japan NUS?", "Who proposed the Palau one?"], [8], "Japan NUS"),
    (["パラオとインドの案件は？", "そのうち対象分野を一番多く挙げているのは？"], [12], "6件"),  # proposals ranked
])
def test_readings_from_the_seventy_fourth_blind_chat_set(fake, turns, want, says):
    a = last_answer(fake, turns)
    assert sorted(nums(a)) == want and says in a.text


def test_a_region_set_apart_names_something_of_its_own(fake):
    """"How many proposals are outside Southeast Asia?" after two LED proposals: the whole list, not those two."""
    a = last_answer(fake, ["Which proposals involve LED lighting?", "How many proposals are outside Southeast Asia?"])
    assert nums(a) == [2, 8, 11, 12]


@pytest.mark.parametrize("q, want", [
    ("List the projects that plan solar PV installations.", [3, 6, 14]),  # "installations" frames the topic
    ("LED lamps replacement, which proposals?", [14, 18]),  # LED lamps are LED lighting
    ("SDGsを前面に出している事業はどれですか", [9, 11]),  # 前面に出す frames it
    ("ボイラー更新の商機がありそうな案件", [3, 6, 18]),  # a business opportunity is why the asker looks
    ("Which proposals are implemented as a 'Phase 2' of an earlier project?", [15, 17]),
])
def test_topic_readings_from_the_seventy_fifth_and_seventy_sixth_blind_sets(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


@pytest.mark.parametrize("q", ["うちみたいな小さい町が国内都市として参加してる事例ってあります？", "町や村が日本側の事業はありますか？",
                               "Are any small towns or villages on the Japanese side?"])
def test_no_town_or_village_is_a_japanese_partner(fake, q):
    a = fake.ask(q)
    assert a.kind == "none" and not a.hits


@pytest.mark.parametrize("q", ["市町村が参加している事業は？", "農村の脱炭素に関わる事業は？", "eco-town or eco-industrial park"])
def test_town_and_village_are_words_of_their_own(fake, q):
    """町 and 村 inside 市町村 or 農村, and the town of an eco-town, name no kind of local government."""
    assert not any(r.id == "towns_villages" for r in fake.ask(q).intent.regions)


def test_a_kind_of_local_government_is_read_from_the_partner_names():
    """An added year's 〇〇町 is a town without a word of the data changed."""
    from assistant.knowledge import load_regions
    from assistant.query import Glossary, GlossaryEntry, load_glossary

    glossary = load_glossary()
    added = Glossary(glossary.entries + (GlossaryEntry("domestic_city", ("下川町",), "下川町", "Shimokawa Town", ()),))
    kinds = {r.id: r for r, _ in load_regions(added)}
    assert kinds["towns_villages"].constraint == {"domestic_city": ("下川町",)}
    assert {r.id: r for r, _ in load_regions(glossary)}["towns_villages"].constraint == {"domestic_city": ()}


def test_a_prefecture_rather_than_a_municipality(fake):
    a = last_answer(fake, ["Which proposals have a prefecture (ken) rather than a municipality as the Japanese partner?",
                           "Of those, which involve Indonesia?"])
    assert nums(a) == [9]


def test_a_truck_is_no_truk(fake):
    """"truck" is one letter from Truk (Chuuk's old name, a place in no proposal): it stays a truck."""
    a = fake.ask("Which projects involve EV, like electric bus or EV garbage truck?")
    assert a.kind != "none" and 12 in nums(a)


def test_a_second_question_answered_by_the_first_answers_once(fake):
    """The same claim on the same sentence is said once, not twice."""
    a = fake.ask("Which proposal is about wind power, and what kind of wind turbine technology?")
    assert nums(a) == [8] and a.text.count("tiltable") == 1


@pytest.mark.parametrize("then, want", [
    ("まだ締結前なのは？", [1]), ("すでに締結しているのは？", [17, 18]),
    ("Which of them have not signed it yet?", [1]), ("Which are already signed?", [17, 18]),
])
def test_a_state_asked_of_a_topic_answer(fake, then, want):
    """After the MOU proposals, whether it is signed: only the sentences that say so (#1's is 「結ぶ予定」)."""
    a = last_answer(fake, ["覚書（MOU）ベースの案件どれ？", then])
    assert sorted(nums(a)) == want


@pytest.mark.parametrize("turns", [
    ["覚書（MOU）に触れている事業は？", "その中で既に締結済みなのは？", "まだ結んでいないのは？"],
    ["Which projects mention an MOU?", "Which of them have already signed it?", "And which have not signed yet?"],
])
def test_the_other_state_after_a_state_is_of_the_same_proposals(fake, turns):
    """The signed ones, then the ones not signed yet: among the MOU proposals the signed ones were picked from (#1),
    not among the signed ones (none)."""
    assert sorted(nums(last_answer(fake, turns))) == [1]


@pytest.mark.parametrize("turns, want, says", [
    (["Can you give me contact emails for the proposers?", "Fine, which project is Kobe's?"], [1], "Kobe"),
    (["連絡先を教えて", "わかりました、神戸市の事業は？"], [1], "神戸市"),
    (["Which projects mention hydrogen?", "Where are they?"], [7, 10, 11, 15], "Chile"),
    (["水素の事業は？", "それらはどこ？"], [7, 10, 11, 15], "チリ"),
])
def test_an_acknowledgement_or_a_bare_where_after_an_answer(fake, turns, want, says):
    """"Fine," / 「わかりました、」 open a question and say nothing of its topic; "Where are they?" after a list asks
    where each of its proposals is."""
    a = last_answer(fake, turns)
    assert sorted(nums(a)) == want and says in a.text


@pytest.mark.parametrize("turns, want", [
    (["Between Kitakyushu and Osaka, which city has more proposals in this list?"], [2, 4, 12, 16, 17, 18]),
    (["Which organization submitted the largest number of proposals?", "And the second most active one?"],
     [3, 8, 9, 15]),
    (["My thesis argues that Japanese cooperation emphasizes institutional capacity building. To test that, are there "
      "any proposals that do NOT list institutional/system-building support (制度構築支援) as a target field?"], [16]),
    (["日本工営の案件っていくつある？", "日本工営以外の会社で交通インフラ入ってるのは？"], [5, 12, 15]),
])
def test_readings_from_the_seventy_sixth_blind_chat_set(fake, turns, want):
    assert sorted(nums(last_answer(fake, turns))) == want


def test_two_named_cities_compared_by_their_own_key(fake):
    a = fake.ask("Between Kitakyushu and Osaka, which city has more proposals in this list?")
    assert "Kitakyushu" in a.text and "Osaka" in a.text and "3" in a.text


@pytest.mark.parametrize("q", ["採択結果ってこれでわかる？どれが採択されたか知りたい", "Which proposals were selected for funding?"])
def test_the_selection_results_are_not_recorded(fake, q):
    a = fake.ask(q)
    assert a.kind == "unrecorded" and not a.hits


@pytest.mark.parametrize("turns, want", [
    (["How many proposals DON'T list energy efficiency (省エネ) as a field?"], [15]),  # shouted, no acronym
    (["how many VN projects are there?", "excluding the ones by Nippon Koei?"], [3, 6]),
    (["projs w/ Kitakyushu or Kawasaki as the JP city?", "which of these are in Indonesia"], [4, 14]),
    (["which org has the most?"], [1, 7, 10, 11, 14, 17, 18]),
    (["no. of projects w/ smart city dev as a target field?"], [1, 7, 9, 13, 17, 18]),  # "no." is a number
    (["Looking for EV-related stuff - e-buses, EV garbage trucks etc. Which projs mention EVs?",
      "of those, which list transport infra as a target field?"], [12, 15]),  # "etc. Which" ends a sentence
    (["ホーチミン市の案件について教えて", "この案件と同じように、ほかの地域への「脱炭素ドミノ」を掲げている事業はほかにありますか"],
     [11, 14]),  # 事業はほかに: other projects, as 「ほかの事業」
    (["ホテルを対象とした取組を含む提案はどれですか。観光地を抱える本市としても関心がございます。"], [6, 12]),
])
def test_readings_from_the_seventy_eighth_blind_sets(fake, turns, want):
    assert sorted(nums(last_answer(fake, turns))) == want


@pytest.mark.parametrize("q", ["Which proposal is about wind power?", "Does #8 mention wind power?"])
def test_an_english_quote_carries_the_japanese_it_renders(fake, q):
    """A rendering alone is no quote of the source: the sentence it renders follows it, verbatim."""
    a = fake.ask(q)
    assert "「また、再エネ多様化のため、可倒式風力発電技術の導入に向けたF/Sを行う。」" in a.text and "tiltable" in a.text


def test_healthcare_is_medical(fake):
    """#2 studies treatment facilities for medical waste (医療廃棄物): four blind judges of five count it as healthcare."""
    assert sorted(nums(fake.ask("hospitals or healthcare facilities"))) == [2, 9]


@pytest.mark.parametrize("turns, want, says", [
    (["Thailand projects pls", "which one involves Osaka", "when was the MOU signed?"], [17], "2022"),
    (["ホーチミン市の案件について、提案者と国内都市を確認したいです。"], [18], "日本工営"),  # what is confirmed is asked
    (["ホーチミン市の案件について、提案者と国内都市を確認したいです。",
      "この案件と同じように、ほかの地域への「脱炭素ドミノ」を掲げている事業はほかにありますか"], [11, 14], "ドミノ"),
    (["Osaka city has several projs right? how many", "which one's got the fewest target fields",
      "and what are the partner cities/regions for the other two"], [17, 18], "EEC"),
    (["その他の分野としてフロンガスの回収・破壊を挙げている案件はどれか"], [5], "フロンガス"),  # one その他 field, not all
    (["セメント産業の脱炭素化の調査はどこが提案していますか？", "その機関が出しているほかの事業は？"], [13], ""),
])
def test_more_readings_from_the_seventy_eighth_blind_chat_set(fake, turns, want, says):
    a = last_answer(fake, turns)
    assert sorted(nums(a)) == want and says in a.text


@pytest.mark.parametrize("q, want", [
    ("下水処理の件で参考になる案件を探しています", [1]),  # what it is for is no topic
    ("Which projects include high efficiency cooling or air conditioning equipment?", [6, 18]),  # #6's chillers
    ("フロン対策も含まれていますか", [5]),  # 対策 frames the topic
    ("electric garbage trucks", [12]),  # electric is no electricity generated from garbage
    ("地域冷房（DCS）", []),  # district cooling is no chiller
])
def test_topic_readings_from_the_eightieth_blind_set(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


def test_a_superlative_names_the_winner_as_the_list_writes_it_too(fake):
    assert "日本工営" in fake.ask("which company has the most proposals in this list").text
    assert "Nippon Koei" in fake.ask("提案数が一番多い提案者は？").text



@pytest.mark.parametrize("q, says", [
    ("Is there any project in India and if yes who is the proposer and which Japanese city is involved?",
     ["Ex Research", "Kitakyushu"]),
    ("Kindly let me know whether any project is there for Hyderabad city, and if so which Japanese city and which "
     "company are doing it.", ["Ex Research", "Kitakyushu"]),
])
def test_if_yes_asks_of_what_was_found(fake, q, says):
    """"…, and if so, who …?": the second question is asked of the first one's proposals."""
    a = fake.ask(q)
    assert nums(a) == [2] and all(s in a.text for s in says)


@pytest.mark.parametrize("q, says", [
    ("対象分野が最も少ない案件はどれですか。あわせて、その対象分野も教えてください。", ["#16", "再生可能エネルギー"]),
    ("what is total budget of the program and how many proposals are there?", ["does not record", "18 projects"]),
])
def test_a_second_request_after_the_first(fake, q, says):
    a = fake.ask(q)
    assert all(s in a.text for s in says)


def test_question_words_survive_their_normal_form():
    """A word list's entries are matched as normalised: an entry that normalises to a bare question word would split
    or strip every question (" - who" became "who")."""
    from assistant.knowledge import load_words, normalize

    words = load_words()
    bare = {"who", "which", "what", "how", "how many", "where", "when"}
    for name in ("second_question", "and_asks"):
        wl = words.lists[name]
        assert not [w for w in (*wl.en, *wl.ja) if normalize(w).strip() in bare], name


@pytest.mark.parametrize("q, want", [
    ("I want to know which projects are having hydrogen technology and what are their partner cities.", [7, 10, 11, 15]),
    ("Which all projects are there in Indonesia?", [4, 9, 14, 15]),
])
def test_indian_english_forms(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


def test_and_what_are_their_asks_of_the_list(fake):
    a = fake.ask("I want to know which projects are having hydrogen technology and what are their partner cities.")
    assert sorted(nums(a)) == [7, 10, 11, 15] and "Hanoi" in a.text


@pytest.mark.parametrize("turns, want", [
    (["Which projects are in Palau?", "Of the Vietnamese ones, which list hydrogen?"], [7, 10]),  # none of those is
    # Vietnamese: the Vietnamese ones are all of them
    (["Which projects are in Palau?", "Of those, which are in Vietnam?"], []),  # "of those" keeps them
])
def test_the_named_ones_when_none_of_the_previous_are(fake, turns, want):
    assert sorted(nums(last_answer(fake, turns))) == want


@pytest.mark.parametrize("q, want", [
    ("インドネシアで交通分野（EVなど）を扱う案件はどれですか。", [14, 15]),  # the bracket gives the field's examples
    ("Which Indonesian projects cover transport (e.g. EVs)?", [14, 15]),
])
def test_examples_of_a_field_in_a_bracket_do_not_narrow_it(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_a_bracket_without_example_words_still_narrows(fake):
    assert nums(fake.ask("交通インフラ（EV）を扱うインドネシアの案件")) == [15]


@pytest.mark.parametrize("turns", [
    ["浄化槽の導入に触れている事業はどれでしょうか。", "ゴロンタロ州の方では、ほかに何の設備の普及に向けたFSをやるの？"],
    ["Which projects mention septic tanks?", "What else does the Gorontalo one do a feasibility study on?"],
])
def test_else_about_a_place_of_the_previous_answer_asks_more_of_it(fake, turns):
    # Gorontalo has only #9, which the previous answer named: "else" asks what else it does, not other proposals
    a = last_answer(fake, turns)
    assert nums(a) == [9] and a.kind != "none"


def test_other_proposals_of_a_place_still_set_the_previous_apart(fake):
    a = last_answer(fake, ["Which projects mention septic tanks?", "Other projects in Vietnam?"])
    assert nums(a) == [1, 3, 7, 10, 18]


@pytest.mark.parametrize("q", ["ケソン市の事業でCO2はどれくらい削減できたんですか",
                               "How much CO2 did the Quezon City project reduce?"])
def test_how_much_was_reduced_is_a_result_the_list_does_not_record(fake, q):
    a = fake.ask(q)
    assert a.kind == "unrecorded" and nums(a) == [16]


@pytest.mark.parametrize("turns, want", [
    (["Which proposal is about Ho Chi Minh City?", "What's the abbreviation of the climate plan it's built around?"],
     "CCAP"),
    (["ホーチミン市の案件", "その気候変動計画の略称は？"], "CCAP"),
])
def test_asking_for_an_abbreviation_quotes_the_sentence_that_gives_it(fake, turns, want):
    a = last_answer(fake, turns)
    assert nums(a) == [18] and want in a.text


@pytest.mark.parametrize("turns", [
    ["医療廃棄物の処理設備について調査する提案はどれ？", "同じ提案で、ほかにどんな設備の導入可能性を調べるの？"],
    ["Which proposal studies medical waste treatment facilities?", "In the same project, what other facilities does it study?"],
])
def test_the_same_proposal_with_else_asks_more_of_it(fake, turns):
    a = last_answer(fake, turns)
    assert nums(a) == [2] and a.kind != "none"


def test_a_term_of_common_words_stays_an_alternative(fake):
    # "waste-to-energy" is made of words most proposals use, but it is a term of its own
    a = fake.ask("Which proposals include waste-to-energy, i.e. generating electricity from garbage?")
    assert nums(a) == [1, 7, 17]


@pytest.mark.parametrize("q, want", [
    ("bid manager here - which projects list digital technology as a field?", [1, 2, 9, 10, 11, 12, 17, 18]),
    ("We want to swap our streetlights and office lights for LEDs - which proposals include LED lighting?", [14, 18]),
])
def test_a_spaced_hyphen_before_a_question_word_ends_a_clause(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_a_spaced_hyphen_between_names_joins_them(fake):
    assert nums(fake.ask("Kitakyushu - Hyderabad project: who proposed it?")) == [2]


def test_co_joins_its_word_as_e_does(fake):
    assert nums(fake.ask("co-processing of waste in cement kilns")) == [4]


def test_a_phrase_before_in_belongs_to_each_alternative_after_it(fake):
    # ammonia co-firing in power plants or in boilers: no proposal names it (boilers alone is not the topic)
    assert fake.ask("ammonia co-firing in power plants or boilers?").kind == "none"


def test_the_purpose_word_frames_a_japanese_topic(fake):
    assert nums(fake.ask("水環境の保全を目的に入れている事業を探しています。")) == [6]


@pytest.mark.parametrize("turns, want", [
    (["ハノイ市の事業みたいに、水素技術とデジタル技術の両方を対象分野にしている案件は他にある？"], [11]),
    (["Like the Hanoi project, are there other projects with both hydrogen technology and digital technology "
      "as fields?"], [11]),
    (["ハノイ市の事業みたいに、水素技術とデジタル技術の両方を対象分野にしている案件は他にある？", "それってどこの国？"], [11]),
])
def test_a_proposal_held_up_as_the_example_is_set_apart(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


def test_like_the_one_alone_still_asks_for_similar_projects(fake):
    a = fake.ask("Like the Hanoi project, are there other projects?")
    assert a.kind == "similar" and 10 not in nums(a)


@pytest.mark.parametrize("turns, want", [
    (["Which proposals don't include energy efficiency as a target field?", "And which leave out renewable energy?",
      "What about institutional/policy support (制度構築支援)?"], [16]),
    (["省エネルギーを対象分野に含まない事業は？", "制度構築支援は？"], [16]),
])
def test_what_about_after_a_negation_sets_the_new_value_apart(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("q, want", [("whats the budget for the Hanio project", [10]), ("projects in Plaau", [8, 12])])
def test_two_swapped_letters_in_a_short_name_are_a_typo(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("turns", [
    ["覚書に触れている事業は？", "そのうち、覚書がまだ結ばれていないのはどれ？"],
    ["Which proposals mention an MOU?", "Which of them has not signed the MOU yet?"],
    ["Which proposals mention an MOU?", "Is there one where the MOU hasn't been signed yet?"],
])
def test_a_status_follow_up_may_say_the_topic_again(fake, turns):
    assert nums(last_answer(fake, turns)) == [1]  # Kobe–Dong Nai: the MOU is to be signed in 2024


@pytest.mark.parametrize("q, want", [
    ("工業団地を対象にした案件を国を問わずすべて挙げてください。", [1, 3, 6, 7, 14, 16]),  # 「国を問わず」 frames
    ("CO2の回収・利用（CCU）を扱う提案", [11]),  # the words of CCU name it
    ("capacity building / training of city officials", [10]),  # who is trained is no topic of its own
    ("相手都市の行政職員向けに講義や人材育成をする事業はありますか", [10]),
])
def test_framing_words_and_glosses_leave_the_topic(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("q", ["Is any proposal about carbon capture and storage (CCS)?",
                               "CO2を回収して地下に貯留するCCSの事業は？"])
def test_storage_is_no_utilisation(fake, q):
    assert fake.ask(q).kind == "none"


def test_words_before_a_later_preposition_belong_to_the_alternatives_after_it(fake):
    a = fake.ask("Which proposals have signed, or plan to sign, an MOU with the partner city or province?")
    assert nums(a) == [1, 17, 18]


@pytest.mark.parametrize("turns, want", [
    (["projcts in indoneisa?", "which one is about cement", "and the one using palm oil waste?"], [14]),
    (["インドネシアの案件は？", "セメントのはどれ？", "じゃあパーム油の廃棄物を使うのは？"], [14]),
])
def test_and_the_one_after_a_pick_picks_from_the_same_list(fake, turns, want):
    assert nums(last_answer(fake, turns)) == want


@pytest.mark.parametrize("q, want", [("ばいおます使うやつある？", [7, 12]), ("ぼいらーの案件", [3, 6, 18])])
def test_a_katakana_word_of_the_text_typed_in_hiragana_is_that_word(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("first, then", [
    ("堺市の提案の対象都市と事業名は？", "じゃあ名古屋市の提案はある？"),
    ("大阪市の事業の内訳を国別に", "じゃあ名古屋市は？"),
    ("Which projects are in Kitakyushu?", "what about Nagoya?"),
])
def test_a_place_in_no_proposal_after_a_filter_is_none_not_the_last_filter(fake, first, then):
    a = last_answer(fake, [first, then])
    assert a.kind == "none" and not a.hits


def test_sonota_no_jigyou_is_the_rest_not_the_other_fields(fake):
    assert nums(last_answer(fake, ["大阪市の提案は？", "その他の事業は？"])) == list(range(1, 16))


def test_the_other_fields_named_again_are_no_others(fake):
    c = Conversation(fake)
    assert nums(c.ask("対象分野に「その他」が書かれている提案を全部")) == [1, 5, 6, 11]
    a = c.ask("その他の中身も教えて")
    assert nums(a) == [1, 5, 6, 11] and "フロンガス回収・破壊" in a.text


@pytest.mark.parametrize("first, then, want", [
    ("ベトナムの案件", "他の国の案件は？", [2, 4, 5, 8, 9, 11, 12, 13, 14, 15, 16, 17]),
    ("インドネシアの案件は？", "ほかの国の事業は？", [1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 18]),
    ("Vietnam projects", "what about other countries?", [2, 4, 5, 8, 9, 11, 12, 13, 14, 15, 16, 17]),
])
def test_other_countries_are_the_projects_outside_the_named_one(fake, first, then, want):
    assert nums(last_answer(fake, [first, then])) == want


def test_the_same_country_is_still_the_same_country(fake):
    assert nums(last_answer(fake, ["#7", "other projects in the same country?"])) == [1, 3, 6, 10, 18]


@pytest.mark.parametrize("q, want", [
    ("Which proposals include study tours or site visits, e.g. to factories or environmental infrastructure?",
     [10, 16]),
    ("Which proposals include site visits, e.g. to factories?", [10, 16]),
])
def test_an_example_of_place_illustrates_the_topic_before_it(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_examples_that_are_things_stay_alternatives(fake):
    a = fake.ask("Which proposals mention financing, e.g. subsidies or leasing?")
    assert "subsidies" in a.text


@pytest.mark.parametrize("q, want", [
    ("which proposals focus on cutting emissions from buildings?", [13, 16]),
    ("Which projects are about reducing emissions from cement production?", [4]),
])
def test_cutting_emissions_from_says_what_every_proposal_does(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("first, then, want, words", [
    ("廃棄物発電に関係する提案はどれですか。", "その中でタイの案件の提案者と国内都市を教えて", [17], ["日本工営", "大阪市"]),
    ("Which projects mention waste-to-energy?", "Of those, who proposed the Vietnam ones and which Japanese cities?",
     [1, 7], ["Nippon Koei", "Kobe City", "Sakai City"]),
])
def test_two_values_asked_of_some_of_them_are_both_answered(fake, first, then, want, words):
    a = last_answer(fake, [first, then])
    assert nums(a) == want and all(w in a.text for w in words)


def test_the_other_one_of_a_pair_is_no_other_value(fake):
    a = Conversation(fake)
    a.ask("東京都が関わる提案はありますか。")
    assert nums(a.ask("もう一つの国内都市はどこですか。")) == [13]


@pytest.mark.parametrize("q, want", [
    ("Which proposals target Palau or Bali?", [8, 12, 15]),
    ("ベトナムかバリ州の案件", [1, 3, 6, 7, 10, 15, 18]),
    ("Kitakyushu or Vietnam projects?", [1, 2, 3, 4, 6, 7, 10, 12, 18]),
])
def test_names_of_two_keys_offered_as_alternatives_are_either(fake, q, want):
    a = fake.ask(q)
    assert nums(a) == want
    assert "(Palau)" not in a.text  # a country offered beside a place is named once


def test_nippon_is_japan_in_a_proposer_name(fake):
    a = fake.ask("How many proposals is Nippon NUS behind?")
    assert nums(a) == [3, 8, 9, 15] and "4" in a.text


@pytest.mark.parametrize("then", ["その2つの国内都市は？", "what are the Japanese cities of those two?"])
def test_those_two_count_the_last_answer_not_a_joint_japanese_side(fake, then):
    a = last_answer(fake, ["日本工営以外でベトナム案件を出しているのは？", then])
    assert nums(a) == [3, 6] and a.kind == "attribute"


@pytest.mark.parametrize("q, want", [
    ("Which proposals are aimed mainly at factories?", [4, 10, 17]),
    ("主に工場を対象にした事業", [4, 10, 17]),
])
def test_mainly_is_no_topic_word(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_whether_any_of_the_whole_list_was_selected_is_asked_of_the_list(fake):
    a = last_answer(fake, ["ケソン市の事業で、実際にCO2はどれくらい削減できたんでしょうか？",
                           "そもそもこの18件のうち、どれが採択されたかは分かりますか？"])
    assert a.kind == "unrecorded" and not a.hits


@pytest.mark.parametrize("q, want, words", [
    ("what does the Chile one do", [11], ["Race to Zero"]),
    ("ばんこくの案件の中身ざっくり教えて", [5], ["バンコク気候変動マスタープラン"]),
    ("パラオの事業の概要を教えて", [8, 12], ["浦添市・アイライ州都市間連携"]),
])
def test_a_few_proposals_named_by_place_and_asked_about_show_their_records(fake, q, want, words):
    a = fake.ask(q)
    assert a.kind == "lookup" and nums(a) == want and all(w in a.text for w in words)


def test_many_proposals_asked_about_are_a_list(fake):
    a = fake.ask("Tell me about the Vietnam projects")
    assert a.kind == "list" and nums(a) == [1, 3, 6, 7, 10, 18]


@pytest.mark.parametrize("q, want, year", [
    ("By what year does Quezon City aim for carbon neutrality in that proposal?", [16], "2050"),
    ("バンコクの事業は何年までにネットゼロを目指していますか", [5], "2050"),
])
def test_the_year_a_goal_is_reached_is_the_texts(fake, q, want, year):
    a = fake.ask(q)
    assert nums(a) == want and year in a.text and "FY2024" not in a.text


def test_a_bracket_of_use_is_no_alternative(fake):
    a = fake.ask("ヒートポンプ（給湯・空調用）の導入を支援する案件はありますか。")
    assert a.kind == "none" and not a.hits


@pytest.mark.parametrize("q", [
    "Which proposals involve hydrogen in some form – hydrogen production, hydrogen combustion or fuel cells?",
    "水素に何らかの形で関わる事業",
])
def test_a_topic_in_any_form_is_the_topic_whole(fake, q):
    assert nums(fake.ask(q)) == [7, 10, 11, 15]


@pytest.mark.parametrize("turns, want, words", [
    (["Which proposals are in Vietnam?", "Which of them involve Hanoi or Ho Chi Minh City?",
      "and the Japanese partner for each?"], [10, 18], ["Fukuoka Prefecture (福岡県)", "Osaka City (大阪市)"]),
    (["Vietnam projects", "and the Japanese city for each?"], [1, 3, 6, 7, 10, 18], ["Kobe City"]),
])
def test_for_each_after_a_list_is_of_those(fake, turns, want, words):
    a = last_answer(fake, turns)
    assert nums(a) == want and all(w in a.text for w in words)


@pytest.mark.parametrize("q, want", [
    ("Any proposal mentioning CCU (carbon capture and utilisation)?", [11]),
    ("Which proposals explicitly link their work to the SDGs?", [9, 11]),
    ("大坂市の案件いくつある？", [16, 17, 18]),
])
def test_readings_from_the_ninety_fifth_blind_sets(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_a_difference_inside_a_word_asks_no_comparison(fake):
    a = fake.ask("パラオで海洋温度差発電や潮力発電を検討している提案はありますか。")
    assert a.kind == "none" and not a.hits


def test_numbers_said_in_a_sentence_of_intent_are_kept(fake):
    a = fake.ask("No.7とNo.10を比べたいです。それぞれの国内都市と対象都市を教えて")
    assert nums(a) == [7, 10] and "バリアブンタウ省" in a.text and "ハノイ市" in a.text


def test_the_year_an_event_happened_is_the_texts(fake):
    a = last_answer(fake, ["Which proposals are with Thailand?", "In what year was the MOU behind the EEC one signed?"])
    assert nums(a) == [17] and "2022" in a.text


def test_an_expected_reduction_is_not_recorded(fake):
    a = fake.ask("What is the expected CO2 reduction of the Bali project?")
    assert a.kind == "unrecorded" and nums(a) == [15]


@pytest.mark.parametrize("q, want", [
    ("For a paper on localising the SDGs: which proposals are explicitly framed around the SDGs?", [9, 11]),
    ("環境省がよく言う「脱炭素ドミノ」を掲げている提案はどれ？", [11, 14, 18]),
])
def test_framing_words_around_a_quoted_or_named_term_leave_the_term(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_the_one_a_name_picks_may_be_named_after_the_attribute(fake):
    a = last_answer(fake, ["which ones mention waste-to-energy power generation?", "Who's proposing the one in Thailand?"])
    assert a.kind == "attribute" and nums(a) == [17] and "Nippon Koei" in a.text


@pytest.mark.parametrize("first, then", [("Which projects are in Vietnam?", "who proposed the Hanoi one?"),
                                         ("ベトナムの事業は？", "ハノイ市の事業の提案者は？")])
def test_an_attribute_of_the_one_proposal_a_follow_up_picks_is_no_breakdown(fake, first, then):
    a = last_answer(fake, [first, then])
    assert a.kind == "attribute" and nums(a) == [10] and ("日本工営" in a.text or "Nippon Koei" in a.text)


def test_a_second_question_about_the_target_city_or_district(fake):
    a = fake.ask("Which proposal is in South America, and what's the target city/district?")
    assert nums(a) == [11] and "Renca" in a.text


@pytest.mark.parametrize("q", ["Which proposal achieved the largest CO2 reductions?", "CO2削減の成果が一番大きい事業は？"])
def test_a_superlative_of_what_the_list_does_not_record(fake, q):
    a = fake.ask(q)
    assert a.kind == "unrecorded" and not a.hits


@pytest.mark.parametrize("q, same_as", [
    ("Which proposals involve introducing new boilers — high-efficiency, CNG-fired or otherwise?", "Which proposals involve boilers?"),
    ("Any projects with solar power, rooftop or otherwise?", "Any projects with solar power?"),
])
def test_forms_listed_before_or_otherwise_are_examples(fake, q, same_as):
    assert nums(fake.ask(q)) == nums(fake.ask(same_as)) != []


def test_the_words_before_a_kind_of_the_next_are_said_of_both(fake):
    a = fake.ask("Which proposals compost food or other organic waste?")
    assert a.intent.topic == "compost food / compost organic waste" and a.kind == "none" and not a.hits


def test_production_or_any_use_of_a_fields_thing_asks_the_field(fake):
    a = fake.ask("水素の製造や利活用を取り上げている提案はどれでしょうか。")
    assert nums(a) == nums(fake.ask("水素技術が対象分野の事業は？")) == [7, 10, 11, 15]


def test_two_question_words_as_alternatives_leave_the_topic_before_them(fake):
    assert nums(fake.ask("ベトナムの都市と覚書を結んでいる、または結ぶ予定の事業")) == [1, 18]


def test_a_count_and_an_attribute_asked_afresh_keep_the_count(fake):
    a = fake.ask("インドを対象にした案件は何件あって、提案者はどこですか？")
    assert nums(a) == [2] and "1" in a.text.replace("#2", "") and "エックス都市研究所" in a.text


def test_a_difference_asked_briefly_is_still_a_comparison(fake):
    a = fake.ask("富山市の2件の違いを簡単に教えて。対象都市と提案者で。")
    assert nums(a) == [11, 15] and "レンカ区" in a.text and "日本工営" in a.text


def test_new_technologies_keep_their_word(fake):
    assert 10 in nums(fake.ask("Which proposals mention new technologies?"))


@pytest.mark.parametrize("q, want", [
    ("Is there any proposal about wooden, highly insulated and airtight homes?", [13]),
    ("木造の高断熱住宅を扱う提案は？", [13]),
    ("Which proposals use tree trimmings or wood residues as a fuel?", [12]),
    ("剪定枝を燃料にする事業は？", [12]),
])
def test_everyday_words_for_the_texts_things(fake, q, want):
    assert nums(fake.ask(q)) == want


def test_a_sentence_saying_what_the_asker_prepares_holds_the_topic(fake):
    a = fake.ask("I'm preparing a seminar on decarbonising the cement industry. Is there a relevant proposal?")
    assert nums(a) == [4]


@pytest.mark.parametrize("q", ["C40やRace to Zeroといった国際的な気候イニシアティブに触れている提案はどれですか。",
                               "Which proposals mention international climate initiatives such as C40 or Race to Zero?"])
def test_named_examples_of_an_initiative_are_alternatives(fake, q):
    assert nums(fake.ask(q)) == [11, 16]


def test_a_generic_word_with_a_suffix_is_a_word_of_its_own(fake):
    a = fake.ask("C40やRace to Zeroなどの国際的な気候イニシアティブに触れている提案はどれですか。")
    assert a.intent.asked is None and "国際的" in a.intent.content and "際的" not in a.intent.content.replace("国際的", "")


def test_the_one_a_clause_names_is_picked_from_the_last_answer(fake):
    a = last_answer(fake, ["Which proposals are described as phase 2?", "For the Thai one, when was the MOU signed?"])
    assert nums(a) == [17] and "2022" in a.text


def test_a_date_asked_after_and_is_a_second_question(fake):
    a = fake.ask("Dong Nai: who is the Japanese partner city and when do they plan to sign the MoU?")
    assert nums(a) == [1] and "Kobe City" in a.text and "2024" in a.text


@pytest.mark.parametrize("q, want", [
    ("医療廃棄物やグリーンホスピタルなど、医療関係に関わる提案は？", [2, 9]),
    ("Any proposals on medical topics such as medical waste or green hospitals?", [2, 9]),
])
def test_examples_listed_before_a_category_are_alternatives(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


def test_a_visit_being_prepared_is_no_need_of_the_question(fake):
    a = fake.ask("I work for Urasoe City and we're preparing a visit to Palau. Which proposals target Palau?")
    assert nums(a) == [8, 12]


def test_the_one_after_a_narrowed_list_may_be_of_the_list_before(fake):
    a = last_answer(fake, ["Which proposals mention a memorandum of understanding (MOU) with the partner city?",
                           "Which of those are in Vietnam?", "And when was the Thai one signed?"])
    assert nums(a) == [17] and "2022" in a.text


def test_examples_of_the_thing_the_question_names_again_are_dropped(fake):
    a = fake.ask("汚泥の炭化や燃料化、ガス化など、汚泥の処理・有効活用に触れている提案があれば教えてください。")
    assert nums(a) == [3, 6]


@pytest.mark.parametrize("q, says", [("How many countries other than Vietnam?", "7 countries"),
                                     ("ベトナム以外の国はいくつ？", "7種類"),
                                     ("日本工営以外の提案者は何団体ありますか？", "7種類")])
def test_how_many_values_other_than_one_counts_the_values(fake, q, says):
    a = fake.ask(q)
    assert a.kind == "breakdown" and says in a.text


def test_how_many_projects_other_than_a_country_still_counts_projects(fake):
    a = fake.ask("How many projects other than Vietnam?")
    assert a.kind == "count" and a.text.startswith("12 projects")


def test_co2_is_no_company_word(fake):
    a = fake.ask("For my article: do any of these projects try to capture CO2 and turn it into something useful?")
    assert not a.intent.unknown


def test_the_programmes_own_name_is_no_topic(fake):
    a = fake.ask("Which of the FY2024 city-to-city zero-carbon projects involve hydrogen in any form?")
    assert nums(a) == [7, 10, 11, 15]


@pytest.mark.parametrize("first, then", [
    ("Tell me about #10", "同じ提案者で、同じ国を対象にしている提案はほかにありますか？"),
    ("#10の提案者は？", "同じ提案者で同じ国の提案は他にある？"),
    ("Who proposed #10?", "Any other projects by the same proposer in the same country?"),
])
def test_two_keys_said_the_same_are_both_shared(fake, first, then):
    assert nums(last_answer(fake, [first, then])) == [1, 7, 18]


def test_findings_are_not_recorded(fake):
    a = fake.ask("What were the findings of the feasibility study in Hyderabad?")
    assert a.kind == "unrecorded" and nums(a) == [2]


def test_a_field_word_offered_beside_a_topic_and_of_a_noun_is_a_topic_word(fake):
    a = fake.ask("ごみ発電や廃棄物の燃料化を扱う事業は？")
    assert a.kind == "ranked" and not a.intent.filters and {1, 3, 7, 17} <= set(nums(a))
    b = fake.ask("太陽光や廃棄物処理を扱う事業")  # the field itself, offered beside a topic word: one alternative
    assert not b.intent.filters and "廃棄物処理" in b.intent.topic.split(" / ")


def test_the_biggest_of_what_the_list_does_not_record(fake):
    a = fake.ask("Which proposal achieved the biggest emission cuts so far?")
    assert a.kind == "unrecorded" and not a.hits


def test_how_many_values_other_than_one_after_a_list_counts_its_values(fake):
    a = last_answer(fake, ["ごみ発電や廃棄物の燃料化を扱う事業は？", "How many countries other than Indonesia are covered?"])
    assert a.kind == "breakdown" and a.text.startswith("2 countries")


def test_or_other_after_an_answer_asks_no_other_projects(fake):
    a = last_answer(fake, ["Is there any proposal about wooden, highly insulated and airtight homes?",
                           "Any projects on composting food or other organic waste?"])
    assert a.kind == "none" and "other than" not in a.text


@pytest.mark.parametrize("q, want", [("Which proposals by Japan NUS are not in Indonesia?", [3, 8]),
                                     ("日本エヌ・ユー・エスの提案で、インドネシア以外のものは？", [3, 8])])
def test_a_negation_that_leads_into_the_next_name_is_said_of_it(fake, q, want):
    a = fake.ask(q)
    assert nums(a) == want and a.intent.filters.get("proposer")


def test_is_not_one_of_is_still_said_of_the_name_before(fake):
    a = fake.ask("Which of the projects, waste management is not one of their fields?")
    assert nums(a) == [13, 16]


@pytest.mark.parametrize("q, want", [
    ("養殖業に関わる取り組みを撮影したいのですが、該当する案件はありますか。", [3]),
    ("I want to film aquaculture work. Which projects have it?", [3]),
])
def test_what_the_asker_wants_to_do_names_the_topic_a_bare_question_asks(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("q", ["パラオ向けの提案を比べたいのですが、何件ありますか？",
                               "パラオの案件を比較したいんですが、何件ありますか？"])
def test_a_wish_before_a_question_of_its_own_stays_context(fake, q):
    a = fake.ask(q)
    assert a.kind == "count" and nums(a) == [8, 12]


@pytest.mark.parametrize("q", ["Which proposals feature exchanges between mayors or the top leaders of the cities?",
                               "市長が関わる事業は？"])
def test_mayors_are_a_citys_top_leaders(fake, q):
    assert nums(fake.ask(q)) == [13, 16]


@pytest.mark.parametrize("q", ["Tell me about the proposal in Chile. What is it aiming for?",
                               "What is the Chile proposal aiming for?", "チリの事業は何を目指していますか"])
def test_what_a_named_proposal_aims_for_is_its_record(fake, q):
    a = fake.ask(q)
    assert a.kind == "lookup" and nums(a) == [11] and "Race to Zero" in a.text


@pytest.mark.parametrize("turns, want, says", [
    (["Is there a proposal that looks at coke dry quenching equipment?", "Which Indian cities does it cover?"],
     2, "ヴィシャーカパトナム市"),
    (["Which proposal pairs Osaka with a Vietnamese city?",
      "Besides Ho Chi Minh City, which other city's carbon neutrality does it promote?"], 18, "トゥードック市"),
    (["#18", "その事業のほかの対象都市は？"], 18, "トゥードック市"),
    (["インドの事業", "その対象都市は？"], 2, "ヴィシャーカパトナム市"),
])
def test_a_city_beyond_the_one_the_list_gives_is_quoted_from_the_text(fake, turns, want, says):
    a = last_answer(fake, turns)
    assert a.kind == "attribute" and nums(a) == [want] and says in a.text
    assert "besides" not in a.text  # (its one city is still said, not set apart)


def test_another_city_word_after_one_proposal_is_its_own(fake):
    a = last_answer(fake, ["How many proposals have Tokyo as the Japanese side?",
                           "Which other Japanese city is on that one?"])
    assert a.kind == "attribute" and nums(a) == [13] and "さいたま市" in a.text


def test_other_projects_of_that_ones_city_are_still_other_projects(fake):
    a = last_answer(fake, ["#2", "その事業の国内都市が関わっているほかの提案は？"])
    assert nums(a) == [4, 12]


@pytest.mark.parametrize("q, want", [
    ("ハノイ市の事業と同じく水素技術を対象分野に入れている提案は、ほかにどれがありますか。", [7, 11, 15]),
    ("ケソン市の事業と同様に省エネルギーを扱う提案はほかにある？", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 17, 18]),
    ("Like the Hanoi project, are there other projects with hydrogen?", [7, 11, 15]),
])
def test_the_one_held_up_as_the_model_is_set_apart_not_what_follows_it(fake, q, want):
    assert nums(fake.ask(q)) == want


@pytest.mark.parametrize("q", ["ホーチミン市の案件と、国内都市も提案者も同じ組み合わせの提案は他にありますか。",
                               "Which other proposals have the same Japanese city and the same proposer as the Ho Chi Minh City one?"])
def test_keys_said_the_same_of_a_named_proposal_are_each_shared(fake, q):
    assert nums(fake.ask(q)) == [17]


def test_keys_before_the_same_word_are_each_shared_after_one_proposal(fake):
    assert nums(last_answer(fake, ["#18", "国内都市も提案者も同じ提案は他にある？"])) == [17]


def test_a_list_of_two_named_things_is_still_two_questions(fake):
    a = fake.ask("パラオの案件と、インドネシアの案件は何件？")
    assert nums(a) == [4, 8, 9, 12, 14, 15]


@pytest.mark.parametrize("first, then", [
    ("Which organisation submitted the most proposals, and how many?", "Which proposals did the runner-up submit?"),
    ("提案数が一番多い提案者は？", "次点はどこ？"),
])
def test_the_runner_up_is_the_second_rank(fake, first, then):
    a = last_answer(fake, [first, then])
    assert a.kind == "breakdown" and nums(a) == [3, 8, 9, 15]


@pytest.mark.parametrize("q", ["Kitakyushu shows up a few times — how many proposals, and with which partners?",
                               "北九州市が何度も出てきますが、何件あって相手都市はどこですか？"])
def test_how_often_a_name_shows_up_is_no_topic(fake, q):
    assert nums(fake.ask(q)) == [2, 4, 12]


def test_hospital_waste_is_medical_waste_not_a_hospital_and_wastewater(fake):
    assert nums(fake.ask("Which proposals handle medical or hospital waste?")) == [2]


def test_a_place_noun_beside_a_field_is_a_topic_word(fake):
    a = fake.ask("Island grids: which proposal deals with renewables on an isolated or weak power grid?")
    assert nums(a) == [8]
    assert nums(fake.ask("Any projects on the island of Java?")) == [4]


@pytest.mark.parametrize("first, then", [
    ("How many proposals did Nippon Koei submit?", "and how many are by other organisations? list them"),
    ("How many proposals did Nippon Koei submit?", "how many by other proposers?"),
])
def test_how_many_by_other_values_counts_the_others(fake, first, then):
    a = last_answer(fake, [first, then])
    assert a.kind == "count" and nums(a) == [2, 3, 4, 5, 6, 8, 9, 12, 13, 15, 16]


def test_the_words_of_a_longer_alternative_belong_to_a_single_word_after_it(fake):
    assert nums(fake.ask("市長など自治体トップ同士の交流や対話が予定されている事業は？")) == [13, 16]


@pytest.mark.parametrize("turns, want, says", [
    (["マレーシアの事業", "その事業で焦点を当てている住宅のタイプは何ですか"], [13], "木造高断熱高気密住宅"),
    (["Which project mentions Race to Zero?", "what's the SDGs diagnosis tool it mentions called?"], [11], "TSUMUGI@"),
    (["#11", "what is it called?"], [11], "Race to Zero"),
])
def test_what_a_thing_in_the_text_is_called_is_quoted(fake, turns, want, says):
    a = last_answer(fake, turns)
    assert nums(a) == want and says in a.text


def test_the_text_of_an_opportunity_is_no_topic_word(fake):
    assert nums(fake.ask("相手側の訪日の機会に協力覚書を締結する予定の事業はありますか。")) == [1]


@pytest.mark.parametrize("q, want", [("What results did the Yokohama–Bangkok project achieve last year?", [5]),
                                     ("ハノイ市の事業で実際にCO2がどれくらい減ったか、実績はわかりますか？", [10])])
def test_results_of_last_year_are_not_recorded_of_the_one_named(fake, q, want):
    a = fake.ask(q)
    assert a.kind == "unrecorded" and nums(a) == want


def test_last_years_projects_still_name_a_list_not_loaded(fake):
    a = fake.ask("Show me last year's projects")
    assert a.kind == "none" and "FY2023" in a.text


def test_each_proposals_city_and_country_of_two(fake):
    a = fake.ask("愛媛県の2件を比較したいです。相手先の都市・地域と国をそれぞれ教えてください。")
    assert a.kind == "attribute" and "ベトナム" in a.text and "インドネシア" in a.text


def test_hw_is_how(fake):
    a = fake.ask("hw many proposals are there in total?")
    assert a.kind == "count" and a.text.startswith("18 projects")


def test_looked_at_is_no_topic_word(fake):
    a = fake.ask("We're a Fijian town council replacing our diesel rubbish trucks. Has any city in this programme "
                 "looked at electric waste-collection vehicles or boats?")
    assert nums(a) == [6, 12]


def test_what_is_assumed_as_fuel_is_the_fuel(fake):
    a = last_answer(fake, ["#12", "燃料には何を使う想定？"])
    assert nums(a) == [12] and "剪定枝" in a.text


@pytest.mark.parametrize("q", ["Which projects install chillers?", "冷房設備を導入する事業は？"])
def test_a_chiller_is_cooling_equipment(fake, q):
    assert 6 in nums(fake.ask(q))


@pytest.mark.parametrize("first, then", [
    ("日本工営の提案で、ベトナム以外のものは？", "ハノイ市の事業と同じく水素技術を対象分野に入れている提案は、ほかにどれがありますか。"),
    ("Which proposals are in Palau?", "Like the Hanoi project, are there other projects with hydrogen?"),
])
def test_others_than_the_model_held_up_are_not_others_than_the_last_answer(fake, first, then):
    assert nums(last_answer(fake, [first, then])) == [7, 11, 15]


@pytest.mark.parametrize("q, says", [("ベトナムとインドネシアで件数を比べると？", "ベトナム（Vietnam） 6件"),
                                     ("Compare the number of projects in Vietnam and Indonesia", "Vietnam (ベトナム) 6")])
def test_comparing_named_values_of_many_projects_tallies_each(fake, q, says):
    a = fake.ask(q)
    assert a.kind == "breakdown" and says in a.text and nums(a) == [1, 3, 4, 6, 7, 9, 10, 14, 15, 18]


def test_comparing_a_few_named_projects_is_still_side_by_side(fake):
    assert fake.ask("compare the two Palau projects").kind == "compare"


@pytest.mark.parametrize("q, want", [
    ("太陽光パネルを設置する計画が含まれている提案はどれですか", [3, 6, 14]),  # a plan to do it: no topic word
    ("ベトナムで水素を使う計画", [7, 10]),
    ("Which proposals install solar panels?", [3, 6, 14]),
])
def test_a_plan_to_do_it_and_solar_panels(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


def test_a_plan_named_by_a_noun_is_still_a_topic(fake):
    assert "脱炭素計画" in fake.ask("脱炭素計画の策定を支援する案件は？").intent.content


@pytest.mark.parametrize("q, want", [
    ("biogass or methane digesters", [6, 9, 11]),  # a doubled letter: biogas, not biomass
    ("ごみから固形燃料を作る事業", [3]),  # solid fuel from refuse: RPF (#4 makes fuel, not said solid)
    ("estimating how much GHG a project will cut", [10]),
    ("Which proposals look at gas-fired boilers?", [3]),  # CNG boilers
])
def test_topic_words_people_use(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


@pytest.mark.parametrize("q", ["RPF", "Which project studies introducing RPF?"])
def test_rpf_is_still_only_the_rpf_project(fake, q):
    assert nums(fake.ask(q)) == [3]


@pytest.mark.parametrize("turns, want", [
    (["県庁の国際課の者です。国内側が「県」になっている事業はどれですか？", "そのうち愛媛県のものは？",
      "インドネシアの方ではどんな技術の導入を検討していますか？"], [9]),
    (["パラオの案件、何件あるんですか？", "コロール州のほうは、日本だとどこの自治体と組んでるの？"], [12]),
    (["Which proposals are in Thailand?", "Which Japanese cities are behind them?",
      "Does the Osaka one already have a signed MOU?"], [17]),
])
def test_the_one_a_name_picks_from_the_last_list(fake, turns, want):
    a = last_answer(fake, turns)
    assert nums(a)[:1] == want and a.kind != "count"


def test_which_are_in_a_place_after_a_list_narrows_it(fake):
    a = last_answer(fake, ["How many proposals list digital technology as a target field?", "Which are in Vietnam?"])
    assert nums(a) == [1, 10, 18]
    assert nums(last_answer(fake, ["Which proposals involve hydrogen?", "Any in Vietnam?"])) == [7, 10]
    assert nums(fake.ask("Which are in Vietnam?")) == [1, 3, 6, 7, 10, 18]


@pytest.mark.parametrize("then", ["Are there other projects with the same city and proposer?",
                                  "Is there a similar project elsewhere, with the same city and proposer?"])
def test_the_same_city_and_proposer_shares_both(fake, then):
    a = last_answer(fake, ["Tell me about #17", then])
    assert nums(a) == [18] and "Osaka" in a.text


def test_across_all_18_is_no_topic_word(fake):
    a = last_answer(fake, ["Which projects target industrial parks?",
                           "Across all 18, which mention energy management systems (EMS)?"])
    assert sorted(nums(a)) == [3, 14, 16]


@pytest.mark.parametrize("q, want", [
    ("空調機やチラーなど、冷房・冷却系の省エネ設備を導入しようとしている案件を知りたい", [6, 18]),  # examples, then
    # a comma: each example is an alternative
    ("住民向けの環境意識の啓発活動を含む提案", [2]),
    ("Which proposals raise environmental awareness among residents?", [2]),
    ("大学が参画している案件", [9]),
    ("ベトナムでごみ発電のビジネスチャンスがありそうな案件は？", [1, 7]),
    ("Which proposals for Indonesian regions involve forming JCM projects?", [9, 14]),
])
def test_topics_in_everyday_words(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


def test_split_by_proposer_after_a_list_splits_that_list(fake):
    a = last_answer(fake, ["大阪市が関わる提案は何件？", "提案者ごとに分けて見せて。"])
    assert a.kind == "breakdown" and nums(a) == [16, 17, 18]


def test_a_field_named_with_support_is_the_field(fake):
    a = last_answer(fake, ["List proposals that do not include energy saving as a target field.",
                           "And the ones without institutional capacity building support?"])
    assert nums(a) == [16]


def test_examples_before_a_comma_of_another_category_are_alternatives(fake):
    a = fake.ask("バイオマスやバイオガス、メタン発酵など、生物由来のエネルギーに触れている提案を知りたいです。")
    assert {9, 11} <= set(nums(a))


def test_something_like_this_one_is_similar_not_the_same_city(fake):
    a = last_answer(fake, ["マレーシアの事業の概要を教えて", "国内側はどこの自治体？", "これに似た事業は他にある？"])
    assert a.kind == "similar" and 13 not in nums(a)


@pytest.mark.parametrize("turns, want", [
    (["インドの案件はありますか？", "概要は？"], "lookup"),  # Japanese drops "its": the record of the one shown
    (["インドの案件はありますか？", "具体的な活動内容は？"], "ranked"),  # what it says of its activities, among it
])
def test_a_bare_record_question_after_one_proposal_is_about_it(fake, turns, want):
    a = last_answer(fake, turns)
    assert a.kind == want and nums(a) == [2]


def test_the_same_city_after_a_record_question_is_that_proposals_city(fake):
    a = last_answer(fake, ["インドの案件はありますか？どこの都市と組んでいますか？", "具体的な活動内容は？",
                           "同じ国内都市の他の事業は？"])
    assert nums(a) == [4, 12]


@pytest.mark.parametrize("q, says", [("大阪市と北九州市、どちらが多く事業に関わっている？", "3件"),
                                     ("Between Osaka and Kitakyushu, which city has more projects?", "3 projects")])
def test_which_of_two_named_cities_has_more_compares_them(fake, q, says):
    a = fake.ask(q)
    assert a.kind == "breakdown" and says in a.text


@pytest.mark.parametrize("then, says", [("Where is it?", "Bali"), ("それはどこ？", "バリ州")])
def test_where_is_it_is_the_partner_place_and_country(fake, then, says):
    a = last_answer(fake, ["Which proposals mention fuel cells?", then])
    assert nums(a) == [15] and says in a.text


@pytest.mark.parametrize("q, says", [
    ("Is #5 a Nippon Koei proposal?", "It is by Overseas Environmental Cooperation Center (OECC)."),
    ("#5は日本工営の提案ですか？", "(一社)海外環境協力センター（OECC）"),
    ("Is #3 in Indonesia?", "It is in Vietnam."),
])
def test_a_no_from_the_record_says_what_it_records(fake, q, says):
    a = fake.ask(q)
    assert a.text.split("\n")[0].count("..") == 0 and says in a.text


@pytest.mark.parametrize("first, then", [
    ("Which projects target Vietnam but do not include digital technology as a field?", "And the ones that do?"),
    ("ベトナムの案件でデジタル技術が入っていないのは？", "逆に入っているのは？"),
])
def test_the_ones_that_do_after_a_negation_are_the_rest_of_its_place(fake, first, then):
    assert nums(last_answer(fake, [first, then])) == [1, 10, 18]


@pytest.mark.parametrize("q, want", [
    ("As a Malaysian officer, palm oil mill waste is a big issue for us. Does any proposal deal with palm oil "
     "industry residues?", [14]),  # who asks is no condition
    ("As a transport planner in a Southeast Asian city I'm interested in electric buses - which proposals include "
     "them?", [12]),
    ("As a Thai city planner, which projects are in my country?", [5, 17]),  # unless the question is of the asker
])
def test_who_asks_is_no_condition_unless_asked_of(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


def test_research_institutes(fake):
    assert sorted(nums(fake.ask("Which projects bring in universities or academic research institutes as "
                                "partners?"))) == [9, 13]


def test_a_term_in_single_quotes_is_the_topic(fake):
    a = fake.ask("Which projects aim to spread results to neighbouring municipalities - the 'decarbonisation domino' "
                 "idea?")
    assert sorted(nums(a)) == [11, 14, 18]
    assert fake.ask("Which projects don't mention JCM?").intent.negated  # (an apostrophe opens no quote)


@pytest.mark.parametrize("q, want", [("住宅の断熱性能を高める取組を扱う案件", [13]),
                                     ("Which proposals list something under 'Others' in their target fields?",
                                      [1, 5, 6, 11])])
def test_insulation_performance_and_others_in_quotes(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


def test_the_closest_one_to_this_is_the_most_similar(fake):
    a = last_answer(fake, ["風力発電を扱う提案はありますか？", "この事業に一番近い内容の事業は？"])
    assert a.kind == "similar" and 8 not in nums(a)


def test_fine_then_is_no_topic(fake):
    a = last_answer(fake, ["Who are the contact persons?", "Fine, then just list the projects with Toyama."])
    assert sorted(nums(a)) == [11, 15]


def test_a_quoted_alternative_stays_one_of_the_alternatives(fake):
    a = fake.ask("Which proposals talk about a circular economy or 'circular society'?")
    assert {3, 17} < set(nums(a))


@pytest.mark.parametrize("first, then, says", [
    ("Which projects are in Thailand?", "Is #5 a Nippon Koei proposal?", "No: #5 is not by Nippon Koei"),
    ("タイの案件は？", "5番は日本工営の提案ですか？", "いいえ、#5は該当しません"),
])
def test_a_yes_no_question_about_a_number_is_whole_after_a_list(fake, first, then, says):
    a = last_answer(fake, [first, then])
    assert a.kind == "check" and says in a.text and "OECC" in a.text


@pytest.mark.parametrize("q, want", [("首長同士の交流を含む事業は？", [13]),
                                     ("首長同士のトップ交流や市長級の政策対話を行う案件を教えてください。", [13, 16])])
def test_each_other_is_no_topic_word(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


# ---- from the 123rd blind sets (fitted after their first run)

@pytest.mark.parametrize("q, want", [
    # a target field offered as one alternative of the topic: the field's proposals, or the others' mentions
    ("Which proposals cover transport infrastructure, buses or electric vehicles?", {5, 11, 12, 14, 15, 17}),
    ("水素や燃料電池を扱う事業は？", {7, 10, 11, 15}),
])
def test_a_field_offered_among_alternatives_is_one_of_them(fake, q, want):
    a = fake.ask(q)
    assert not a.intent.filters.get("fields") and want <= set(nums(a))


def test_a_field_beside_a_question_of_its_own_still_narrows(fake):
    a = fake.ask("For renewable energy, which projects use solar or wind?")  # "which" is no alternative
    assert a.intent.filters == {"fields": ("再生可能エネルギー",)}


@pytest.mark.parametrize("q, want", [
    ("剪定枝などの木質系の資源を燃料にして熱利用する取り組みはありますか", [12]),  # woody resources: pruned branches
    ("Any project using woody biomass for heat?", [12]),
    ("building sector emissions – low-carbon buildings, building codes", [13, 16]),  # a heading, a dash, a list
    ("electric garbage trucks or electric boats for collecting rubbish", [6, 12]),  # the purpose is the boats'
    ("hospital / medical waste treatment", [2]),  # hospital waste treatment, not any hospital
    ("照明のLED化を進めている事業はどれ？", [14, 18]),  # 化 alone on LED is no word
    ("ごみ収集車や収集船の電動化（EV化）が出てくる事業はありますか", [6, 12]),  # (EV化) glosses the change
    ("boilers - high-efficiency or fuel switching", [3, 6, 18]),  # no list after the dash: kinds of boilers
    ("Which proposals led by a Kyushu local government involve digital technology or DX?", [2, 10, 12]),
])
def test_topics_from_the_123rd_blind_set(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


@pytest.mark.parametrize("turns, want", [
    # a reason after the question (「…したくて」) is no topic the next question keeps
    (["水素をテーマにした事業ってありますか？ニュースで特集したくて", "富山市のものはどれ？", "それ以外は？"], [7, 10]),
    (["パラオの案件はいくつありますか？", "浦添市のほうの提案者は？", "もう一つの方は何をする事業？"], [12]),
    (["Which projects are in Palau?", "Who proposed the Urasoe one?", "And what does the other do?"], [12]),
    # 「それぞれ」: each topic on its own, then one of them narrowed
    (["EVを導入する事業と、浄化槽を扱う事業をそれぞれ教えてください"], [6, 9, 12, 15]),
    (["EVを導入する事業と、浄化槽を扱う事業をそれぞれ教えてください", "浄化槽の方で、インドネシアのものは？"], [9]),
    (["ホーチミン市の事業の国内都市と提案者は？", "同じ大阪市と日本工営の組み合わせの事業はほかにある？"], [17]),
    (["Does the list include anything with Penang or Johor Bahru?",
      "OK, then which projects are in neighbouring Indonesia?"], [4, 9, 14, 15]),
    (["Who proposed the Vietnam projects that Nippon Koei did not propose?"], [3, 6]),
    (["How many proposals did Nippon Koei submit?", "And the Vietnam projects that Nippon Koei did not propose?"],
     [3, 6]),
    (["Which projects involve Ehime Prefecture, and are any of them in Vietnam?"], [3, 9]),
    (["Which projects involve Ehime Prefecture, and are any of them in Vietnam?", "What is the Vietnamese one about?"],
     [3]),
    (["How many projects are in Palau?", "Which Japanese cities are involved?"], [8, 12]),
    (["パラオの案件は？", "関わっている国内都市は？"], [8, 12]),
])
def test_chat_from_the_123rd_blind_set(fake, turns, want):
    assert sorted(nums(last_answer(fake, turns))) == want


def test_a_negation_after_a_name_in_a_clause_of_its_own(fake):
    a = fake.ask("Which projects in Vietnam do not mention solar?")  # said of the projects, not of Vietnam
    assert a.intent.filters == {"country": ("ベトナム",)}


def test_what_the_projects_achieved_is_not_recorded(fake):
    assert fake.ask("What emission reductions have these projects achieved so far?").kind == "unrecorded"
    assert fake.ask("Which projects use survey results from previous years?").kind != "unrecorded"


# ---- from the 125th blind sets (fitted after their first run)

@pytest.mark.parametrize("q, topic", [
    ("Which projects use solar, wind or biomass?", "solar / wind / biomass"),  # a serial list: each an alternative
    ("For a report, which projects use solar or wind?", "solar / wind"),  # (a clause before the list is none)
    ("Which proposals deal with sludge (treatment, fuel or carbonization)?",
     "sludge / sludge treatment / sludge fuel / sludge carbonization"),  # a bracket of kinds of the word before
    ("Are any proposals about electric waste collection vehicles (garbage trucks or boats)?",
     "electric waste collection vehicles / garbage trucks / boats"),  # plurals: things of their own
    ("MRV (measurement, reporting and verification) of emissions", None),  # an acronym spelt out: no list
    ("汚泥の有効利用（燃料化やガス化、炭化など）を扱っている事業はどれですか", "汚泥 / 汚泥 燃料化 / 汚泥 ガス化 / 汚泥 炭化"),
    ("工場やビルにエネルギーマネジメントシステム（EMS）を入れる提案はありますか", "エネルギーマネジメントシステム / ems"),  # where
])
def test_lists_of_alternatives(fake, q, topic):
    a = fake.ask(q)
    if topic is None:
        assert "measurement" not in a.intent.topic.split(" / ")
    else:
        assert a.intent.topic == topic


@pytest.mark.parametrize("q, want", [
    ("Which proposals deal with sludge (treatment, fuel or carbonization)?", [3, 6]),
    ("We're a boiler manufacturer. Which proposals plan to introduce boilers (high-efficiency, CNG, etc.)?", [3, 6, 18]),
    ("Are any proposals about electric waste collection vehicles (garbage trucks or boats)?", [6, 12]),
    ("Are any projects using biomass (wood, prunings, plant residues) as an energy source?", [7, 12]),
    ("工場やビルにエネルギーマネジメントシステム（EMS）を入れる提案はありますか", [3, 14, 16]),
    ("病院や医療廃棄物に関する取組を含む提案はありますか", [2, 9]),  # に関する: what the topic is, not where
    ("any projects with septik tanks in indonesia?", [9]),  # a misspelt glossary word
    ("相手国の政府に対して政策提言を行う提案はどれですか", [3, 9, 15]),  # to the partner government: every one's
    ("Is a city in Kyushu helping heavy industry such as cement kilns or coke plants cut emissions?", [2, 4]),
    ("I'm mapping Japan's climate finance: which proposals mention money for equipment — subsidies, leasing "
     "schemes, or securing funding?", [12, 18]),  # leasing is no verb; the dash ends the clause before the list
])
def test_topics_from_the_125th_blind_set(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


def test_a_plain_word_is_no_misspelt_glossary_word(fake):
    a = fake.ask("Which proposals use the Joint Crediting Mechanism (JCM)? I want to know how common it is.")
    assert 15 not in nums(a)  # "common" is no "component"


@pytest.mark.parametrize("turns, want", [
    (["Which projects include hydrogen technology as a target field?", "Which of those are not in Vietnam?",
      "Where exactly are they?"], [11, 15]),
    (["覚書（MOU）に触れている事業はどれ？", "そのうち覚書がすでに結ばれているのは？"], [17, 18]),
    (["Show me all proposals by Nippon Koei.", "How many is that?",
      "Which proposer has the second most, and which are theirs?"], [3, 8, 9, 15]),
])
def test_chat_from_the_125th_blind_set(fake, turns, want):
    assert sorted(nums(last_answer(fake, turns))) == want


# ---- from the 127th blind sets (fitted after their first run)

@pytest.mark.parametrize("q, want", [
    ("水素関連の技術（水素の製造・燃焼・燃料電池など）を扱っている案件を全部教えてください", [7, 10, 11, 15]),  # the field's examples
    ("Which proposals cover sewage treatment plants (making centralised sewerage treatment more efficient, not "
     "septic tanks)?", [1]),  # "not septic tanks" is no topic word; a long last alternative lends no head
    ("建築物の省エネ基準や建築規制づくりのノウハウを共有している案件", [13]),  # building codes: 建築物制度
    ("工場や工業団地、建物向けのエネルギーマネジメントシステム（EMS）を入れる提案", [3, 14, 16]),  # 向けの: where
    ("Which proposals reduce methane from rice paddies (e.g., alternate wetting and drying)?", []),  # "e.g.," alone
])
def test_topics_from_the_127th_blind_set(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


@pytest.mark.parametrize("turns, want", [
    (["再生可能エネルギーが対象分野に入っていない事業はどれ？", "じゃあ省エネルギーが入っていないのは？", "その2つの国はそれぞれどこ？"], [4, 15]),
    (["日本側が市じゃなくて「県」になっている事業はいくつある？", "その中でベトナム以外は？"], [9]),
    (["What is project 8 about?", "Who proposed it?", "Does the same company have projects in Indonesia?"], [9, 15]),
    (["#8について", "同じ会社のインドネシアの事業は？"], [9, 15]),
    (["Projects in Vietnam, please.", "Which of them were proposed by Nippon Koei?", "Which ones were not?"], [3, 6]),
])
def test_chat_from_the_127th_blind_set(fake, turns, want):
    assert sorted(nums(last_answer(fake, turns))) == want


def test_how_long_projects_run_is_not_recorded(fake):
    a = fake.ask("What is the budget for each project and how many years do they run?")
    assert a.kind == "unrecorded" and not a.hits
    assert fake.ask("How many fiscal years are covered?").kind == "breakdown"


# ---- from the 129th blind sets (fitted after their first run)

@pytest.mark.parametrize("q, want", [
    ("Looking for proposals that focus on the building sector - low-carbon buildings, building regulations etc.",
     [13, 16]),  # a dash before a short comma list gives examples, as "e.g." does
    ("Any project using waste from plam oil mills?", [14]),  # two letters the wrong way round
    ("decarbonising cemnet factories", [4]),
    ("人権に配慮する観点が入ってる案件", [14]),  # 観点: framing
    ("Our town is upgrading its sewage treatment plant. Does any proposal work on making sewage treatment more "
     "efficient?", [1]),  # sewage is 下水, not any wastewater (the johkasou of #6 and #9)
    ("Which projects mention wastewater treatment?", [1, 6, 9]),
])
def test_topics_from_the_129th_blind_set(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


@pytest.mark.parametrize("turns, want", [
    # the rest after a narrowing is the list it started from, without what the narrowing named
    (["日本エヌ・ユー・エスの提案は何件ですか？", "インドネシア向けはどれ？", "それ以外は？"], [3, 8]),
    (["インドネシアの案件は？", "日本工営のはどれ？", "それ以外は？"], [4, 9, 15]),
    # "other than the Philippines" sets a name apart; it asks for no other projects
    (["Which countries are covered at all?",
      "Which proposals are in Southeast Asian countries other than the Philippines?"],
     [1, 3, 4, 5, 6, 7, 9, 10, 13, 14, 15, 17, 18]),
    (["Which company submitted the most proposals?", "How many of them are in Vietnam?", "Any of theirs outside Asia?"],
     [11]),
    # "both hydrogen and transport infrastructure": both of two things named, not the last two answers
    (["Which proposals don't include energy saving as a target field?", "And which don't include renewable energy?",
      "Which list both hydrogen and transport infrastructure?"], [11, 15]),
    (["How many projects have digital technology field?", "and which have both hydrogen and digital?"], [10, 11]),
])
def test_chat_from_the_129th_blind_set(fake, turns, want):
    assert sorted(nums(last_answer(fake, turns))) == want


def test_the_other_one_of_the_same_value_after_one_proposal(fake):
    # 「もう1件」 asks for a project, as 「他の事業」 does (found asking the web chat at the end)
    assert nums(last_answer(fake, ["9番の事業の対象分野は？", "同じ県のもう1件は？"])) == [3]
    assert nums(last_answer(fake, ["What are the target fields of #9?", "And the other project of the same prefecture?"])) == [3]


@pytest.mark.parametrize("q, first, says", [
    ("Which project has the most target fields, and which Japanese city runs it?", [11], "Toyama City"),
    ("対象分野が最も多い事業はどれで、その国内都市は？", [11], "富山市"),
    ("Which proposals involve hydrogen, and whose are they?", [7, 10, 11, 15], "Proposer of #15"),
])
def test_a_second_question_that_points_back_by_a_pronoun_is_asked_of_the_first(fake, q, first, says):
    """", and which … it?" starts a second question about the first one's answer; without a pronoun pointing back
    ("…, and which Indonesian city is the partner?") the sentence stays one question."""
    from assistant.understand import split_questions

    a = fake.ask(q)
    assert nums(a)[:len(first)] == first and says in a.text
    assert split_questions("Which projects are in Indonesia, and which Indonesian city is the partner?",
                           fake.knowledge) == ["Which projects are in Indonesia, and which Indonesian city is the partner?"]



@pytest.mark.parametrize("turns, want, says", [
    (["Which projects are in the same country as #8?"], [12], "other than #8"),
    (["#8と同じ国の案件は？"], [12], "#8以外"),
    (["Which projects have the same proposer as #8?"], [3, 9, 15], "Japan NUS"),
    (["じゃあ風力は？", "その案件と同じ国の案件は？"], [12], "パラオ"),
    (["What is project 8 about?", "Projects in the same country as that one?"], [12], "Palau"),
])
def test_projects_the_same_as_a_named_one_are_the_others(fake, turns, want, says):
    """Projects asked for with "the same … as #8" / 「#8と同じ国の案件」 are the others sharing its value: the
    anchor shares its own, and is not one of the answers."""
    a = last_answer(fake, turns)
    assert sorted(nums(a)) == want and says in a.text


@pytest.mark.parametrize("turns, want, says", [
    (["カンボジアとの連携事業はありますか？", "じゃあ東南アジアの国で一番案件が多いのはどこ？"], [1, 3, 6, 7, 10, 18], "ベトナム"),
    (["We are struggling with medical waste in our city. Is there any proposal dealing with that?"], [2], "medical waste"),
    (["Which projects don't list institution-building support as a target field?"], [16], "not in the field"),
])
def test_a_country_asked_within_a_region_a_problem_and_a_hyphenated_field(fake, turns, want, says):
    """「東南アジアの国で一番…」 ranks the region's countries; "we are struggling with X" asks about X; a field's
    name may be hyphenated ("institution-building support")."""
    a = last_answer(fake, turns)
    assert sorted(nums(a)) == want and says in a.text


@pytest.mark.parametrize("q, want", [
    ("Malaysia has many industrial estates. Which proposals target industrial parks or estates specifically?",
     [1, 3, 6, 7, 14, 16]),
    ("energy audits / energy-saving diagnosis of factories", [17]),
])
def test_a_statement_about_a_place_is_context_and_audits_are_diagnosis(fake, q, want):
    """A statement about a place (not about the asker) before a question with a topic of its own is context: its
    place does not narrow the question; "energy-saving diagnosis" is the text's 省エネ診断 (#17), not any factory
    energy saving (#4)."""
    assert sorted(nums(fake.ask(q))) == want


@pytest.mark.parametrize("q, want", [
    ("Which projects involve capacity-building?", "Institutional capacity building"),
    ("Which projects involve capacity building?", "Institutional capacity building"),
    ("waste-management projects in Palau", "Waste management"),
])
def test_an_english_name_may_join_its_words_by_hyphens_or_spaces(fake, q, want):
    """A field's English name matches with its words joined either way: the alias list need not spell both."""
    from assistant.knowledge import _spellings

    assert want in fake.ask(q).text
    assert "south east asia" in _spellings("south-east asia")
    assert _spellings("institution building") == ("institution building", "institution-building")
    assert _spellings("省エネ") == ("省エネ",)


def test_a_follow_up_names_an_earlier_acronym_in_capitals(fake):
    """The topic of 「その中で既に締結済みなのは？」 was typed in the question before it: its acronym stays MOU."""
    a = last_answer(fake, ["覚書（MOU）に触れている事業は？", "その中で既に締結済みなのは？"])
    assert "MOU" in a.text.split("\n")[0] and "mou" not in a.text.split("\n")[0]


@pytest.mark.parametrize("turns, want", [
    (["ベトナムの案件は？", "タイも含めると？"], [1, 3, 5, 6, 7, 10, 17, 18]),
    (["Projects in Vietnam?", "Including Thailand?"], [1, 3, 5, 6, 7, 10, 17, 18]),
    (["国内側が市ではなく県になっている案件は？", "東京都も含めると？"], [3, 6, 9, 10, 13]),
    (["北九州市も含めて、福岡県内の自治体が関わっている案件を全部挙げてください。"], [2, 4, 10, 12]),
    (["Projects with Japanese cities in Kyushu, including Kitakyushu?"], [2, 4, 10, 12]),
    (["Which projects are in the same country as #8?", "Including Thailand?"], [5, 12, 17]),
    (["8番と同じ国の案件は？", "タイも含めると？"], [5, 12, 17]),
])
def test_including_a_value_widens_the_list(fake, turns, want):
    """"Including Thailand?" / 「タイも含めると？」 adds the named value to the previous question's (Vietnam or
    Thailand); a value said to be included in a region named too is one of its values, no further condition."""
    assert sorted(nums(last_answer(fake, turns))) == want


def test_including_a_value_counts_when_asked_how_many(fake):
    a = last_answer(fake, ["Projects in Vietnam?", "How many including Thailand?"])
    assert a.kind == "count" and "8" in a.text.split("\n")[0]


@pytest.mark.parametrize("q, want", [
    ("メキシコやブラジルなど中南米の案件はありますか？", [11]),
    ("Any projects in Latin America, such as Mexico or Brazil?", [11]),
])
def test_countries_in_no_proposal_given_as_examples_of_a_region(fake, q, want):
    """Mexico and Brazil are in no proposal; given as examples of Latin America, the region is asked (Chile, #11)."""
    assert sorted(nums(fake.ask(q))) == want
    assert fake.ask("Any projects in Mexico or Brazil?").kind == "none"


@pytest.mark.parametrize("turns, want, says", [
    (["Is Kitakyushu involved in any project in Palau, and if so, who is the proposer?"], [12], "ATGREEN"),
    (["Our council is interested in septic tanks and sludge treatment. Any proposals about that?"], [6, 9], "septic"),
    (["Is there any proposal with a city in Sri Lanka?", "What about South Asia generally?"], [2], "India"),
    (["Which projects deal with waste management?", "That's almost all of them. Which ones don't?"], [13, 16], "#13"),
    (["As a provincial environment officer in the Philippines, I want to see which proposals treat the building "
      "sector as a target for emission cuts."], [13, 16], "building"),
    (["セメント産業の脱炭素化に関する案件はありますか？", "対象になっている州はどこですか？"], [4], "西ジャワ州"),
])
def test_words_that_frame_a_question_are_no_topic(fake, turns, want, says):
    """"and if so", "our council", "generally", "that's almost all of them", "treat … as a target for emission
    cuts" frame what is asked; 「対象になっている州はどこ」 asks the partner region."""
    a = last_answer(fake, turns)
    assert sorted(nums(a)) == want and says in a.text


@pytest.mark.parametrize("turns, want", [
    (["Which projects do not include renewable energy?", "What about energy efficiency - which ones don't have that?"],
     [15]),
    (["Projects in Vietnam that do not use it?"], [1, 3, 6, 7, 10, 18]),
    (["Are other Malaysian cities like Penang or Johor Bahru in the list?"], []),
    (["風力発電を扱う案権ある？"], [8]),
    (["emissions reduction across the whole supply chain"], [4]),
])
def test_a_negation_pointing_back_places_given_as_examples_and_typos(fake, turns, want):
    """"X - which ones don't have that?" negates X (not "projects in Vietnam that do not use it": no clause break);
    places in no proposal given after "like" are asked about, not read as "similar to" the country's one; 案権 is
    a typo of 案件; "across the whole" frames a topic."""
    assert sorted(nums(last_answer(fake, turns))) == want


@pytest.mark.parametrize("q", [
    "工場やビルにEMSを入れる事業は？",
    "工場・建物・工業団地向けのエネルギーマネジメントシステム（EMS）を入れる提案はどれ？",
])
def test_where_a_thing_is_put_is_no_part_of_the_topic(fake, q):
    """A list of where (や, 、 or ・) right before に / 向けの … を: the topic is what is put there (EMS: #3, #14, #16),
    with no alternatives of its own too."""
    assert sorted(nums(fake.ask(q))) == [3, 14, 16]


@pytest.mark.parametrize("turns, want", [
    (["Which proposals list only two target fields?", "And which have exactly four?"], [3, 8, 13]),
    (["Which proposals list only two target fields?", "And which have exactly four?", "Which have three?"], [4]),
    (["対象分野が2つだけの事業は？", "4つのものは？"], [3, 8, 13]),
])
def test_another_number_of_values_after_a_count_of_them(fake, turns, want):
    """"And which have exactly four?" after "only two target fields": the same count of the same key, another number."""
    assert sorted(nums(last_answer(fake, turns))) == want


@pytest.mark.parametrize("turns, kind, says", [
    (["セメント産業の脱炭素化に関する事業はありますか", "対象都市はどこですか", "再生可能エネルギーは対象分野に入っていますか？"],
     "check", "#4"),
    (["各事業の成果やCO2削減量の実績はわかりますか？"], "unrecorded", "記載がありません"),
    (["aquaculture - fish or shrimp ponds - anything on that?"], "ranked", "#3"),
])
def test_a_yes_or_no_of_the_one_shown_results_asked_and_a_dash_aside(fake, turns, kind, says):
    """Japanese drops "it": a yes-or-no about a field after one proposal asks of it; 「各事業の成果や…の実績」 asks what
    the projects achieved (not recorded); a short list between two spaced dashes is an aside, as in brackets."""
    a = last_answer(fake, turns)
    assert a.kind == kind and says in a.text


@pytest.mark.parametrize("q, want", [
    ("8番と提案者が同じ事業はどれ？", [3, 9, 15]),
    ("ではカンボジアに近いタイやベトナムの案件は合わせて何件？", [1, 3, 5, 6, 7, 10, 17, 18]),
    ("Projects in Thailand or Vietnam, near Cambodia?", [1, 3, 5, 6, 7, 10, 17, 18]),
    ("ごみを燃やして電気をつくる、いわゆるごみ発電を検討している案件は？", [1, 7, 17]),
])
def test_same_key_as_a_number_a_place_beside_and_a_so_called_term(fake, q, want):
    """「8番と提案者が同じ」: the number, と, the key said the same; a place in no proposal that only says where the
    named ones are ("near Cambodia") is no condition; 「…、いわゆるごみ発電」: the term after いわゆる is the topic."""
    assert sorted(nums(fake.ask(q))) == want
    assert fake.ask("Any projects in Cambodia?").kind == "none"


@pytest.mark.parametrize("turns, want", [
    (["交通インフラを対象分野に含む事業はどれですか？", "そのうち東南アジア以外の国のものは？"], [11, 12]),
    (["Which projects list transport infrastructure?", "Which of those are in countries outside Southeast Asia?"],
     [11, 12]),
    (["What is project 17 about?", "Who proposed it?", "Did they propose anything else in Vietnam?"], [1, 7, 10, 18]),
    (["17番の提案者は？", "その会社はベトナムでほかに何か提案していますか？"], [1, 7, 10, 18]),
    (["What is project 17 about?", "Who proposed it?", "Did they propose anything else in Thailand?"], []),
])
def test_a_region_set_apart_narrows_and_a_value_said_again_keeps_its_place(fake, turns, want):
    """「そのうち東南アジア以外の国のものは？」 narrows the list (it had asked the countries of all six); "Did they
    propose anything else in Thailand?" after a proposer: that proposer's others, in Thailand (none; it had
    answered the proposer of Thailand's other project)."""
    assert sorted(nums(last_answer(fake, turns))) == want


@pytest.mark.parametrize("q, want", [
    ("Which one is about collecting and destroying fluorocarbons?", [5]),
    ("フロンの破壊を扱う事業は？", [5]),
    ("medial waste treatment", [2]),
    ("卒論で廃棄物発電を扱いたいのですが、関連する事業はありますか？", [1, 7, 17]),
    ("I work at a regional bank in Fukuoka. Are any Kyushu municipalities backing hydrogen projects abroad?", [10]),
    ("Which proposals are about building a smart city?", [1, 7, 9, 13, 17, 18]),
])
def test_a_left_out_letter_destruction_and_framing_words(fake, q, want):
    """"medial" is "medical" with a letter left out (a word of the texts, so "resilience" is no "resident");
    destroying is destruction (破壊); a thesis (卒論), "backing" and "building a" frame the topic."""
    assert sorted(nums(fake.ask(q))) == want
    lex = fake.index.lexical
    assert lex.near_token("medial", 85.0, fake.vocabulary) == "medic"
    assert lex.near_token("resili", 85.0, fake.vocabulary) is None


@pytest.mark.parametrize("turns", [
    ["昨年度の事業の成果はどうなりましたか？CO2はどれだけ削減できましたか？"],
    ["What were the results of #4?", "How much CO2 did it cut?"],
])
def test_the_same_unrecorded_thing_asked_again_is_not_recorded_either(fake, turns):
    """Right after the results the list does not record, how much CO2 was cut is one of them (said once); on its
    own, 「CO2はどれだけ削減できましたか？」 is a topic a summary names."""
    a = last_answer(fake, turns)
    assert a.kind == "unrecorded" and a.text.count(a.text.split("。")[0].split(".")[0]) == 1
    assert nums(a) == ([4] if len(turns) == 2 else [])


@pytest.mark.parametrize("turns, want", [
    (["番号11と15はどちらも富山市の事業ですが、それぞれ何をするものですか？"], [11, 15]),
    (["Show #11 and #15", "What does each of them do?"], [11, 15]),
    (["Vietnam projects?", "それぞれ何をするものですか？"], [1, 3, 6, 7, 10, 18]),
])
def test_what_each_of_several_does_shows_each_record(fake, turns, want):
    """「番号11と15」 names two (the marker serves both); "what does each of them do?" after several shows each
    record (it had answered no proposal)."""
    a = last_answer(fake, turns)
    assert a.kind == "lookup" and nums(a) == want


@pytest.mark.parametrize("turns, kind", [
    (["Similar to #15?", "Is there a Japanese city not in the list, like Nagoya, involved anywhere?"], "none"),
    (["Hydrogen projects?", "Did any of these projects actually meet their emission reduction targets?"], "unrecorded"),
    (["Did any of the projects actually meet their emission reduction targets?"], "unrecorded"),
    (["削減目標を設定している事業は？"], "ranked"),
])
def test_a_place_in_no_proposal_after_a_list_and_what_was_actually_met(fake, turns, kind):
    """Nagoya after a list is asked of all (no proposal), not the Japanese cities of the list; "actually meet their
    targets" asks results (not recorded); 「削減目標を設定」: the reduction target is the topic (#12's
    排出削減目標), setting it the question's framing."""
    a = last_answer(fake, turns)
    assert a.kind == kind
    assert nums(a) == ([12] if kind == "ranked" else [])


@pytest.mark.parametrize("turns, want", [
    (["Vietnam projects?", "そのうち日本の県が国内側のものは？"], [3, 6, 10]),
    (["Which projects have a prefecture as the Japanese partner?"], [3, 6, 9, 10]),
    (["Energy efficiency: which projects don't include it?"], [15]),
    (["Which proposals list more than five target fields?", "And more than six?"], [1, 11, 17]),
    (["対象分野が5つ以上の事業は？", "3つだけのものは？"], [4]),
])
def test_a_prefecture_as_the_japanese_side_the_rest_and_another_comparison(fake, turns, want):
    """「日本の県が国内側」 is the prefectures' region (geography.json); "which projects don't include it?" after a
    field is the rest (it had listed the field's own); "And more than six?" after a count of fields: the same
    key, the comparison and the number said anew."""
    assert sorted(nums(last_answer(fake, turns))) == want


@pytest.mark.parametrize("turns, want", [
    (["How many proposals include hydrogen technology as a target field?", "Which of those are outside Vietnam?",
      "Who proposed the Chile one?", "And what does the Bali one plan to do?"], [15]),
    (["Which proposals involve Osaka but are not in Vietnam?", "And the Osaka one in Vietnam?"], [18]),
    (["Which proposals are most similar to project 12?", "Which other proposals is Kitakyushu involved in besides 12?"],
     [2, 4]),
    (["Which projects besides 12 involve Palau?"], [8]),
    (["Which proposals list fields other than 5 fields?"], [2, 6, 14, 15]),
    (["国内都市が複数書かれている提案は？"], [13]),
])
def test_the_one_named_of_the_list_before_a_number_set_apart_and_several_japanese_cities(fake, turns, want):
    """"the Bali one" after "the Chile one" (one of two) is the other of the two; "the Osaka one in Vietnam" after
    Osaka's not in Vietnam is the one set apart; "besides 12" sets #12 apart ("other than 5 fields" is a count);
    「国内都市が複数」 is the joint Japanese side (#13)."""
    assert sorted(nums(last_answer(fake, turns))) == want


@pytest.mark.parametrize("turns, kind, want", [
    (["What CO2 reductions are expected from each project?"], "unrecorded", []),
    (["What CO2 reductions are expected from each project?",
      "Which ones at least mention estimating GHG emission reductions?"], "ranked", [10, 11]),
    (["Is any proposal looking at bio-medical waste treatment?"], "ranked", [2]),
    (["Which proposals aim to improve efficiency of municipal sewage treatment plants?"], "ranked", [1]),
    (["Which city partnerships are built on a signed or planned MOU with the partner province/city?"], "ranked",
     [1, 17, 18]),
    (["北海道で高断熱住宅を推進しているので参考にしたいのですが、断熱性・気密性の高い住宅を扱う案件はありますか？"], "ranked",
     [13]),
    (["ベトナム案件の参考にしたいので、水素の事業を教えて"], "list", [7, 10]),
])
def test_expected_amounts_hyphenated_terms_framing_and_where_the_asker_works(fake, turns, kind, want):
    """What each project is expected to reduce is not recorded; "bio-medical" and "municipal sewage" are terms;
    "built on" frames; 「北海道で…を推進しているので参考にしたい」: where the asker works is no condition (a place in
    the purpose itself, 「ベトナム案件の参考に」, still is)."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("q, kind, want", [
    ("ASEANに触れている提案は？", "ranked", [13]),
    ("Which proposals mention ASEAN?", "ranked", [13]),
    ("ASEANの提案は？", "list", [1, 3, 4, 5, 6, 7, 9, 10, 13, 14, 15, 16, 17, 18]),
    ("Which proposals mention Southeast Asia?", "list", [1, 3, 4, 5, 6, 7, 9, 10, 13, 14, 15, 16, 17, 18]),
])
def test_a_region_asked_as_mentioned_is_looked_for_in_the_text_first(fake, q, kind, want):
    """「ASEANに触れている提案は？」: #13's text names ASEAN (「マレーシア・ASEAN展開」), quoted; a region no text
    names, or one asked without "mention", is the proposals in it."""
    a = fake.ask(q)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("turns, kind, want", [
    (["名古屋市や横浜市はこの事業に参加していますか？"], "list", [5]),
    (["Are Nagoya or Yokohama part of this programme?"], "list", [5]),
    (["Kitakyushu and Surabaya?"], "none", []),
    (["水素を使った技術（水素製造、燃料電池、水素燃焼など）を扱っている提案をすべて教えてください。静岡県でも水素利活用を検討して"
      "います。"], "list", [7, 10, 11, 15]),
    (["ホテルや観光業の脱炭素化を扱う案件を探しています。静岡も観光地が多いので参考にしたくて。"], "ranked", [6, 12]),
    (["Which projects target government buildings?"], "ranked", [12, 15]),
    (["Is there any project with Quang Ninh province?", "What kind of feasibility studies are planned there?"],
     "ranked", [6]),
])
def test_a_name_in_none_offered_beside_a_known_one_examples_of_a_field_and_there(fake, turns, kind, want):
    """「名古屋市や横浜市」: Nagoya is in no proposal, Yokohama in #5, both said ("Kitakyushu and Surabaya?" asks one
    project with both); a bracket of examples after 「水素を使った技術」 is the field's; 「…を探しています。」 asks, so
    the sentence after it about Shizuoka is context; public and government buildings are 公共施設; "planned
    there" points back."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want
    if len(turns) == 1 and "Nagoya" in turns[0]:
        assert "Nagoya" in a.text


def test_a_second_question_with_a_verb_of_its_own_is_answered_too(fake):
    """"…'s title, and which global climate network does Quezon City belong to?": the second clause asks with a verb
    of its own (it had repeated the title); "…, and which Indonesian city is the partner of Toyama?" stays one."""
    a = fake.ask("What is the Quezon City project's title, and which global climate network does Quezon City belong to?")
    assert nums(a) == [16] and "C40" in a.text and a.text.count("Title of #16") == 1
    a = fake.ask("How many projects are in Indonesia, and which Indonesian city is the partner of Toyama?")
    assert nums(a) == [15]


@pytest.mark.parametrize("turns, kind, want", [
    (["Which country comes second?"], "breakdown", [4, 9, 14, 15]),
    (["Which country has the most proposals?", "How many?", "And which country is second?"], "breakdown",
     [4, 9, 14, 15]),
    (["Does any project cover fluorocarbon (CFC) recovery and destruction?",
      "Which proposals list something under an 'other' target field?"], "list", [1, 5, 6, 11]),
    (["国内側に県が入っている提案は？"], "list", [3, 6, 9, 10]),
    (["Sustainable Development Goals"], "ranked", [9, 11]),
    (["net zero energy buildings (ZEB)"], "none", []),
    (["市長レベルのトップ同士の交流や対話"], "ranked", [13, 16]),
    (["Which proposals are looking at generating electricity from municipal waste?"], "ranked", [1, 7, 17]),
])
def test_a_rank_by_place_other_is_no_pointer_and_terms_from_blind149(fake, turns, kind, want):
    """"Which country comes second?" (question_words rank_places) is the second most; 'other' respelled 「その他」
    holds no pointing 「その」 (not_refer): a fresh question; 「国内側に県が入っている」 is the prefectures' region; the
    Sustainable Development Goals are SDGs (kept whole, "goals" is no framing here); ZEB is a term no proposal
    names; 市長レベル is 市長級; electricity from municipal waste is waste-to-energy."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("q, kind, want", [
    ("Which proposals specifically plan solar PV, not just 'renewables' in general?", "ranked", [3, 6, 14]),
    ("工業団地をターゲットにした提案を全部リストアップして", "ranked", [1, 3, 6, 7, 14, 16]),
    ("I'm a provincial ENR officer in the Philippines. Which proposal supports renewable energy in a Philippine city?",
     "list", [16]),
    ("下水熱の利用を提案しているものはありますか", "none", []),
    ("廃熱を使う事業は？", "ranked", [6]),
])
def test_a_contrast_is_no_exclusion_targeting_frames_and_heat_is_a_word(fake, q, kind, want):
    """"not just 'renewables'" contrasts (no exclusion); 「ターゲットにした」 and "supports" frame the topic;
    「…を提案しているもの」 asks for projects (not the proposer); 下水熱 is sewage heat, which no proposal names (熱 is
    a head of its own, terms.json ja_heads, not a suffix of 下水)."""
    a = fake.ask(q)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("turns", [
    ["愛媛県が参加している都市間連携事業は？", "どちらも同じ会社の提案ですか？"],
    ["Which projects involve Ehime?", "Are both proposed by the same company?"],
])
def test_whether_both_share_a_value_shows_each_ones(fake, turns):
    """「どちらも同じ会社の提案ですか？」 after two asks whether they share the proposer: each one's (it had listed
    every proposal of that company)."""
    a = last_answer(fake, turns)
    assert a.kind == "attribute" and sorted(nums(a)) == [3, 9] and ("Japan NUS" in a.text or "日本エヌ" in a.text)


@pytest.mark.parametrize("q, kind, want", [
    ("Which proposals deal with sewage heat recovery?", "none", []),
    ("waste heat recovery", "ranked", [6]),
])
def test_sewage_heat_is_no_waste_heat(fake, q, kind, want):
    """Sewage heat (下水熱) is a term of its own, in no proposal; #6's 廃熱利用チラー is waste heat."""
    a = fake.ask(q)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("turns, kind, want", [
    (["Which proposals have emission reduction targets?"], "ranked", [12]),
    (["削減目標を示す事業は？"], "ranked", [12]),
    (["What's project 15 about?", "Does it list energy efficiency as a target field?",
      "Which other projects leave out energy efficiency?"], "list", []),
    (["#15について", "省エネは対象分野に入っていますか？", "他に省エネが対象外の事業はありますか？"], "list", []),
    (["What's project 15 about?", "Which other projects are not in Vietnam?"], "list",
     [2, 4, 5, 8, 9, 11, 12, 13, 14, 16, 17]),
    (["#15について", "ベトナム以外の他の事業は？"], "list", [2, 4, 5, 8, 9, 11, 12, 13, 14, 16, 17]),
    (["ビル・建築物分野に焦点を当てた提案"], "ranked", [13, 16]),
    (["ビル・建築物に注目した提案"], "ranked", [13, 16]),
    (["工場やビルにEMSを入れる提案"], "ranked", [3, 14, 16]),
    (["Which projects introduce e-buses?"], "ranked", [12]),
])
def test_term_words_others_after_a_check_and_framing_from_blind153(fake, turns, kind, want):
    """A question word inside a term said whole is the term's ("emission reduction targets": terms.json); "other"
    projects without a field after #15 was checked for it set #15 apart (none is left), as "other" projects not
    in a country do; a list before 「に焦点を当てた」 / 「に注目した」 is the topic (only a list before what is put
    there, 「工場やビルにEMSを」, is where); "e-buses" is the e-bus of terms.json (its prefix read as the question's)."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want


def test_a_prefixed_word_is_shown_as_typed(fake):
    """The answer line names "e-buses" as the question typed it (the reading joins it: "ebuses")."""
    a = fake.ask("Which projects introduce e-buses?")
    assert "“e-buses”" in a.text.split("\n")[0]


@pytest.mark.parametrize("turns, kind, want", [
    (["病院から出る医療廃棄物の処理について書かれている提案"], "ranked", [2]),
    (["Is there any proposal that handle medical waste from hospitals?"], "ranked", [2]),
    (["waste heat recovery / utilisation"], "ranked", [6]),
    (["Which proposals look at generating power from garbage / solid waste (waste-to-energy)?"], "ranked",
     [1, 7, 17]),
    (["electric garbage trucks"], "ranked", [12]),
    (["ごみや廃棄物を燃料に変える（RDF・RPFみたいな）取組をしている案件"], "ranked", [3, 4]),
    (["太陽光や、風力の事業"], "ranked", [3, 6, 8, 14]),
    (["対象分野の数が一番多い事業と一番少ない事業はそれぞれどれですか"], "breakdown", [11, 16]),
    (["Which project has the most target fields and which has the fewest?"], "breakdown", [11, 16]),
    (["We're looking for projects on fluorocarbon recovery and destruction. Anything?"], "ranked", [5]),
])
def test_readings_from_blind155(fake, turns, kind, want):
    """A word another member of a group says with the group's words is the concept's ("hospital waste": 病院 in
    「病院から出る医療廃棄物」 is no condition of its own); actions on one thing share its words ("waste heat recovery /
    utilisation"); power from garbage is waste-to-energy (not "electric garbage trucks"); what is done to the last
    of bare nouns (「…を燃料に変える」) is done to each; 「や、」 offers alternatives; most and least asked together
    (「一番多い事業と一番少ない事業」, "and which has the fewest") are two questions; "we're" leaves no "re"."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want


def test_a_list_before_and_after_its_own_modifier_is_two_topics(fake):
    """「ビルなど建物部門からの排出削減や、建築物の制度づくり」: two things offered, each with its own words."""
    a = fake.ask("ビルなど建物部門からの排出削減や、建築物の制度づくりを扱っている案件")
    assert a.kind == "ranked" and 13 in nums(a)


@pytest.mark.parametrize("turns, kind, want", [
    (["Are any cities trying electric garbage trucks or electric waste-collection boats?"], "ranked", [6, 12]),
    (["ハノイ市の事業の概要を教えて。", "同じ国で水素技術を扱う他の事業は？"], "list", [7]),
    (["What does the Hanoi project do?", "Any other hydrogen projects in the same country?"], "list", [7]),
    (["滋賀県の事業ではどんな技術の導入を検討していますか？"], "lookup", [6]),
])
def test_readings_from_blind157(fake, turns, kind, want):
    """"trying" frames a topic; "in the same country" beside a field after one proposal is that proposal's country,
    the field too, it set apart; 「どんな技術」 of the one proposal a name selects, its words in no sentence, shows its
    record (as after one proposal shown)."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("turns, kind, want", [
    (["海外の案件でLED化を扱っているものはどれですか？"], "ranked", [14, 18]),
    (["ごみ収集車や収集船の電動化（EV化）"], "ranked", [6, 12]),
    (["Is there any work on MRV, i.e. measurement, reporting and verification systems for emissions?"], "none", []),
    (["We are in the Philippines: are JCM subsidy projects being formed here?"], "ranked", [16]),
    (["Which projects are in Malaysia?", "What about our neighbours, Vietnam or Thailand?"], "list",
     [1, 3, 5, 6, 7, 10, 17, 18]),
    (["Which proposals do NOT include waste treatment as a target field?", "So how many do include it?"], "count",
     [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 17, 18]),
    (["Which projects include hydrogen technology?", "How many do include it?"], "count", [7, 10, 11, 15]),
])
def test_readings_from_blind159(fake, turns, kind, want):
    """「LED化」 asked alone is LEDs named (an alternative of its own, 「（EV化）」, keeps the change asked); "i.e."
    says the same thing again (one alternative, its commas no list); "being formed" frames; "our neighbours" beside
    places names no topic; "how many do include it?" is the other way only after "which do NOT include it?"."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("turns, kind, want", [
    (["ビルなど建物部門の脱炭素を重点にしている提案はどれですか"], "ranked", [13, 16]),
    (["ビルなど建物部門の排出削減に焦点を当てた事業"], "ranked", [13, 16]),
    (["Which proposals focus on the building sector?"], "ranked", [13, 16]),
    (["biodiesel from palm oil"], "none", []),
    (["Are there any projects on low-carbon buildings or housing that we could learn from for KL?"], "ranked",
     [13]),
    (["electricity from waste"], "ranked", [1, 7, 17]),
])
def test_the_building_sector_and_a_thing_made_from(fake, turns, kind, want):
    """The building sector is one concept with low-carbon buildings (terms.json: every judged set counts #13's
    低炭素型建物 with #16's 建物分野), its emissions cut too; 「重点にしている」 frames; a thing made from something
    that no text or term names ("biodiesel from palm oil") is asked alone (the text's palm oil waste does not carry
    it), not a verb before "from" ("learn from") nor a known thing ("electricity from waste")."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("turns, want", [
    (["How many of the 18 proposals include hydrogen technology as a target field?",
      "And how many include digital technology?", "Which ones include both?"], [10, 11]),
    (["I work for Surabaya city. Is there a project with Surabaya? If not, which Indonesian places have one?"],
     [4, 9, 14, 15]),
    (["Which projects include both hydrogen technology and transport infrastructure?"], [11, 15]),
])
def test_both_lists_and_if_not_from_blind161(fake, turns, want):
    """"Which ones include both?" after two lists is the proposals in both (in_both; with values named, both
    values); "If not, …" leaves no topic "if"."""
    a = last_answer(fake, turns)
    assert sorted(nums(a)) == want


@pytest.mark.parametrize("turns, kind, want", [
    (["Does the list say how much funding each project gets?", "And when does each project start and finish?"],
     "unrecorded", []),
    (["Toyama is known for hydrogen — which Toyama-linked proposals involve hydrogen?"], "list", [11, 15]),
    (["I'm after projects involving hotels or tourism."], "ranked", [6, 12]),
    (["Does any proposal deal with coal-fired power plants, e.g. retrofitting or phasing them out?"], "none", []),
    (["I'm mapping Japan's climate finance: which proposals mention money for equipment — subsidies, leasing "
      "schemes, or securing funding?"], "ranked", [12, 18]),
])
def test_readings_from_blind163(fake, turns, kind, want):
    """Start and finish dates are not recorded (nor how much funding a project "gets"); "is known for" and "I'm
    after" frame; verbs said of "them" after "e.g." are done to the first alternative ("phasing them out" is no
    フェーズ), nouns in -ing stay alternatives of their own."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("turns, kind, want", [
    (["Which of the city-to-city projects involve hydrogen in some way?"], "list", [7, 10, 11, 15]),
    (["Which South Asian countries are covered?"], "list", [2]),
    (["Any proposals in East Asian countries?"], "none", []),
    (["Which projects work with Palau?", "Which proposal is most similar to project 8?",
      "Which of the two includes wind power?"], "ranked", [8]),
    (["ホテルを対象にした取り組みがある事業は？", "どちらも観光地ですね。それぞれの対象国は？"], "attribute", [6, 12]),
    (["インドの事業は？", "この一覧で、各事業の実施期間や成果はわかりますか？"], "unrecorded", []),
    (["India projects?", "Does the list show the budget of each project?"], "unrecorded", []),
    (["インドの事業は？", "予算は？"], "unrecorded", [2]),
    (["ごみ収集車や船の電動化（EV化）に関する提案"], "ranked", [6, 12]),
    (["ごみ発電や廃棄物の燃料化を扱う事業は？"], "ranked", [1, 3, 7, 17]),
    (["エビや魚の養殖に関係する取り組みが入っている案件"], "ranked", [3]),
])
def test_readings_from_blind165(fake, turns, kind, want):
    """"in some way" frames (the field asks it all); "been" is no topic; "South Asian countries" is South Asia
    (each region's name with 'countries' or 'nations' after it, geography.json region_nouns), not the longer
    "Asian countries"; "the two" after an answer of five is the pair before it; 「どちらも…ですね」 says something of
    all of them, no condition; 「各事業の…」 asks the whole list (the list does not record it), 「予算は？」 after
    one proposal asks of it; a one-kanji alternative that a change in 化 is done to (船の電動化) is a word of its own
    there, not one that only says which kind (魚の養殖)."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want


def test_more_of_one_or_the_other_is_a_ranking(fake):
    a = fake.ask("Are there more proposals for Indonesia or for Thailand?")
    assert a.kind == "breakdown" and a.text.split("\n")[0].startswith("Most projects: Indonesia")
    assert "4" in a.text.split("\n")[0]


def test_alternatives_ending_in_one_word_name_it_once(fake):
    """「ボイラー・冷凍機 高効率化」, "solar or wind power": alternatives that end in the same word show it once."""
    assert "ボイラー・冷凍機 高効率化" in fake.ask("ボイラーや冷凍機の高効率化").text.split("\n")[0]
    assert "ゴミ収集車・船 電動化・EV化" in fake.ask("ごみ収集車や船の電動化（EV化）に関する提案").text.split("\n")[0]
    assert "“solar or wind power”" in fake.ask("Which projects use solar power or wind power?").text.split("\n")[0]
    assert "ゴミ収集 車両・船 電動化" in fake.ask("ごみ収集の車両や船を電動化する取組").text.split("\n")[0]


@pytest.mark.parametrize("turns, want", [
    (["Which proposals are based on an MOU that has already been signed?"], [17, 18]),
    (["Which proposals are based on an MOU that has already been signed?", "Is there one that only plans to sign an MOU?"],
     [1]),
    (["MOUを結んでいる事業は？", "まだ結んでいないのは？"], [1]),
    (["MOUに触れている事業は？", "その中で既に締結済みなのは？", "まだ結んでいないのは？"], [1]),
])
def test_the_other_status_after_a_status_asked_afresh(fake, turns, want):
    """"has already been signed" is done, "plans to sign" planned; the other status right after a question that
    asked one afresh is looked for among all the proposals, not among the ones that one found."""
    a = last_answer(fake, turns)
    assert sorted(nums(a)) == want


@pytest.mark.parametrize("turns, kind, want", [
    (["排熱を回収して使う技術を扱っている提案を探しています"], "ranked", [6]),
    (["人権に配慮した企業と組むことを明記している提案"], "ranked", [14]),
    (["マイクロ水力みたいな小さい水力発電を使う話が出てくる案件はある？"], "ranked", [15]),
    (["ホテルや観光業をターゲットにした脱炭素プロジェクト"], "ranked", [6, 12]),
    (["which proposals look at sludge - treatment, gas from sludge, carbonising it etc"], "ranked", [3, 6]),
    (["Which projects turn waste into power?"], "ranked", [1, 7, 17]),
    (["LEEDやCASBEEみたいなグリーンビルディング認証の導入支援"], "none", []),
    (["下水処理場の効率化"], "ranked", [1]),
    (["ごみ収集の車両や船を電動化する取組を含む提案を教えてください"], "ranked", [6, 12]),
    (["Which projects mention boilers?", "And which of those is tied to Osaka?"], "list", [18]),
    (["対象分野が省エネルギーと再生可能エネルギーだけの事業は？"], "list", [16]),
    (["国内都市が「県」になっている事業は？", "そのうちベトナム向けは？"], "list", [3, 6, 10]),
    (["Which Japanese city has the most proposals?", "How many does each have?"], "breakdown", list(range(1, 19))),
    (["一番多い国内都市は？", "それぞれ何件？"], "breakdown", list(range(1, 19))),
    (["Which Japanese city has the most proposals?", "How many does each have?", "And the fewest?"], "breakdown",
     [1, 5, 6, 7, 8, 10, 13, 14]),
])
def test_readings_from_blind167(fake, turns, kind, want):
    """排熱回収 is waste heat (terms.json); 「組むことを」 is a verb and こと, no word 「組むこ」; 「AみたいなB」 gives an
    example; what a noun is made into in a framing clause (「観光業をターゲットにした」) is no topic; a list after a
    dash closed by "etc" gives examples of the topic before the dash; "turn waste into power" is waste-to-energy; a
    word no text uses, written onto a synonym's member (グリーンビルディング認証), must be found too (not a piece across
    the member's edge: 下水処理場); "tied to" frames;
    「AとBだけの」 is those fields and no other; 「県」 alone is a prefecture on the Japanese side; "How many does
    each have?" after the values with the most shows the tally whole (those values first), so "And the fewest?"
    after it is still of every proposal."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("turns, kind, want", [
    (["冷媒フロンの回収や破壊処理に取り組む提案"], "ranked", [5]),
    (["Which projects are pushing the circular economy?"], "ranked", [2, 3, 7, 17]),
    (["Which of these city-to-city proposals actually install or study solar PV?"], "ranked", [3, 6, 14]),
    (["脱炭素計画やロードマップの策定を支援する案件を教えてください"], "ranked", [14]),
    (["ごみ収集車両・収集船の電動化"], "ranked", [6, 12]),
    (["空調や冷房設備の効率化に関する提案はありますか？"], "ranked", [18]),
])
def test_readings_from_blind169(fake, turns, kind, want):
    """A word no text uses before a synonym's member only says which kind of it (冷媒フロン is フロン: a Japanese
    compound ends in its head); "pushing" frames; "study" leading a topic is a verb; a noun of something done after
    の (grammar action_ends: 策定, 電動化) is done to each alternative before it (the plan's drafting, not any plan),
    not a quality made (効率化, said 高効率 in the texts)."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("turns, kind, want", [
    (["協力覚書（MOU）に基づく、または締結予定と書かれている案件は？", "タイの案件の覚書はいつ締結されたものですか？"],
     "unrecorded", [17]),
    (["これらの事業でこれまでにどれだけCO2が削減されたか、成果はわかりますか？", "では、都道府県が国内自治体になっている案件は？"],
     "list", [3, 6, 9, 10, 13]),
    (["What results have these projects achieved so far? Any actual CO2 reduction numbers?"], "unrecorded", []),
])
def test_readings_from_blind171(fake, turns, kind, want):
    """What the list does not record, asked of the projects a place selects with a topic (「タイの案件の覚書」), is of
    the ones whose text names the topic; projects named right after a question about what the list does not record
    are asked afresh, not the results again; "actual CO2 reduction" is a result."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("question, kind, want", [
    ("Which ones propose an energy management system (EMS) for industrial estates or buildings?", "ranked",
     [3, 14, 16]),
    ("CNG boilers for industrial parks", "ranked", [3]),
    ("sustainable aviation fuel (SAF) from palm or waste oils", "none", []),
    ("Do any of these city-to-city proposals look at CCS for cement kilns?", "none", []),
])
def test_a_typed_acronym_must_be_named(fake, question, kind, want):
    """An acronym the question typed (EMS, CNG, SAF, CCS) names the thing asked: with words of where or what for
    beside it, a sentence must name it (or a synonym of its group), not only those words (industrial estates)."""
    a = fake.ask(question)
    assert a.kind == kind and sorted(nums(a)) == want


@pytest.mark.parametrize("turns, kind, want", [
    (["Which proposals generate electricity from municipal solid waste (waste-to-energy plants)?"], "ranked", [1, 7, 17]),
    (["事業概要でJCMに触れている事業を挙げてください", "その中に東南アジア以外の国の事業はありますか"], "list", []),
    (["Do the proposals give expected CO2 reductions in tonnes per year?"], "unrecorded", []),
    (["Which proposal has the widest range of target fields?"], "breakdown", [11]),
])
def test_readings_from_blind173(fake, turns, kind, want):
    """Electricity from municipal solid waste is waste-to-energy; 「その中に…以外の国」 narrows the list just given
    by a region set apart; CO2 reductions "in tonnes per year" are a rate the list does not record, no tally by
    fiscal year; "the widest range of target fields" is the most."""
    a = last_answer(fake, turns)
    assert a.kind == kind and sorted(nums(a)) == want
