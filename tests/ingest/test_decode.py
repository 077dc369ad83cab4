import pytest

from newsledger.ingest import read_path
from newsledger.ingest.decode import DecodeError, decode_bytes, looks_binary

WESTERN = "The minister said “yes” to the café plan — on Monday, in Zürich."


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"]
)
def test_encodings_decoded(encoding):
    assert decode_bytes(WESTERN.encode(encoding)) == WESTERN


def test_latin1_and_other_scripts():
    latin = "Le ministre a déclaré « c'est fini » à l'été dernier."
    assert decode_bytes(latin.encode("latin-1")) == latin
    japanese = "日本政府は月曜日、新しい経済対策を発表した。首相は記者会見で述べた。"
    assert decode_bytes(japanese.encode("shift_jis")) == japanese
    russian = "Правительство объявило новые меры поддержки экономики в понедельник."
    assert decode_bytes(russian.encode("cp1251")) == russian


def test_declared_charset_is_honoured():
    page = (
        '<html><head><meta charset="iso-8859-1"></head><body>Caf\xe9 \x93quoted\x94</body></html>'
    )
    # Latin-1 labels mean windows-1252, as browsers read them.
    assert "Café “quoted”" in decode_bytes(page.encode("latin-1"))
    assert decode_bytes("Stra\u00dfe".encode("cp1252"), declared="cp1252") == "Straße"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "binary file (NUL bytes), not text",
        ),
        (bytes(range(128, 256)) * 20, "undecodable: not UTF-8 and no character encoding detected"),
        (
            b"\xff\xfe\x00\xd8",
            "undecodable: byte-order mark says utf-16-le but unexpected end of data",
        ),
    ],
)
def test_refused(data, reason):
    with pytest.raises(DecodeError) as exc:
        decode_bytes(data)
    assert str(exc.value) == reason


def test_binary_sniffing():
    assert looks_binary(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    assert not looks_binary("plain text".encode("utf-16"))
    assert not looks_binary("BOM-less UTF-16 text here".encode("utf-16-le"))


def test_files_in_other_encodings(tmp_path):
    cp = tmp_path / "cp.txt"
    cp.write_bytes(f"Ministers meet in Zürich\n{WESTERN}\n".encode("cp1252"))
    u16 = tmp_path / "u16.txt"
    u16.write_bytes(f"Ministers meet in Zürich\n{WESTERN}\n".encode("utf-16"))
    for path in (cp, u16):
        (art,) = list(read_path(path))
        assert art.title == "Ministers meet in Zürich"
        assert art.text.endswith(WESTERN)
    sjis = tmp_path / "jp.html"
    body = (
        "日本政府は月曜日、新しい経済対策を発表した。首相は記者会見で、物価高に対応すると述べた。"
    )
    sjis.write_bytes(
        (
            '<html><head><meta charset="shift_jis"><title>経済対策</title></head><body>'
            f"<article><p>{body * 4}</p></article></body></html>"
        ).encode("shift_jis")
    )
    (art,) = list(read_path(sjis))
    assert art.title == "経済対策" and art.text.startswith(body)
