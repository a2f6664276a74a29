from cleaner import Label, Paragraph
from cleaner.context import revise


def P(label, why="model", score=0.6, text="x"):
    return Paragraph(text, label, score, why, label)


def test_paragraph_inside_an_appeal_block_joins_it():
    paras = [P(Label.BODY, score=0.9), P(Label.APPEAL, "rule:appeal-lexicon", 0.96), P(Label.BODY), P(Label.APPEAL, "rule:appeal-button", 0.95)]
    out = revise(paras, [0.0, 0.9, 0.4, 0.9])
    assert out[2].label is Label.APPEAL and out[2].why == "context:appeal-run"
    assert out[2].first_label is Label.BODY
    assert out[0].label is Label.BODY


def test_run_grows_to_the_end_but_needs_some_appeal_probability():
    paras = [P(Label.APPEAL, "rule:appeal-lexicon", 0.96), P(Label.BODY), P(Label.BODY)]
    assert [p.label for p in revise(paras, [0.9, 0.5, 0.5])] == [Label.APPEAL] * 3
    assert [p.label for p in revise(paras, [0.9, 0.5, 0.01])][2] is Label.BODY


def test_to_the_end_a_body_paragraph_joins_the_appeal_if_it_talks_to_the_reader_or_the_model_leans_to_appeal():
    plug = P(Label.APPEAL, "rule:appeal-lexicon", 0.96, text="Laden Sie unsere App herunter und verpassen Sie keine Eilmeldung.")
    report = P(Label.BODY, text="Die Kosten von rund 9 Millionen Euro trägt zu zwei Dritteln das Land.")
    thanks = P(Label.BODY, text="Every gift, large or small, keeps our reporting free for you.")
    # The article's last paragraph after a plug in mid-text: the neighbour lifts its appeal
    # probability (0.33 here), but it reports and addresses no one.
    assert revise([P(Label.BODY, score=0.9), plug, report], [0.0, 0.99, 0.33])[2].label is Label.BODY
    assert revise([P(Label.BODY, score=0.9), plug, report], [0.0, 0.99, 0.5])[2].label is Label.APPEAL
    out = revise([P(Label.BODY, score=0.9), plug, thanks], [0.0, 0.99, 0.2])
    assert out[2].label is Label.APPEAL and out[2].why == "context:appeal-run"


def test_a_short_line_to_the_reader_inside_an_appeal_block_joins_it_whatever_the_model_says():
    plea = P(Label.APPEAL, "rule:appeal-lexicon", 0.96, text="If you can give £3 a month, please do.")
    button = P(Label.APPEAL, "rule:appeal-button", 0.95, text="Chip in")
    thanks = P(Label.BODY, text="Thank you for reading, and for caring about Brackwater.")
    out = revise([P(Label.BODY, score=0.9), plea, thanks, button], [0.0, 0.96, 0.02, 0.95])
    assert out[2].label is Label.APPEAL and out[2].why == "context:appeal-run"
    # Only inside the block: after the last appeal it stays the model's (a reader may
    # be thanked in an article's own closing line), and so do quotes and long paragraphs.
    assert revise([P(Label.BODY, score=0.9), plea, thanks], [0.0, 0.96, 0.02])[2].label is Label.BODY
    for text in ("“Thank you for coming,” the mayor told the volunteers.",
                 "Thank you, the mayor told the volunteers, " + "who had worked through the night " * 4):
        body = P(Label.BODY, text=text)
        assert revise([P(Label.BODY, score=0.9), plea, body, button], [0.0, 0.96, 0.02, 0.95])[2].label is Label.BODY


def test_a_boilerplate_line_joins_a_closed_run_only_with_some_appeal_probability():
    button = P(Label.APPEAL, "rule:appeal-button", 0.95, text="Subscribe")
    menu = [button, P(Label.BOILERPLATE, text="Investing"), P(Label.BOILERPLATE, text="About us"),
            P(Label.BOILERPLATE, text="Our newsletter"), P(Label.BOILERPLATE, text="Thank you for reading"),
            P(Label.APPEAL, "rule:appeal-button", 0.95, text="Donate")]
    out = revise(menu, [0.95, 0.02, 0.02, 0.4, 0.02, 0.95])
    assert [p.label for p in out] == [Label.APPEAL, Label.BOILERPLATE, Label.BOILERPLATE, Label.APPEAL,
                                      Label.APPEAL, Label.APPEAL]
    assert out[3].why == out[4].why == "context:appeal-run"


def test_lone_model_appeal_between_body_is_body():
    paras = [P(Label.BODY, score=0.9), P(Label.APPEAL, score=0.55), P(Label.BODY, score=0.9)]
    out = revise(paras, [0.0, 0.55, 0.0])
    assert out[1].label is Label.BODY and out[1].why == "context:lone-appeal"


def test_rule_decisions_are_never_revised():
    paras = [P(Label.BODY, score=0.9), P(Label.APPEAL, "rule:appeal-lexicon", 0.96), P(Label.BODY, score=0.9)]
    assert revise(paras, [0.0, 0.96, 0.0])[1].label is Label.APPEAL


def test_appeal_lead_takes_a_boilerplate_line_not_a_plain_body_paragraph():
    paras = [P(Label.BODY, score=0.9), P(Label.BOILERPLATE, score=0.6), P(Label.APPEAL, "rule:appeal-lexicon", 0.96)]
    out = revise(paras, [0.05, 0.3, 0.96])
    assert out[1].label is Label.APPEAL and out[1].why == "context:appeal-lead"
    assert out[0].label is Label.BODY


BODY_END = "The council will vote on the plan in May, officials said."
APPEAL = P(Label.APPEAL, "rule:appeal-lexicon", 0.96, text="Become a patron of the Gazette from $3 a month.")


def test_a_body_line_that_says_nothing_of_appeals_is_no_appeals_lead():
    # The article's short last sentence, however high its appeal probability.
    for text in ("Le procès reprend lundi.", "The trial resumes on Monday."):
        paras = [P(Label.BODY, score=0.99, text=BODY_END), P(Label.BODY, score=0.5, text=text), APPEAL]
        assert revise(paras, [0.0, 0.6, 0.96])[1].label is Label.BODY, text
    # A line that speaks to the reader, or of support, still joins.
    for text in ("Thank you for reading to the end.", "Every donation keeps this newsroom going."):
        paras = [P(Label.BODY, score=0.99, text=BODY_END), P(Label.BODY, score=0.5, text=text), APPEAL]
        assert revise(paras, [0.0, 0.6, 0.96])[1].label is Label.APPEAL, text
VOICE = "We spent four days in the flooded villages to report this story."


def test_the_outlets_own_voice_before_a_closing_appeal_block_joins_it():
    paras = [P(Label.BODY, score=0.99, text=BODY_END), P(Label.BODY, score=0.7, text=VOICE), APPEAL,
             P(Label.BOILERPLATE, "rule:boilerplate-exact", 0.95, text="Share")]
    out = revise(paras, [0.0, 0.2, 0.96, 0.0])
    assert [p.label for p in out] == [Label.BODY, Label.APPEAL, Label.APPEAL, Label.BOILERPLATE]
    assert out[1].why == "context:appeal-lead-voice" and out[1].first_label is Label.BODY


def test_a_we_paragraph_stays_body_unless_the_appeal_closes_the_text_and_it_reports_no_one():
    cases = [
        # The article goes on after the appeal box.
        ([P(Label.BODY, score=0.7, text=VOICE), APPEAL, P(Label.BODY, score=0.99, text=BODY_END)], [0.2, 0.96, 0.0]),
        # Too little appeal probability, even there.
        ([P(Label.BODY, score=0.99, text=BODY_END), P(Label.BODY, score=0.9, text=VOICE), APPEAL], [0.0, 0.1, 0.96]),
        # Reported speech or a quote is the story.
        ([P(Label.BODY, score=0.99, text=BODY_END),
          P(Label.BODY, score=0.7, text="We will not close the school, the mayor said on Monday."), APPEAL], [0.0, 0.2, 0.96]),
        ([P(Label.BODY, score=0.99, text=BODY_END),
          P(Label.BODY, score=0.7, text="“We stay until the last family is out,” one volunteer told us."), APPEAL],
         [0.0, 0.2, 0.96]),
        # No "we": the article's last paragraph.
        ([P(Label.BODY, score=0.99, text=BODY_END),
          P(Label.BODY, score=0.7, text="The villages were evacuated for four days."), APPEAL], [0.0, 0.2, 0.96]),
    ]
    for paras, probs in cases:
        lead = paras.index(APPEAL) - 1
        assert revise(paras, probs)[lead].label is Label.BODY, paras[lead].text


def test_tail_after_a_bare_end_marker_that_ends_in_an_appeal_joins_it():
    paras = [P(Label.BODY, score=0.99, text="The council will vote on the plan in May, officials said."),
             P(Label.BOILERPLATE, "rule:boilerplate-lexicon", 0.95, text="Read more:"),
             P(Label.BODY, score=0.8, text="We are four reporters, and we have never charged you to read the news."),
             P(Label.APPEAL, "rule:appeal-button", 0.95, text="Back the Gazette today!")]
    out = revise(paras, [0.0, 0.0, 0.05, 0.9])
    assert [p.label for p in out] == [Label.BODY, Label.BOILERPLATE, Label.APPEAL, Label.APPEAL]
    assert out[2].why == "context:appeal-tail"


def test_tail_with_reported_news_in_it_is_left_alone():
    paras = [P(Label.BOILERPLATE, "rule:boilerplate-lexicon", 0.95, text="Read more:"),
             P(Label.BODY, score=0.9, text="The mayor resigned on Friday after a vote of no confidence."),
             P(Label.BODY, score=0.8, text="We are four reporters, and we have never charged you to read the news."),
             P(Label.APPEAL, "rule:appeal-button", 0.95, text="Back the Gazette today!")]
    out = revise(paras, [0.0, 0.0, 0.05, 0.9])
    assert out[1].label is Label.BODY and out[2].label is Label.BODY


def test_headlines_of_other_stories_in_the_tail_stay_boilerplate():
    paras = [P(Label.BODY, score=0.99, text="The council will vote on the plan in May, officials said."),
             P(Label.BOILERPLATE, "rule:boilerplate-lexicon", 0.95, text="Read more:"),
             P(Label.BOILERPLATE, score=0.7, text="Night bus line in the east end to be cut"),
             P(Label.BODY, score=0.8, text="We are four reporters, and we have never charged you to read the news."),
             P(Label.APPEAL, "rule:appeal-button", 0.95, text="Back the Gazette today!")]
    out = revise(paras, [0.0, 0.0, 0.1, 0.05, 0.9])
    assert [p.label for p in out] == [Label.BODY, Label.BOILERPLATE, Label.BOILERPLATE, Label.APPEAL, Label.APPEAL]


LONE_POST = ("The mayor cycled to work on Monday for the first time since the bridge reopened, "
             "and said the new lane was wider than she had expected.")


def test_a_pages_only_paragraph_that_reads_as_prose_is_body():
    out = revise([P(Label.BOILERPLATE, score=0.98, text=LONE_POST)], [0.0])
    assert out[0].label is Label.BODY and out[0].why == "context:lone-prose"
    assert out[0].first_label is Label.BOILERPLATE


def test_a_lone_menu_or_a_paragraph_among_others_keeps_its_label():
    menu = "The Harbour Ledger Home About us Facebook Twitter RSS feed Weather Posted July 26th, 2011."
    assert revise([P(Label.BOILERPLATE, score=0.98, text=menu)], [0.0])[0].label is Label.BOILERPLATE
    # No sentence end, too short, or not alone: the model's label stands.
    for paras in ([P(Label.BOILERPLATE, text=LONE_POST.rstrip("."))],
                  [P(Label.BOILERPLATE, text="Read the whole story on our site today.")],
                  [P(Label.BOILERPLATE, text=LONE_POST), P(Label.BOILERPLATE, text=LONE_POST)]):
        assert all(p.label is Label.BOILERPLATE for p in revise(paras, [0.0] * len(paras)))
    # A rule's boilerplate is never revised.
    assert revise([P(Label.BOILERPLATE, "rule:cookie-notice", 0.93, LONE_POST)], [0.0])[0].label is Label.BOILERPLATE



def L(label, why="model", text="x"):
    """A plain-text line."""
    return Paragraph(text, label, 0.9, why, label, "line")


CAPTION = "Volunteers stack sandbags along the river wall in the old town on Friday."
CREDIT = L(Label.CREDIT, "rule:credit-prefix", "Photo: Harbour Ledger / Ana Ruiz")
LEAD = ("Volunteers worked through the night to stack sandbags along the river wall in the old town, "
        "as forecasters warned that the water could rise another metre by Saturday.")


def test_a_line_over_a_photo_credit_inside_the_article_is_its_caption():
    paras = [L(Label.BODY), L(Label.BODY, text=CAPTION), CREDIT, L(Label.BODY)]
    out = revise(paras, [0.0] * 4)
    assert out[1].label is Label.CAPTION and out[1].why == "context:caption-over-credit"
    assert [p.label for p in out] == [Label.BODY, Label.CAPTION, Label.CREDIT, Label.BODY]
    # Nor does a caption need its stop, if it reads as a sentence.
    paras = [L(Label.BODY), L(Label.BODY, text="Budynek szpitala powiatowego w Kutnie"), CREDIT, L(Label.BODY)]
    assert revise(paras, [0.0] * 4)[1].label is Label.CAPTION
    # An abbreviation's stop does not end the caption's one sentence.
    for text in ("Dr. Ana Ruiz at the flood barrier in St. Mary's Lane on Friday.",
                 "Aktorzy podczas próby w Teatrze im. Juliusza Osterwy w Lublinie."):
        paras = [L(Label.BODY), L(Label.BODY, text=text), CREDIT, L(Label.BODY)]
        assert revise(paras, [0.0] * 4)[1].label is Label.CAPTION, text


def test_the_line_over_a_credit_stays_body_where_it_may_be_the_articles_last():
    for paras in (
        [L(Label.BODY), L(Label.BODY, text=CAPTION), CREDIT],                      # the text ends there
        [L(Label.BODY), L(Label.BODY, text=CAPTION), CREDIT, L(Label.APPEAL)],     # only an appeal after
        [L(Label.BODY, text=LEAD), CREDIT, L(Label.BODY), L(Label.BODY)],          # a long lead: nothing before
        [L(Label.BODY), L(Label.BODY, text=f"“{CAPTION}” she said."), CREDIT, L(Label.BODY)],  # speech
        [L(Label.BODY), L(Label.BODY, text=CAPTION),
         L(Label.CREDIT, "rule:byline", "By Ana Ruiz"), L(Label.BODY)],           # a byline, not a photo credit
        [L(Label.BODY), Paragraph(CAPTION, Label.BODY, 0.9, "model", Label.BODY, "p"), CREDIT, L(Label.BODY)],
        [L(Label.BODY), L(Label.BODY, text=" ".join([CAPTION] * 6)), CREDIT, L(Label.BODY)],  # too long
        [L(Label.BODY), L(Label.BODY, text="Is it the wettest spring yet? I think so."), CREDIT, L(Label.BODY)],
        [L(Label.BODY), L(Label.BODY, text="Our volunteers stack sandbags along the river wall."), CREDIT,
         L(Label.BODY)],                                                          # the writer's voice
        [L(Label.BODY), L(Label.BODY, text=f"{CAPTION} The water rose another metre by the evening."),
         CREDIT, L(Label.BODY)],                                                  # two sentences: the article's
        [L(Label.BODY), L(Label.BODY, text="Espro P7 French Press"),
         L(Label.CREDIT, "rule:credit-prefix", "Credit: Amazon"), L(Label.BODY)],  # a heading over its picture
        [L(Label.BODY), L(Label.BODY, text="- Nie mamy innego wyjścia - powiedział przewodniczący związku."),
         CREDIT, L(Label.BODY)],                                                  # a quote opened with a dash
        [L(Label.BODY), L(Label.BODY, text="The mayor told reporters the barrier held through the night."),
         CREDIT, L(Label.BODY)],                                                  # reported speech
    ):
        assert all(p.label is not Label.CAPTION for p in revise(paras, [0.0] * len(paras)))
    # A caption after the credit owns it (BBC's "Image source" over "Image caption").
    paras = [L(Label.BODY), L(Label.BODY, text=CAPTION), CREDIT,
             L(Label.CAPTION, "rule:caption-label", "Image caption, Sandbags on the quay"), L(Label.BODY)]
    assert revise(paras, [0.0] * len(paras))[1].label is Label.BODY


def test_past_the_articles_end_a_line_over_a_credit_is_a_caption_only_when_the_model_is_sure():
    tail = [L(Label.BODY), L(Label.BODY, text=CAPTION), CREDIT,
            L(Label.BOILERPLATE, "rule:boilerplate-lexicon", "Read also:"), L(Label.APPEAL, "rule:appeal-lexicon")]
    sure, unsure = [0.0, 0.95, 0.0, 0.0, 0.0], [0.0, 0.6, 0.0, 0.0, 0.0]
    out = revise(tail, [0.0] * 5, sure)
    assert out[1].label is Label.CAPTION and out[1].why == "context:caption-over-credit"
    assert revise(tail, [0.0] * 5, unsure)[1].label is Label.BODY
    assert revise(tail, [0.0] * 5)[1].label is Label.BODY  # no probabilities: the place alone decides
    # Sure or not: where the text ends with the credit the line may be the article's
    # last paragraph, and with no body before or after it a lone lead.
    for paras, line in (([L(Label.BODY), L(Label.BODY, text=CAPTION), CREDIT], 1),
                        ([L(Label.BODY, text=CAPTION), CREDIT, L(Label.APPEAL, "rule:appeal-lexicon")], 0)):
        assert revise(paras, [0.0] * len(paras), [0.99] * len(paras))[line].label is Label.BODY
    # ... and the line must still read as a caption: speech or two sentences stay body.
    for text in (f"“{CAPTION}” she said.", f"{CAPTION} The water rose another metre by the evening."):
        paras = [L(Label.BODY), L(Label.BODY, text=text), CREDIT, L(Label.APPEAL, "rule:appeal-lexicon")]
        assert revise(paras, [0.0] * 4, [0.0, 0.99, 0.0, 0.0])[1].label is Label.BODY, text


def test_before_the_articles_start_a_short_line_over_a_credit_is_a_caption():
    # A copied article may open with its photo: caption, credit, then the lead. A short
    # line there is the caption, sure or not.
    paras = [L(Label.BODY, text=CAPTION), CREDIT, L(Label.BODY), L(Label.BODY)]
    for probs in ([0.95, 0.0, 0.0, 0.0], [0.1, 0.0, 0.0, 0.0]):
        out = revise(paras, [0.0] * 4, probs)
        assert out[0].label is Label.CAPTION and out[0].why == "context:caption-over-credit"
    # A line of more than 20 words may be the lead itself, over its photo's credit.
    paras[0] = L(Label.BODY, text=LEAD)
    assert revise(paras, [0.0] * 4, [0.5, 0.0, 0.0, 0.0])[0].label is Label.BODY
    assert revise(paras, [0.0] * 4, [0.95, 0.0, 0.0, 0.0])[0].label is Label.CAPTION
    # Below a byline or a date line and over the credit it is still before the article.
    byline = L(Label.CREDIT, "rule:byline", "By Ana Ruiz")
    paras = [byline, L(Label.BODY, text=CAPTION), CREDIT, L(Label.BODY)]
    assert revise(paras, [0.0] * 4, [0.0, 0.1, 0.0, 0.0])[1].label is Label.CAPTION


def test_a_line_over_a_data_source_is_a_caption_only_when_the_model_is_sure():
    source = L(Label.CREDIT, "rule:credit-prefix", "Source: Eurostat")
    lead_in = "Prices rose fastest in the Baltic states, where energy makes up a larger share of the basket."
    paras = [L(Label.BODY), L(Label.BODY, text=lead_in), source, L(Label.BODY)]
    assert revise(paras, [0.0] * 4, [0.0, 0.3, 0.0, 0.0])[1].label is Label.BODY
    paras[1] = L(Label.BODY, text="Annual consumer price inflation, %.")
    assert revise(paras, [0.0] * 4, [0.0, 0.97, 0.0, 0.0])[1].label is Label.CAPTION


def test_the_models_credit_that_names_a_photos_maker_has_its_caption_above():
    for text in ("(Sentinel photo by Ana Kowalczyk)", "Chronicle photo/Lisa Tran", "(Photo Julie Mathevon)",
                 # ... the maker named with an article: a town hall, a club, a family
                 "Foto cedida por el Ayuntamiento de Lorca", "Photo courtesy of the Harbour Trust",
                 "Foto von der Feuerwehr Hanau", "Фото автора", "Foto autora"):
        paras = [L(Label.BODY), L(Label.BODY, text=CAPTION), L(Label.CREDIT, text=text), L(Label.BODY)]
        assert revise(paras, [0.0] * 4)[1].label is Label.CAPTION, text
    # A credit line the model made that names no maker is no photo's: "Video collection".
    # Nor is a caption of its own, with its credit after a stop.
    for text in ("Video collection", "Photo archive", "Photo of the Day: Autumn Meadow",
                 "Pumps at dusk on the old oil field. Bild: Jane Roe"):
        paras = [L(Label.BODY), L(Label.BODY, text=CAPTION), L(Label.CREDIT, text=text), L(Label.BODY)]
        assert revise(paras, [0.0] * 4)[1].label is Label.BODY, text


def test_a_row_of_specifications_over_a_credit_is_no_caption():
    spec = "Capacity: 30 ounces | Dimensions: 11 x 7 x 8 inches | Temperature range: 40-100 C"
    credit = L(Label.CREDIT, "rule:credit-prefix", "Credit: The Kettle Review")
    paras = [L(Label.BODY), L(Label.BODY, text=spec), credit, L(Label.BODY)]
    assert revise(paras, [0.0] * 4)[1].label is Label.BODY
    paras[1] = L(Label.BODY, text="The test kitchen's kettles lined up on the counter.")
    assert revise(paras, [0.0] * 4)[1].label is Label.CAPTION


def test_an_italian_caption_may_open_with_the_plural_article_i():
    text = "I vigili del fuoco davanti al capannone di via Roma, lunedì sera."
    paras = [L(Label.BODY), L(Label.BODY, text=text), CREDIT, L(Label.BODY)]
    assert revise(paras, [0.0] * 4, lang="it")[1].label is Label.CAPTION
    # In English "I" is the writer's voice, and Italian's "io" is too.
    paras[1] = L(Label.BODY, text="I watched the volunteers stack sandbags along the river wall.")
    assert revise(paras, [0.0] * 4, lang="en")[1].label is Label.BODY
    paras[1] = L(Label.BODY, text="Io e i vigili del fuoco davanti al capannone, lunedì sera.")
    assert revise(paras, [0.0] * 4, lang="it")[1].label is Label.BODY


PROSE = "The council voted on Thursday to double the visitor levy for cruise passengers from next April."


def U(text, score=0.3, label=Label.BODY, tag="line"):
    """A line the model labelled with little conviction."""
    return Paragraph(text, label, score, "model", label, tag)


def test_short_unsure_lines_outside_the_article_are_boilerplate():
    paras = [U("Sport"), U("Local news and weather"), U(PROSE, 0.95), U(PROSE, 0.9),
             U("Most read", 0.9, Label.BOILERPLATE), U("Ferry timetable changes from Monday", 0.4), U("Tide tables", 0.2)]
    out = revise(paras, [0.0] * len(paras))
    assert [p.why for p in out] == ["context:before-article"] * 2 + ["model"] * 3 + ["context:after-article"] * 2
    assert [p.label for p in out] == [Label.BOILERPLATE] * 2 + [Label.BODY] * 2 + [Label.BOILERPLATE] * 3
    assert out[0].first_label is Label.BODY and out[0].score == 0.7


def test_lines_of_the_article_and_sure_ones_stay_body():
    cases = (
        [U(PROSE, 0.9), U("What the levy pays for"), U(PROSE, 0.9)],               # a subheading inside it
        [U(PROSE, 0.9), U("The harbour in numbers")],                              # right after it: its own
        [U("Coastline Courier", 0.8), U(PROSE, 0.9)],                              # the model is sure
        [U("It rained all day."), U(PROSE, 0.9)],                                  # a closed sentence
        [U("Sport", tag="p"), U(PROSE, 0.9, tag="p")],                             # a page with markup
        [U("Sport"), U("Weather")],                                                # no prose: no article to bound
        [U(" ".join(["word"] * 11)), U(PROSE, 0.9)],                                # too long for a menu item
    )
    for paras in cases:
        out = revise(paras, [0.0] * len(paras))
        assert [p.label for p in out] == [p.label for p in paras], [p.text for p in paras]


# Readers' comments the extractor kept under an article (context:comments).
ARTICLE = [U("The harbour authority will dredge the north channel this winter, its director told the port committee.",
             0.99, tag="p"),
           U("Work is due to start in November and should let larger ferries dock at low tide from next spring.",
             0.98, tag="p")]


def C(text, score=0.9, label=Label.BODY, why="model"):
    return Paragraph(text, label, score, why, label, "p")


def test_a_signed_comment_thread_under_the_article_is_boilerplate():
    thread = [C("Comments", 0.95, Label.BOILERPLATE, "rule:boilerplate-exact"),
              C("About time. The ferry has sat off the pier waiting for the tide every week since June."),
              C("Posted by: Marta K. at October 3, 2024 9:12 AM", 0.4),
              C("Who pays for it, though? Last time the dredging bill landed on the harbour dues."),
              C("Posted by: old salt | Oct 3, 2024 10:47 AM", 0.6, Label.BOILERPLATE),
              C("Report this comment", 0.4)]
    out = revise(ARTICLE + thread, [0.0] * 8)
    assert [p.label for p in out] == [Label.BODY] * 2 + [Label.BOILERPLATE] * 6
    assert [p.why for p in out[3:]] == ["context:comments", "context:comments", "context:comments", "model",
                                        "context:comments"]
    assert out[3].first_label is Label.BODY and out[3].score == 0.9


def test_a_comment_signed_above_its_text_is_taken_with_the_last_mark():
    thread = [C("Verfasst von: Leser_HB am 3. März 2025 um 14:32", 0.5),
              C("Endlich tut sich etwas am Hafen, das wurde auch Zeit."),
              C("Verfasst von: Jens aus Vegesack am 3. März 2025 um 15:05", 0.5),
              C("Wer bezahlt das am Ende? Wieder die Anwohner, wie immer.")]
    out = revise(ARTICLE + thread, [0.0] * 6)
    assert [p.label for p in out] == [Label.BODY] * 2 + [Label.BOILERPLATE] * 4


def test_a_lone_signature_a_thread_without_an_article_and_rule_labels_stay():
    cases = (
        # A post's own byline, once, with its time.
        ARTICLE + [C("Posted by: harbour desk at 10:15 AM"), C("Tags: ferries, dredging", 0.6, Label.BOILERPLATE)],
        # Marks above the article's prose: a list of signed posts, not comments under one.
        [C("Posted by: Marta K. at 9:12 AM"), C("Posted by: old salt at 10:47 AM")] + ARTICLE,
        # Marks too far apart to be one thread.
        ARTICLE + [C("Posted by: Marta K. at 9:12 AM")] + [C(" ".join(["word"] * 40))] * 8 +
        [C("Posted by: old salt at 10:47 AM")],
        # ... or too many paragraphs apart: a footer's links.
        ARTICLE + [C("Report abuse")] + [C("Careers")] * 12 + [C("Report abuse")],
    )
    for paras in cases:
        out = revise(paras, [0.0] * len(paras))
        assert [p.label for p in out] == [p.label for p in paras], [p.text for p in paras]
    credit = C("By Marta K.", 0.9, Label.CREDIT, "rule:byline")
    out = revise(ARTICLE + [C("Posted by: a at 9:12 AM"), credit, C("Report abuse")], [0.0] * 5)
    assert out[3].label is Label.CREDIT and out[3].why == "rule:byline"


def test_everything_under_a_comments_closed_line_is_boilerplate_below_an_article_only():
    tail = [C("Les commentaires sont fermés.", 0.5), C("Pierre"), C("Encore des travaux payés par les usagers du port.")]
    out = revise(ARTICLE + tail, [0.0] * 5)
    assert [p.label for p in out] == [Label.BODY] * 2 + [Label.BOILERPLATE] * 3
    assert out[3].why == "context:comments"
    top = [C("Comments are closed.", 0.5)] + ARTICLE
    assert [p.label for p in revise(top, [0.0] * 3)] == [Label.BODY] * 3


def test_only_the_last_comments_closed_line_of_a_list_of_posts_counts():
    closed = C("Comments are closed.", 0.5)
    paras = ARTICLE + [closed] + ARTICLE + [closed, C("Archives"), C("Powered by our blog engine")]
    out = revise(paras, [0.0] * len(paras))
    assert [p.label for p in out] == [Label.BODY] * 5 + [Label.BOILERPLATE] * 3


def test_a_subhead_the_model_called_a_credit_is_body_between_body_paragraphs():
    for text in ("Up next", "Когда вернут тепло", "Перший тайм", "Wie geht es weiter?"):
        paras = [L(Label.BODY, text=PROSE), L(Label.CREDIT, text=text), L(Label.BODY, text=PROSE)]
        out = revise(paras, [0.0] * 3)
        assert (out[1].label, out[1].why) == (Label.BODY, "context:heading-not-credit"), text
    # A credit says so, names an agency, or is a name; and the rule looks only between body paragraphs.
    for text in ("Reuters file", "Text und Fotos: Ulrike Brünjes", "Photo courtesy of the museum", "Jane Roe",
                 "by the editorial team", "Image from the city archive"):
        paras = [L(Label.BODY, text=PROSE), L(Label.CREDIT, text=text), L(Label.BODY, text=PROSE)]
        assert revise(paras, [0.0] * 3)[1].label is Label.CREDIT, text
    paras = [L(Label.BODY, text=PROSE), L(Label.CREDIT, text="Up next"), L(Label.APPEAL)]
    assert revise(paras, [0.0] * 3)[1].label is Label.CREDIT


def test_a_section_line_above_the_article_is_no_credit():
    for text in ("Rostock · Lokales", "Aktualności / Gmina Bodzentyn", "Освіта • 28 серпня 2024"):
        paras = [L(Label.CREDIT, text=text), L(Label.BODY, text=PROSE)]
        out = revise(paras, [0.0] * 2)
        assert (out[0].label, out[0].why) == (Label.BOILERPLATE, "context:section-line"), text
    # Two writers' names, a byline with its date, and a line inside the article stay credits.
    for text in ("Rocío Benavente / Daniel Acosta", "By Haley Roe • March 12, 2025"):
        paras = [L(Label.CREDIT, text=text), L(Label.BODY, text=PROSE)]
        assert revise(paras, [0.0] * 2)[0].label is Label.CREDIT, text
    paras = [L(Label.BODY, text=PROSE), L(Label.CREDIT, text="Rostock · Lokales")]
    assert revise(paras, [0.0] * 2)[1].label is Label.CREDIT
