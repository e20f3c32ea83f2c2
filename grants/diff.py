"""Word-level differences between two texts, as HTML a screen reader and a colour-blind reader can follow.

Words that were removed are wrapped in <del>, words that were added in <ins>, each starting with a
visually hidden "removed:" / "added:" label, so the change is announced and never shown by colour
alone (browsers also strike through and underline them). Everything is HTML-escaped. Punctuation is
compared on its own, so adding words before a full stop doesn't mark the last word as changed.
Line breaks of the newer text are kept; spacing is not compared, so re-flowing a paragraph is not a change.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

#: A paragraph break, a line break, spaces, a word (with inner apostrophes or hyphens), or one other character.
_TOKEN = re.compile(r"\n[^\S\n]*\n\s*|\n[^\S\n]*|[^\S\n]+|\w+(?:['’\-]\w+)*|[^\w\s]")
_WORD = re.compile(r"\w")
_PARAGRAPH = "\n\n"
_LINE = "\n"

#: A token's text, and whether a space came before it.
Token = tuple[str, bool]


@dataclass(frozen=True)
class TextDiff:
    """The difference between two texts: HTML to show, and how many words were added and removed."""

    html: SafeString
    added: int
    removed: int
    #: Anything but line breaks and spacing differs (punctuation included, though not counted as words).
    changed: bool


def _tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    space = False
    for match in _TOKEN.finditer((text or "").replace("\r\n", "\n").strip()):
        token = match.group()
        if token.startswith("\n"):
            tokens.append((_PARAGRAPH if token.count("\n") > 1 else _LINE, False))
            space = False
        elif token.isspace():
            space = True
        else:
            tokens.append((token, space))
            space = False
    return tokens


def _is_break(text: str) -> bool:
    return text in (_PARAGRAPH, _LINE)


def _words(tokens: list[Token]) -> int:
    return sum(1 for text, _space in tokens if _WORD.search(text))


class _Writer:
    """Collects HTML pieces, putting a space before a piece that had one, but never at the start of a line."""

    def __init__(self):
        self.parts: list[str] = []

    def add(self, html: str, space: bool) -> None:
        if space and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append(" ")
        self.parts.append(html)

    def add_break(self, text: str) -> None:
        self.parts.append("<br>\n<br>\n" if text == _PARAGRAPH else "<br>\n")

    def html(self) -> str:
        return "".join(self.parts)


def _inline(tokens: list[Token]) -> str:
    """Tokens (no breaks) as escaped text with their own spacing, the first one's space left to the caller."""
    return "".join((" " if space and index else "") + escape(text) for index, (text, space) in enumerate(tokens))


def _write_changed(writer: _Writer, tokens: list[Token], tag: str) -> None:
    """Runs of changed tokens, each wrapped in `tag`; an added line break is kept, a removed one dropped."""
    # Tinted as well as struck through or underlined: the colour is never the only sign.
    css = "bg-success-subtle text-success-emphasis" if tag == "ins" else "bg-danger-subtle text-danger-emphasis"
    label, end = (_("added:"), _("end of addition")) if tag == "ins" else (_("removed:"), _("end of removal"))
    run: list[Token] = []

    def flush():
        if run:
            writer.add(
                f'<{tag} class="{css}"><span class="visually-hidden">[{escape(label)} </span>{_inline(run)}'
                f'<span class="visually-hidden"> ({escape(end)})]</span></{tag}>',
                run[0][1],
            )
            run.clear()

    for token in tokens:
        if _is_break(token[0]):
            flush()
            if tag == "ins":
                writer.add_break(token[0])
        else:
            run.append(token)
    flush()


def diff_words(old: str, new: str) -> TextDiff:
    """Compare `old` with `new` word by word; see the module docstring for the markup."""
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, [t for t, _s in a], [t for t, _s in b], autojunk=False)
    writer = _Writer()
    added = removed = 0
    changed = False
    for op, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if op == "equal":
            for text, space in b[b_start:b_end]:
                if _is_break(text):
                    writer.add_break(text)
                else:
                    writer.add(escape(text), space)
            continue
        changed = changed or any(not _is_break(t) for t, _s in (*a[a_start:a_end], *b[b_start:b_end]))
        if op in ("delete", "replace"):
            removed += _words(a[a_start:a_end])
            _write_changed(writer, a[a_start:a_end], "del")
        if op in ("insert", "replace"):
            added += _words(b[b_start:b_end])
            _write_changed(writer, b[b_start:b_end], "ins")
    # Built only from escaped text and our own tags.
    return TextDiff(html=mark_safe(writer.html()), added=added, removed=removed, changed=changed)
