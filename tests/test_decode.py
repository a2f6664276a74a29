import codecs

import pytest

from cleaner import CleanerError
from cleaner.decode import declared_charset, decode

UK = "Рятувальники працюють на місці удару в Дніпрі. Фото: ДСНС"


def test_declared_charset_is_used():
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{UK}</p></body></html>'
    text, enc = decode(page.encode("cp1251"))
    assert UK in text and enc == "cp1251"


def test_undeclared_cp1251_is_detected():
    data = (UK + " ") * 20
    text, enc = decode(data.encode("cp1251"), html=False)
    assert UK in text


def test_utf16_with_and_without_bom():
    text, _ = decode(codecs.BOM_UTF16_LE + UK.encode("utf-16-le"), html=False)
    assert text == UK
    text, enc = decode((UK * 3).encode("utf-16-le"), html=False)
    assert text == UK * 3 and enc == "utf-16-le"


def test_utf8_with_bom_and_latin1():
    assert decode(codecs.BOM_UTF8 + "café".encode(), html=False)[0] == "café"
    text, _ = decode("Le café était naïve et très fermé le matin.".encode("latin-1") * 5, html=False)
    assert "café" in text and "naïve" in text


@pytest.mark.parametrize("data,code", [
    (b"", "empty"), (b"  \n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    (bytes(range(0, 9)) * 300, "binary"),
])
def test_bad_bytes_get_a_clear_error(data, code):
    with pytest.raises(CleanerError) as info:
        decode(data)
    assert info.value.code == code


def test_nul_bytes_in_text_are_dropped():
    assert decode(b"A story.\x00 More text here.", html=False)[0] == "A story. More text here."


def test_declared_charset_unknown_name_is_ignored():
    assert declared_charset(b'<meta charset="no-such-charset">') is None
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">') == "iso8859-1"
