"""Spec text -> safe Javadoc HTML, and Javadoc block layout."""

import re
import textwrap

MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")


def html(text):
    text = str(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "&#92;").replace("*/", "*&#47;").replace("@", "&#64;")
    text = text.replace("{", "&#123;").replace("}", "&#125;")
    return text


def doc_text(text):
    """Spec text -> safe Javadoc HTML (markdown links become anchors)."""
    if text is None:
        return ""
    text = str(text).strip()
    out = []
    pos = 0
    for m in MD_LINK.finditer(text):
        out.append(html(text[pos : m.start()]))
        out.append('<a href="%s">%s</a>' % (html(m.group(2)), html(m.group(1))))
        pos = m.end()
    out.append(html(text[pos:]))
    return "".join(out)


def code(text):
    """Text for inside {@code ...}: braces stay (they are balanced in paths), only comment terminators go."""
    return str(text).replace("*/", "*&#47;").replace("\\", "&#92;")


def sentence(text):
    t = doc_text(text)
    if t and t[-1] not in ".!?:":
        t += "."
    return t


def javadoc(lines, indent=""):
    """lines: list of paragraphs / tag lines (already HTML). Wraps to ~110 columns."""
    width = 110 - len(indent) - 3
    body = []
    for para in lines:
        if para == "":
            body.append("")
            continue
        tag = re.match(r"^(@\w+(?: \S+)?) ", para)
        if tag:
            first = tag.group(1) + " "
            wrapped = textwrap.wrap(
                para[len(first) :],
                width=width,
                initial_indent=first,
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        elif para.startswith("<pre>"):
            wrapped = para.split("\n")
        else:
            wrapped = textwrap.wrap(para, width=width, break_long_words=False, break_on_hyphens=False)
        body.extend(wrapped or [""])
    # drop trailing blank lines
    while body and body[-1] == "":
        body.pop()
    if not body:
        return ""
    out = [indent + "/**"]
    for b in body:
        out.append((indent + " * " + b).rstrip())
    out.append(indent + " */")
    return "\n".join(out) + "\n"
