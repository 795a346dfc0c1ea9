#!/usr/bin/env python3
# odt-outline.py FILE.odt: reads an OpenDocument text file with odfpy, a
# reader independent of the writer, and prints what it holds, one line per
# element, in document order:
#
#   meta:title<TAB>…       meta:generator<TAB>…   meta:date<TAB>…
#   h<LEVEL><TAB>text      a heading and its outline level
#   p:<STYLE><TAB>text     a paragraph and its style's display name
#   li:<STYLE><TAB>text    a paragraph in a bullet list (STYLE is the list's)
#   toc-title<TAB>text     the table of contents' title
#   toc<LEVEL><TAB>text    an entry of the table of contents
#   footer<TAB>…           the master page's footer, fields as [page-number] …
#
# Exits 1 when the file is not an ODF text document.

import sys

from odf import teletype
from odf.namespaces import DCNS, METANS, STYLENS, TEXTNS
from odf.opendocument import load


def attribute(element, namespace, name):
    return element.attributes.get((namespace, name))


def style_names(document):
    names = {}
    for styles in (document.styles, document.automaticstyles):
        for style in styles.childNodes:
            name = attribute(style, STYLENS, 'name')
            if name is not None:
                names[name] = attribute(style, STYLENS, 'display-name') or name
    return names


def footer_text(element):
    parts = []
    for node in element.childNodes:
        if node.nodeType == node.TEXT_NODE:
            parts.append(str(node.data))
        elif node.qname[0] == TEXTNS and node.qname[1] in ('page-number', 'page-count'):
            parts.append('[%s]' % node.qname[1])
        elif node.qname == (TEXTNS, 's'):
            parts.append(' ' * int(attribute(node, TEXTNS, 'c') or 1))
        else:
            parts.append(footer_text(node))
    return ''.join(parts)


def walk(element, names, out, list_style=None):
    for node in element.childNodes:
        if node.nodeType != node.ELEMENT_NODE:
            continue
        namespace, tag = node.qname
        if namespace != TEXTNS:
            walk(node, names, out, list_style)
        elif tag == 'h':
            level = attribute(node, TEXTNS, 'outline-level')
            out.append('h%s\t%s' % (level, teletype.extractText(node)))
        elif tag == 'p':
            style = names.get(attribute(node, TEXTNS, 'style-name'), '?')
            if list_style is not None:
                out.append('li:%s\t%s' % (list_style, teletype.extractText(node)))
            else:
                out.append('p:%s\t%s' % (style, teletype.extractText(node)))
        elif tag == 'list':
            style = attribute(node, TEXTNS, 'style-name')
            walk(node, names, out, names.get(style, style))
        elif tag == 'table-of-content':
            body = [child for child in node.childNodes
                    if child.nodeType == child.ELEMENT_NODE and child.qname == (TEXTNS, 'index-body')]
            for child in body[0].childNodes if body else []:
                if child.qname == (TEXTNS, 'index-title'):
                    out.append('toc-title\t%s' % teletype.extractText(child))
                elif child.qname == (TEXTNS, 'p'):
                    style = names.get(attribute(child, TEXTNS, 'style-name'), '')
                    level = style.rsplit(' ', 1)[-1]
                    text = teletype.extractText(child).split('\t')[0]
                    out.append('toc%s\t%s' % (level, text))
        else:
            walk(node, names, out, list_style)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write('usage: odt-outline.py FILE.odt\n')
        return 2
    try:
        document = load(sys.argv[1])
    except Exception as error:  # odfpy raises whatever its parsers raise
        sys.stderr.write('%s: not an OpenDocument file: %s\n' % (sys.argv[1], error))
        return 1
    if document.mimetype != 'application/vnd.oasis.opendocument.text':
        sys.stderr.write('%s: not a text document: %s\n' % (sys.argv[1], document.mimetype))
        return 1

    out = []
    for element in document.meta.childNodes:
        if element.qname == (DCNS, 'title'):
            out.append('meta:title\t%s' % teletype.extractText(element))
        elif element.qname == (METANS, 'generator'):
            out.append('meta:generator\t%s' % teletype.extractText(element))
        elif element.qname == (DCNS, 'date'):
            out.append('meta:date\t%s' % teletype.extractText(element))

    for page in document.masterstyles.childNodes:
        for part in page.childNodes:
            if part.qname == (STYLENS, 'footer'):
                out.append('footer\t%s' % footer_text(part))

    walk(document.text, style_names(document), out)
    sys.stdout.write(''.join(line + '\n' for line in out))
    return 0


if __name__ == '__main__':
    sys.exit(main())
