from cleaner.flatten import flatten


def test_visible_text_one_paragraph_per_block():
    page = ("<html><head><title>T</title><style>p{}</style></head><body><nav><a>Home</a> <a>World</a></nav>"
            "<p>First <b>bold</b> line.<br>After a break.</p><script>var x = 1;</script>"
            "<ul><li>One</li><li>Two</li></ul></body></html>")
    assert flatten(page.encode()).split("\n\n") == ["Home World", "First bold line.", "After a break.", "One", "Two"]

