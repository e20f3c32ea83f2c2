"""Members' Markdown becomes safe HTML: only the allow-list survives, nothing executable."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.template import Context, Template

from community.text import markdown_safe

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "<b onmouseover=alert(1)>hover</b>",
    "<svg/onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](jav&#x09;ascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    '![x](https://evil.example/x.png "onerror=alert(1)")',
    '<http://x.example/" onmouseover="alert(1)>',
    '[x](https://ok.example/" onclick="alert(1))',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<div>\n<script>alert(1)</script>\n</div>",
    "<!-- <script>alert(1)</script> -->",
    "```\n<script>alert(1)</script>\n```",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name=x></form>',
]


ALLOWED = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4"}


class _Elements(HTMLParser):
    """Every element a browser would build from the HTML, with its attributes (entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_comment(self, data):
        self.comments.append(data)


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize("payload", XSS)
def test_nothing_executable_survives(payload):
    html = str(markdown_safe(payload))
    parsed = _elements(html)
    assert not parsed.comments
    for tag, attrs in parsed.elements:
        assert tag in ALLOWED, html
        if tag == "a":
            assert set(attrs) <= {"href", "rel"}, html
            href = re.sub(r"[\x00-\x20]", "", attrs.get("href") or "").lower()
            assert not href.startswith(("javascript:", "vbscript:", "data:")), html
            assert urlsplit(href).scheme in {"", "http", "https", "mailto"}, html
        else:
            assert not attrs, html


def test_raw_html_is_shown_as_text_not_markup():
    assert str(markdown_safe("<strong>loud</strong>")) == "<p>&lt;strong&gt;loud&lt;/strong&gt;</p>"


def test_markdown_formatting_is_kept():
    html = str(markdown_safe("**bold** _it_ `x`\n\n> quoted\n\n- one\n- two\n\n1. first\n\n```\ncode\n```"))
    for tag in ("<strong>bold</strong>", "<em>it</em>", "<code>x</code>", "<blockquote>", "<ul>", "<ol>", "<pre>"):
        assert tag in html


def test_links_get_rel_and_keep_safe_addresses():
    html = str(markdown_safe("[NICE](https://www.nice.org.uk/guidance/ng51) and <mailto:a@b.example>"))
    assert '<a href="https://www.nice.org.uk/guidance/ng51" rel="nofollow noopener noreferrer">NICE</a>' in html
    assert "mailto:" in html


def test_headings_are_demoted_to_h3_and_h4():
    html = str(markdown_safe("# One\n\n## Two\n\n### Three\n\n###### Six"))
    assert "<h1" not in html and "<h2" not in html and "<h5" not in html and "<h6" not in html
    assert html.count("<h3>") == 1 and html.count("<h4>") == 3


def test_empty_text():
    assert str(markdown_safe("")) == ""


def test_template_filter():
    html = Template("{% load discussions_tags %}{{ text|markdown_safe }}").render(
        Context({"text": "**hi** <script>x</script>"})
    )
    assert "<strong>hi</strong>" in html and "<script>" not in html
